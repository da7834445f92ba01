;; Dense kernels in WebAssembly SIMD
;; =================================
;;
;; Y = X·Wᵀ + b for a batch, as src/executors/dense-kernels.ts computes it, with the layer's
;; weights stored transposed (`wt`, inputs × outputs, row-major) so that consecutive outputs
;; of one sample sit side by side in a vector. Every lane sums its own output in input order
;; from 0, then adds the bias — the JavaScript kernel's order, so the float64 results are the
;; same bit for bit. Pointers are byte offsets into the imported memory; X is read through
;; two byte strides (`x_row` between samples, `x_col` between inputs), so a transposed
;; operand (dZᵀ for dW = dZᵀ·A) needs no copy. With `accumulate` set the result is added to
;; what Y holds: Y + (b + X·Wᵀ).
;;
;; Assembled by scripts/build-wasm.ts (`npm run build:wasm`) into wasm-module.generated.ts.
(module
  (import "env" "memory" (memory 1))

  ;; float64, f64x2: two samples × eight outputs (four vectors) per block.
  (func (export "affine_f64")
    (param $wt i32) (param $bias i32) (param $inputs i32) (param $outputs i32)
    (param $x i32) (param $x_row i32) (param $x_col i32) (param $count i32)
    (param $y i32) (param $accumulate i32)
    (local $s i32) (local $j i32) (local $i i32)
    (local $x0 i32) (local $x1 i32) (local $y0 i32) (local $y1 i32)
    (local $w_row i32) (local $y_row i32) (local $wp i32) (local $p0 i32) (local $p1 i32)
    (local $u v128) (local $v v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $c f64) (local $d f64)
    (local.set $w_row (i32.shl (local.get $outputs) (i32.const 3)))
    (local.set $y_row (local.get $w_row))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $s) (local.get $count)))
        ;; NOTE: an odd last sample is paired with itself: both halves compute and store the
        ;; same values, so one code path serves every count.
        (local.set $x0 (i32.add (local.get $x) (i32.mul (local.get $s) (local.get $x_row))))
        (local.set $y0 (i32.add (local.get $y) (i32.mul (local.get $s) (local.get $y_row))))
        (if (i32.lt_u (i32.add (local.get $s) (i32.const 1)) (local.get $count))
          (then
            (local.set $x1 (i32.add (local.get $x0) (local.get $x_row)))
            (local.set $y1 (i32.add (local.get $y0) (local.get $y_row))))
          (else
            (local.set $x1 (local.get $x0))
            (local.set $y1 (local.get $y0))))
        (local.set $j (i32.const 0))

        ;; Eight outputs at a time.
        (block $wide_done
          (loop $wide
            (br_if $wide_done (i32.gt_u (i32.add (local.get $j) (i32.const 8)) (local.get $outputs)))
            (local.set $a0 (v128.const f64x2 0 0)) (local.set $a1 (v128.const f64x2 0 0))
            (local.set $a2 (v128.const f64x2 0 0)) (local.set $a3 (v128.const f64x2 0 0))
            (local.set $b0 (v128.const f64x2 0 0)) (local.set $b1 (v128.const f64x2 0 0))
            (local.set $b2 (v128.const f64x2 0 0)) (local.set $b3 (v128.const f64x2 0 0))
            (local.set $wp (i32.add (local.get $wt) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $p0 (local.get $x0))
            (local.set $p1 (local.get $x1))
            (local.set $i (local.get $inputs))
            (block $sum_done
              (loop $sum
                (br_if $sum_done (i32.eqz (local.get $i)))
                ;; NOTE: each input is loaded once into both lanes (load64_splat), each weight vector used for both samples:
                ;; 6 loads for 16 multiply-adds, eight independent accumulators in flight.
                (local.set $u (v128.load64_splat (local.get $p0)))
                (local.set $v (v128.load64_splat (local.get $p1)))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load (local.get $wp)) (local.get $u))))
                (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (v128.load (local.get $wp)) (local.get $v))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load offset=16 (local.get $wp)) (local.get $u))))
                (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (v128.load offset=16 (local.get $wp)) (local.get $v))))
                (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load offset=32 (local.get $wp)) (local.get $u))))
                (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (v128.load offset=32 (local.get $wp)) (local.get $v))))
                (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load offset=48 (local.get $wp)) (local.get $u))))
                (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (v128.load offset=48 (local.get $wp)) (local.get $v))))
                (local.set $p0 (i32.add (local.get $p0) (local.get $x_col)))
                (local.set $p1 (i32.add (local.get $p1) (local.get $x_col)))
                (local.set $wp (i32.add (local.get $wp) (local.get $w_row)))
                (local.set $i (i32.sub (local.get $i) (i32.const 1)))
                (br $sum)))
            (local.set $wp (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $a0 (f64x2.add (v128.load (local.get $wp)) (local.get $a0)))
            (local.set $b0 (f64x2.add (v128.load (local.get $wp)) (local.get $b0)))
            (local.set $a1 (f64x2.add (v128.load offset=16 (local.get $wp)) (local.get $a1)))
            (local.set $b1 (f64x2.add (v128.load offset=16 (local.get $wp)) (local.get $b1)))
            (local.set $a2 (f64x2.add (v128.load offset=32 (local.get $wp)) (local.get $a2)))
            (local.set $b2 (f64x2.add (v128.load offset=32 (local.get $wp)) (local.get $b2)))
            (local.set $a3 (f64x2.add (v128.load offset=48 (local.get $wp)) (local.get $a3)))
            (local.set $b3 (f64x2.add (v128.load offset=48 (local.get $wp)) (local.get $b3)))
            (local.set $p0 (i32.add (local.get $y0) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $p1 (i32.add (local.get $y1) (i32.shl (local.get $j) (i32.const 3))))
            (if (local.get $accumulate)
              (then
                (local.set $a0 (f64x2.add (v128.load (local.get $p0)) (local.get $a0)))
                (local.set $a1 (f64x2.add (v128.load offset=16 (local.get $p0)) (local.get $a1)))
                (local.set $a2 (f64x2.add (v128.load offset=32 (local.get $p0)) (local.get $a2)))
                (local.set $a3 (f64x2.add (v128.load offset=48 (local.get $p0)) (local.get $a3)))
                (local.set $b0 (f64x2.add (v128.load (local.get $p1)) (local.get $b0)))
                (local.set $b1 (f64x2.add (v128.load offset=16 (local.get $p1)) (local.get $b1)))
                (local.set $b2 (f64x2.add (v128.load offset=32 (local.get $p1)) (local.get $b2)))
                (local.set $b3 (f64x2.add (v128.load offset=48 (local.get $p1)) (local.get $b3)))))
            ;; The second sample's stores come last: for a self-paired sample they write the same values.
            (v128.store (local.get $p0) (local.get $a0))
            (v128.store offset=16 (local.get $p0) (local.get $a1))
            (v128.store offset=32 (local.get $p0) (local.get $a2))
            (v128.store offset=48 (local.get $p0) (local.get $a3))
            (v128.store (local.get $p1) (local.get $b0))
            (v128.store offset=16 (local.get $p1) (local.get $b1))
            (v128.store offset=32 (local.get $p1) (local.get $b2))
            (v128.store offset=48 (local.get $p1) (local.get $b3))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $wide)))

        ;; Two outputs at a time.
        (block $pair_done
          (loop $pair
            (br_if $pair_done (i32.gt_u (i32.add (local.get $j) (i32.const 2)) (local.get $outputs)))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $b0 (v128.const f64x2 0 0))
            (local.set $wp (i32.add (local.get $wt) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $p0 (local.get $x0))
            (local.set $p1 (local.get $x1))
            (local.set $i (local.get $inputs))
            (block $sum_done
              (loop $sum
                (br_if $sum_done (i32.eqz (local.get $i)))
                (local.set $a0 (f64x2.add (local.get $a0)
                  (f64x2.mul (v128.load (local.get $wp)) (v128.load64_splat (local.get $p0)))))
                (local.set $b0 (f64x2.add (local.get $b0)
                  (f64x2.mul (v128.load (local.get $wp)) (v128.load64_splat (local.get $p1)))))
                (local.set $p0 (i32.add (local.get $p0) (local.get $x_col)))
                (local.set $p1 (i32.add (local.get $p1) (local.get $x_col)))
                (local.set $wp (i32.add (local.get $wp) (local.get $w_row)))
                (local.set $i (i32.sub (local.get $i) (i32.const 1)))
                (br $sum)))
            (local.set $wp (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $a0 (f64x2.add (v128.load (local.get $wp)) (local.get $a0)))
            (local.set $b0 (f64x2.add (v128.load (local.get $wp)) (local.get $b0)))
            (local.set $p0 (i32.add (local.get $y0) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $p1 (i32.add (local.get $y1) (i32.shl (local.get $j) (i32.const 3))))
            (if (local.get $accumulate)
              (then
                (local.set $a0 (f64x2.add (v128.load (local.get $p0)) (local.get $a0)))
                (local.set $b0 (f64x2.add (v128.load (local.get $p1)) (local.get $b0)))))
            (v128.store (local.get $p0) (local.get $a0))
            (v128.store (local.get $p1) (local.get $b0))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $pair)))

        ;; The odd last output, one lane's worth in scalars.
        (if (i32.lt_u (local.get $j) (local.get $outputs))
          (then
            (local.set $c (f64.const 0))
            (local.set $d (f64.const 0))
            (local.set $wp (i32.add (local.get $wt) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $p0 (local.get $x0))
            (local.set $p1 (local.get $x1))
            (local.set $i (local.get $inputs))
            (block $sum_done
              (loop $sum
                (br_if $sum_done (i32.eqz (local.get $i)))
                (local.set $c (f64.add (local.get $c) (f64.mul (f64.load (local.get $wp)) (f64.load (local.get $p0)))))
                (local.set $d (f64.add (local.get $d) (f64.mul (f64.load (local.get $wp)) (f64.load (local.get $p1)))))
                (local.set $p0 (i32.add (local.get $p0) (local.get $x_col)))
                (local.set $p1 (i32.add (local.get $p1) (local.get $x_col)))
                (local.set $wp (i32.add (local.get $wp) (local.get $w_row)))
                (local.set $i (i32.sub (local.get $i) (i32.const 1)))
                (br $sum)))
            (local.set $wp (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $c (f64.add (f64.load (local.get $wp)) (local.get $c)))
            (local.set $d (f64.add (f64.load (local.get $wp)) (local.get $d)))
            (local.set $p0 (i32.add (local.get $y0) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $p1 (i32.add (local.get $y1) (i32.shl (local.get $j) (i32.const 3))))
            (if (local.get $accumulate)
              (then
                (local.set $c (f64.add (f64.load (local.get $p0)) (local.get $c)))
                (local.set $d (f64.add (f64.load (local.get $p1)) (local.get $d)))))
            (f64.store (local.get $p0) (local.get $c))
            (f64.store (local.get $p1) (local.get $d))))

        (local.set $s (i32.add (local.get $s) (i32.const 2)))
        (br $rows)))
  )

  ;; float64, f32x4: two samples × eight outputs (four vectors) per block.
  (func (export "affine_f32")
    (param $wt i32) (param $bias i32) (param $inputs i32) (param $outputs i32)
    (param $x i32) (param $x_row i32) (param $x_col i32) (param $count i32)
    (param $y i32) (param $accumulate i32)
    (local $s i32) (local $j i32) (local $i i32)
    (local $x0 i32) (local $x1 i32) (local $y0 i32) (local $y1 i32)
    (local $w_row i32) (local $y_row i32) (local $wp i32) (local $p0 i32) (local $p1 i32)
    (local $u v128) (local $v v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $c f32) (local $d f32)
    (local.set $w_row (i32.shl (local.get $outputs) (i32.const 2)))
    (local.set $y_row (local.get $w_row))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $s) (local.get $count)))
        (local.set $x0 (i32.add (local.get $x) (i32.mul (local.get $s) (local.get $x_row))))
        (local.set $y0 (i32.add (local.get $y) (i32.mul (local.get $s) (local.get $y_row))))
        (if (i32.lt_u (i32.add (local.get $s) (i32.const 1)) (local.get $count))
          (then
            (local.set $x1 (i32.add (local.get $x0) (local.get $x_row)))
            (local.set $y1 (i32.add (local.get $y0) (local.get $y_row))))
          (else
            (local.set $x1 (local.get $x0))
            (local.set $y1 (local.get $y0))))
        (local.set $j (i32.const 0))

        ;; Sixteen outputs at a time.
        (block $wide_done
          (loop $wide
            (br_if $wide_done (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $outputs)))
            (local.set $a0 (v128.const f32x4 0 0 0 0)) (local.set $a1 (v128.const f32x4 0 0 0 0))
            (local.set $a2 (v128.const f32x4 0 0 0 0)) (local.set $a3 (v128.const f32x4 0 0 0 0))
            (local.set $b0 (v128.const f32x4 0 0 0 0)) (local.set $b1 (v128.const f32x4 0 0 0 0))
            (local.set $b2 (v128.const f32x4 0 0 0 0)) (local.set $b3 (v128.const f32x4 0 0 0 0))
            (local.set $wp (i32.add (local.get $wt) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $p0 (local.get $x0))
            (local.set $p1 (local.get $x1))
            (local.set $i (local.get $inputs))
            (block $sum_done
              (loop $sum
                (br_if $sum_done (i32.eqz (local.get $i)))
                (local.set $u (v128.load32_splat (local.get $p0)))
                (local.set $v (v128.load32_splat (local.get $p1)))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load (local.get $wp)) (local.get $u))))
                (local.set $b0 (f32x4.add (local.get $b0) (f32x4.mul (v128.load (local.get $wp)) (local.get $v))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 (local.get $wp)) (local.get $u))))
                (local.set $b1 (f32x4.add (local.get $b1) (f32x4.mul (v128.load offset=16 (local.get $wp)) (local.get $v))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load offset=32 (local.get $wp)) (local.get $u))))
                (local.set $b2 (f32x4.add (local.get $b2) (f32x4.mul (v128.load offset=32 (local.get $wp)) (local.get $v))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load offset=48 (local.get $wp)) (local.get $u))))
                (local.set $b3 (f32x4.add (local.get $b3) (f32x4.mul (v128.load offset=48 (local.get $wp)) (local.get $v))))
                (local.set $p0 (i32.add (local.get $p0) (local.get $x_col)))
                (local.set $p1 (i32.add (local.get $p1) (local.get $x_col)))
                (local.set $wp (i32.add (local.get $wp) (local.get $w_row)))
                (local.set $i (i32.sub (local.get $i) (i32.const 1)))
                (br $sum)))
            (local.set $wp (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $a0 (f32x4.add (v128.load (local.get $wp)) (local.get $a0)))
            (local.set $b0 (f32x4.add (v128.load (local.get $wp)) (local.get $b0)))
            (local.set $a1 (f32x4.add (v128.load offset=16 (local.get $wp)) (local.get $a1)))
            (local.set $b1 (f32x4.add (v128.load offset=16 (local.get $wp)) (local.get $b1)))
            (local.set $a2 (f32x4.add (v128.load offset=32 (local.get $wp)) (local.get $a2)))
            (local.set $b2 (f32x4.add (v128.load offset=32 (local.get $wp)) (local.get $b2)))
            (local.set $a3 (f32x4.add (v128.load offset=48 (local.get $wp)) (local.get $a3)))
            (local.set $b3 (f32x4.add (v128.load offset=48 (local.get $wp)) (local.get $b3)))
            (local.set $p0 (i32.add (local.get $y0) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $p1 (i32.add (local.get $y1) (i32.shl (local.get $j) (i32.const 2))))
            (if (local.get $accumulate)
              (then
                (local.set $a0 (f32x4.add (v128.load (local.get $p0)) (local.get $a0)))
                (local.set $a1 (f32x4.add (v128.load offset=16 (local.get $p0)) (local.get $a1)))
                (local.set $a2 (f32x4.add (v128.load offset=32 (local.get $p0)) (local.get $a2)))
                (local.set $a3 (f32x4.add (v128.load offset=48 (local.get $p0)) (local.get $a3)))
                (local.set $b0 (f32x4.add (v128.load (local.get $p1)) (local.get $b0)))
                (local.set $b1 (f32x4.add (v128.load offset=16 (local.get $p1)) (local.get $b1)))
                (local.set $b2 (f32x4.add (v128.load offset=32 (local.get $p1)) (local.get $b2)))
                (local.set $b3 (f32x4.add (v128.load offset=48 (local.get $p1)) (local.get $b3)))))
            ;; The second sample's stores come last: for a self-paired sample they write the same values.
            (v128.store (local.get $p0) (local.get $a0))
            (v128.store offset=16 (local.get $p0) (local.get $a1))
            (v128.store offset=32 (local.get $p0) (local.get $a2))
            (v128.store offset=48 (local.get $p0) (local.get $a3))
            (v128.store (local.get $p1) (local.get $b0))
            (v128.store offset=16 (local.get $p1) (local.get $b1))
            (v128.store offset=32 (local.get $p1) (local.get $b2))
            (v128.store offset=48 (local.get $p1) (local.get $b3))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $wide)))

        ;; Four outputs at a time.
        (block $pair_done
          (loop $pair
            (br_if $pair_done (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $outputs)))
            (local.set $a0 (v128.const f32x4 0 0 0 0))
            (local.set $b0 (v128.const f32x4 0 0 0 0))
            (local.set $wp (i32.add (local.get $wt) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $p0 (local.get $x0))
            (local.set $p1 (local.get $x1))
            (local.set $i (local.get $inputs))
            (block $sum_done
              (loop $sum
                (br_if $sum_done (i32.eqz (local.get $i)))
                (local.set $a0 (f32x4.add (local.get $a0)
                  (f32x4.mul (v128.load (local.get $wp)) (v128.load32_splat (local.get $p0)))))
                (local.set $b0 (f32x4.add (local.get $b0)
                  (f32x4.mul (v128.load (local.get $wp)) (v128.load32_splat (local.get $p1)))))
                (local.set $p0 (i32.add (local.get $p0) (local.get $x_col)))
                (local.set $p1 (i32.add (local.get $p1) (local.get $x_col)))
                (local.set $wp (i32.add (local.get $wp) (local.get $w_row)))
                (local.set $i (i32.sub (local.get $i) (i32.const 1)))
                (br $sum)))
            (local.set $wp (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $a0 (f32x4.add (v128.load (local.get $wp)) (local.get $a0)))
            (local.set $b0 (f32x4.add (v128.load (local.get $wp)) (local.get $b0)))
            (local.set $p0 (i32.add (local.get $y0) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $p1 (i32.add (local.get $y1) (i32.shl (local.get $j) (i32.const 2))))
            (if (local.get $accumulate)
              (then
                (local.set $a0 (f32x4.add (v128.load (local.get $p0)) (local.get $a0)))
                (local.set $b0 (f32x4.add (v128.load (local.get $p1)) (local.get $b0)))))
            (v128.store (local.get $p0) (local.get $a0))
            (v128.store (local.get $p1) (local.get $b0))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $pair)))

        ;; The last one to three outputs, one at a time in scalars.
        (block $tail_done
          (loop $tail
            (br_if $tail_done (i32.ge_u (local.get $j) (local.get $outputs)))
            (local.set $c (f32.const 0))
            (local.set $d (f32.const 0))
            (local.set $wp (i32.add (local.get $wt) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $p0 (local.get $x0))
            (local.set $p1 (local.get $x1))
            (local.set $i (local.get $inputs))
            (block $sum_done
              (loop $sum
                (br_if $sum_done (i32.eqz (local.get $i)))
                (local.set $c (f32.add (local.get $c) (f32.mul (f32.load (local.get $wp)) (f32.load (local.get $p0)))))
                (local.set $d (f32.add (local.get $d) (f32.mul (f32.load (local.get $wp)) (f32.load (local.get $p1)))))
                (local.set $p0 (i32.add (local.get $p0) (local.get $x_col)))
                (local.set $p1 (i32.add (local.get $p1) (local.get $x_col)))
                (local.set $wp (i32.add (local.get $wp) (local.get $w_row)))
                (local.set $i (i32.sub (local.get $i) (i32.const 1)))
                (br $sum)))
            (local.set $wp (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $c (f32.add (f32.load (local.get $wp)) (local.get $c)))
            (local.set $d (f32.add (f32.load (local.get $wp)) (local.get $d)))
            (local.set $p0 (i32.add (local.get $y0) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $p1 (i32.add (local.get $y1) (i32.shl (local.get $j) (i32.const 2))))
            (if (local.get $accumulate)
              (then
                (local.set $c (f32.add (f32.load (local.get $p0)) (local.get $c)))
                (local.set $d (f32.add (f32.load (local.get $p1)) (local.get $d)))))
            (f32.store (local.get $p0) (local.get $c))
            (f32.store (local.get $p1) (local.get $d))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $tail)))

        (local.set $s (i32.add (local.get $s) (i32.const 2)))
        (br $rows)))
  )


  ;; float32 sigmoid in place, four lanes at a time: 1 / (1 + exp(-z)) with exp as Cephes'
  ;; expf (a degree-5 polynomial after reducing by ln 2, scaled by 2^n through the exponent
  ;; bits), within a few float32 ulps of the exact value. -z is clamped to [-87.3, 88.3] so that
  ;; 2^n stays a normal float32: sigmoid is then exactly 1 above 87.3 and about 4e-39 below -88.3.
  (func (export "sigmoid_f32") (param $at i32) (param $count i32)
    (local $end i32) (local $t v128) (local $n v128) (local $r v128) (local $p v128)
    (local.set $end (i32.add (local.get $at) (i32.shl (local.get $count) (i32.const 2))))
    ;; NOTE: the whole polynomial runs on four values at once, and the division too.
    (block $done
      (loop $each
        (br_if $done (i32.gt_u (i32.add (local.get $at) (i32.const 16)) (local.get $end)))
        (local.set $t (f32x4.min (f32x4.splat (f32.const 88.3))
          (f32x4.max (f32x4.splat (f32.const -87.3)) (f32x4.neg (v128.load (local.get $at))))))
        (local.set $n (f32x4.nearest (f32x4.mul (local.get $t) (f32x4.splat (f32.const 1.44269504088896341)))))
        (local.set $r (f32x4.sub
          (f32x4.sub (local.get $t) (f32x4.mul (local.get $n) (f32x4.splat (f32.const 0.693359375))))
          (f32x4.mul (local.get $n) (f32x4.splat (f32.const -2.12194440e-4)))))
        (local.set $p (f32x4.splat (f32.const 1.9875691500e-4)))
        (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 1.3981999507e-3))))
        (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 8.3334519073e-3))))
        (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 4.1665795894e-2))))
        (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 1.6666665459e-1))))
        (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 5.0000001201e-1))))
        (local.set $p (f32x4.add
          (f32x4.add (f32x4.mul (local.get $p) (f32x4.mul (local.get $r) (local.get $r))) (local.get $r))
          (f32x4.splat (f32.const 1))))
        ;; 2^n: n + 127 in the exponent bits.
        (local.set $n (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $n)) (i32x4.splat (i32.const 127)))
          (i32.const 23)))
        (v128.store (local.get $at) (f32x4.div (f32x4.splat (f32.const 1))
          (f32x4.add (f32x4.splat (f32.const 1)) (f32x4.mul (local.get $p) (local.get $n)))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $each)))
    ;; The last one to three values, one at a time through the same lanes.
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $t (f32x4.min (f32x4.splat (f32.const 88.3))
          (f32x4.max (f32x4.splat (f32.const -87.3)) (f32x4.neg (f32x4.splat (f32.load (local.get $at)))))))
        (local.set $n (f32x4.nearest (f32x4.mul (local.get $t) (f32x4.splat (f32.const 1.44269504088896341)))))
        (local.set $r (f32x4.sub
          (f32x4.sub (local.get $t) (f32x4.mul (local.get $n) (f32x4.splat (f32.const 0.693359375))))
          (f32x4.mul (local.get $n) (f32x4.splat (f32.const -2.12194440e-4)))))
        (local.set $p (f32x4.splat (f32.const 1.9875691500e-4)))
        (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 1.3981999507e-3))))
        (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 8.3334519073e-3))))
        (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 4.1665795894e-2))))
        (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 1.6666665459e-1))))
        (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 5.0000001201e-1))))
        (local.set $p (f32x4.add
          (f32x4.add (f32x4.mul (local.get $p) (f32x4.mul (local.get $r) (local.get $r))) (local.get $r))
          (f32x4.splat (f32.const 1))))
        (local.set $n (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $n)) (i32x4.splat (i32.const 127)))
          (i32.const 23)))
        (f32.store (local.get $at) (f32x4.extract_lane 0 (f32x4.div (f32x4.splat (f32.const 1))
          (f32x4.add (f32x4.splat (f32.const 1)) (f32x4.mul (local.get $p) (local.get $n))))))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br $tail)))
  )
)
