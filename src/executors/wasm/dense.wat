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
    (local $u v128) (local $v v128) (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $c f64) (local $d f64) (local $o i32) (local $end i32)
    (local.set $w_row (i32.shl (local.get $outputs) (i32.const 3)))
    (local.set $end (i32.mul (local.get $inputs) (local.get $x_col)))
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
            (local.set $o (i32.const 0))
            (block $sum_done
              (loop $sum
                (br_if $sum_done (i32.ge_u (local.get $o) (local.get $end)))
                ;; NOTE: each input is loaded once into both lanes (load64_splat), each weight vector once into a
                ;; local and used for both samples: 6 loads for 16 multiply-adds, eight independent accumulators in
                ;; flight, one offset ($o) for both samples' inputs (1.3× faster than loading each weight twice).
                (local.set $w0 (v128.load (local.get $wp)))
                (local.set $w1 (v128.load offset=16 (local.get $wp)))
                (local.set $w2 (v128.load offset=32 (local.get $wp)))
                (local.set $w3 (v128.load offset=48 (local.get $wp)))
                (local.set $u (v128.load64_splat (i32.add (local.get $x0) (local.get $o))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $w0) (local.get $u))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $w1) (local.get $u))))
                (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $w2) (local.get $u))))
                (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $w3) (local.get $u))))
                (local.set $v (v128.load64_splat (i32.add (local.get $x1) (local.get $o))))
                (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $w0) (local.get $v))))
                (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $w1) (local.get $v))))
                (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $w2) (local.get $v))))
                (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $w3) (local.get $v))))
                (local.set $o (i32.add (local.get $o) (local.get $x_col)))
                (local.set $wp (i32.add (local.get $wp) (local.get $w_row)))
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
                (local.set $w0 (v128.load (local.get $wp)))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $w0) (v128.load64_splat (local.get $p0)))))
                (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $w0) (v128.load64_splat (local.get $p1)))))
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

  ;; float32, f32x4, for the float32 pass (src/executors/wasm-float32.ts): the layer's weights
  ;; packed once into panels of eight outputs, the XNNPACK layout — panel p holds, input after
  ;; input, the eight weights W[8p … 8p+7, i] side by side (`inputs × 8`, zeros past the last
  ;; output), and the bias in the same eights — so the sum loop reads its weights as one
  ;; contiguous stream. Y's rows are `panels × 8` wide (the padding lanes are computed and never
  ;; read); X is read with the byte stride `x_row` between samples. Every lane starts from its
  ;; bias and adds the products in input order, in blocks of four samples as one at a time, so a
  ;; row's result does not depend on the batch it came in. With `sigmoid` set, each block of rows
  ;; goes through $sigmoid while it is still in the cache.
  (func (export "dense_f32")
    (param $w i32) (param $bias i32) (param $inputs i32) (param $panels i32)
    (param $x i32) (param $x_row i32) (param $count i32) (param $y i32) (param $sigmoid i32)
    (local $s i32) (local $p i32) (local $i i32) (local $end i32) (local $wp i32) (local $bp i32) (local $y_row i32)
    (local $x0 i32) (local $x1 i32) (local $x2 i32) (local $x3 i32)
    (local $y0 i32) (local $y1 i32) (local $y2 i32) (local $y3 i32)
    (local $wa v128) (local $wb v128) (local $u v128)
    (local $a0 v128) (local $b0 v128) (local $a1 v128) (local $b1 v128)
    (local $a2 v128) (local $b2 v128) (local $a3 v128) (local $b3 v128)
    (local.set $y_row (i32.shl (local.get $panels) (i32.const 5)))
    (local.set $end (i32.shl (local.get $inputs) (i32.const 2)))

    ;; Four samples × eight outputs (two vectors) per block.
    (block $blocks_done
      (loop $blocks
        (br_if $blocks_done (i32.gt_u (i32.add (local.get $s) (i32.const 4)) (local.get $count)))
        (local.set $x0 (i32.add (local.get $x) (i32.mul (local.get $s) (local.get $x_row))))
        (local.set $x1 (i32.add (local.get $x0) (local.get $x_row)))
        (local.set $x2 (i32.add (local.get $x1) (local.get $x_row)))
        (local.set $x3 (i32.add (local.get $x2) (local.get $x_row)))
        (local.set $y0 (i32.add (local.get $y) (i32.mul (local.get $s) (local.get $y_row))))
        (local.set $y1 (i32.add (local.get $y0) (local.get $y_row)))
        (local.set $y2 (i32.add (local.get $y1) (local.get $y_row)))
        (local.set $y3 (i32.add (local.get $y2) (local.get $y_row)))
        (local.set $wp (local.get $w))
        (local.set $bp (local.get $bias))
        (local.set $p (local.get $panels))
        (block $panels_done
          (loop $panels
            (br_if $panels_done (i32.eqz (local.get $p)))
            (local.set $a0 (v128.load (local.get $bp)))
            (local.set $b0 (v128.load offset=16 (local.get $bp)))
            (local.set $a1 (local.get $a0)) (local.set $b1 (local.get $b0))
            (local.set $a2 (local.get $a0)) (local.set $b2 (local.get $b0))
            (local.set $a3 (local.get $a0)) (local.set $b3 (local.get $b0))
            (local.set $i (i32.const 0))
            ;; NOTE: the exit test at the loop's end (a layer without inputs skips it before): 1.2× faster than
            ;; testing at the top and branching back.
            (block $sum_done
              (br_if $sum_done (i32.eqz (local.get $end)))
              (loop $sum
                ;; NOTE: two weight vectors and four input splats feed sixteen multiply-adds in eight
                ;; independent accumulators (XNNPACK's 4×8 f32 GEMM micro-kernel for wasm SIMD).
                (local.set $wa (v128.load (local.get $wp)))
                (local.set $wb (v128.load offset=16 (local.get $wp)))
                (local.set $u (v128.load32_splat (i32.add (local.get $x0) (local.get $i))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $wa) (local.get $u))))
                (local.set $b0 (f32x4.add (local.get $b0) (f32x4.mul (local.get $wb) (local.get $u))))
                (local.set $u (v128.load32_splat (i32.add (local.get $x1) (local.get $i))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $wa) (local.get $u))))
                (local.set $b1 (f32x4.add (local.get $b1) (f32x4.mul (local.get $wb) (local.get $u))))
                (local.set $u (v128.load32_splat (i32.add (local.get $x2) (local.get $i))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $wa) (local.get $u))))
                (local.set $b2 (f32x4.add (local.get $b2) (f32x4.mul (local.get $wb) (local.get $u))))
                (local.set $u (v128.load32_splat (i32.add (local.get $x3) (local.get $i))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $wa) (local.get $u))))
                (local.set $b3 (f32x4.add (local.get $b3) (f32x4.mul (local.get $wb) (local.get $u))))
                (local.set $wp (i32.add (local.get $wp) (i32.const 32)))
                (local.set $i (i32.add (local.get $i) (i32.const 4)))
                (br_if $sum (i32.lt_u (local.get $i) (local.get $end)))))
            (v128.store (local.get $y0) (local.get $a0))
            (v128.store offset=16 (local.get $y0) (local.get $b0))
            (local.set $y0 (i32.add (local.get $y0) (i32.const 32)))
            (v128.store (local.get $y1) (local.get $a1))
            (v128.store offset=16 (local.get $y1) (local.get $b1))
            (local.set $y1 (i32.add (local.get $y1) (i32.const 32)))
            (v128.store (local.get $y2) (local.get $a2))
            (v128.store offset=16 (local.get $y2) (local.get $b2))
            (local.set $y2 (i32.add (local.get $y2) (i32.const 32)))
            (v128.store (local.get $y3) (local.get $a3))
            (v128.store offset=16 (local.get $y3) (local.get $b3))
            (local.set $y3 (i32.add (local.get $y3) (i32.const 32)))
            (local.set $bp (i32.add (local.get $bp) (i32.const 32)))
            (local.set $p (i32.sub (local.get $p) (i32.const 1)))
            (br $panels)))
        (if (local.get $sigmoid)
          (then (call $sigmoid (i32.add (local.get $y) (i32.mul (local.get $s) (local.get $y_row)))
            (i32.shl (local.get $panels) (i32.const 5)))))
        (local.set $s (i32.add (local.get $s) (i32.const 4)))
        (br $blocks)))

    ;; The last one to three samples, one at a time, each lane in the same order as above.
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $s) (local.get $count)))
        (local.set $x0 (i32.add (local.get $x) (i32.mul (local.get $s) (local.get $x_row))))
        (local.set $y0 (i32.add (local.get $y) (i32.mul (local.get $s) (local.get $y_row))))
        (local.set $wp (local.get $w))
        (local.set $bp (local.get $bias))
        (local.set $p (local.get $panels))
        (block $panels_done
          (loop $panels
            (br_if $panels_done (i32.eqz (local.get $p)))
            (local.set $a0 (v128.load (local.get $bp)))
            (local.set $b0 (v128.load offset=16 (local.get $bp)))
            (local.set $i (i32.const 0))
            (block $sum_done
              (br_if $sum_done (i32.eqz (local.get $end)))
              (loop $sum
                (local.set $u (v128.load32_splat (i32.add (local.get $x0) (local.get $i))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load (local.get $wp)) (local.get $u))))
                (local.set $b0 (f32x4.add (local.get $b0) (f32x4.mul (v128.load offset=16 (local.get $wp)) (local.get $u))))
                (local.set $wp (i32.add (local.get $wp) (i32.const 32)))
                (local.set $i (i32.add (local.get $i) (i32.const 4)))
                (br_if $sum (i32.lt_u (local.get $i) (local.get $end)))))
            (v128.store (local.get $y0) (local.get $a0))
            (v128.store offset=16 (local.get $y0) (local.get $b0))
            (local.set $y0 (i32.add (local.get $y0) (i32.const 32)))
            (local.set $bp (i32.add (local.get $bp) (i32.const 32)))
            (local.set $p (i32.sub (local.get $p) (i32.const 1)))
            (br $panels)))
        (if (local.get $sigmoid)
          (then (call $sigmoid (i32.add (local.get $y) (i32.mul (local.get $s) (local.get $y_row)))
            (i32.shl (local.get $panels) (i32.const 3)))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $rows)))
  )

  ;; float64 → float32, `count` values from `from` to `to` (round to nearest, as Float32Array does).
  (func (export "demote_f64") (param $from i32) (param $to i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $from) (i32.shl (local.get $count) (i32.const 3))))
    ;; NOTE: four values a step: two f64x2 → f32 demotions, their low halves shuffled into one vector.
    (block $wide_done
      (loop $wide
        (br_if $wide_done (i32.gt_u (i32.add (local.get $from) (i32.const 32)) (local.get $end)))
        (v128.store (local.get $to)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (f32x4.demote_f64x2_zero (v128.load (local.get $from)))
            (f32x4.demote_f64x2_zero (v128.load offset=16 (local.get $from)))))
        (local.set $from (i32.add (local.get $from) (i32.const 32)))
        (local.set $to (i32.add (local.get $to) (i32.const 16)))
        (br $wide)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $from) (local.get $end)))
        (f32.store (local.get $to) (f32.demote_f64 (f64.load (local.get $from))))
        (local.set $from (i32.add (local.get $from) (i32.const 8)))
        (local.set $to (i32.add (local.get $to) (i32.const 4)))
        (br $each)))
  )

  ;; float32 sigmoid in place: 1 / (1 + exp(-z)) with exp as Cephes' expf (reduced by ln 2 in two
  ;; parts, a degree-5 polynomial, scaled by 2^n through the exponent bits), within a few float32
  ;; ulps of the exact value. z is clamped to [-88.3, 87.3] so that 2^n stays a normal float32:
  ;; sigmoid is then exactly 1 above 87.3 and about 4e-39 below -88.3; a NaN stays NaN (the
  ;; clamp's pmax/pmin keep their first operand when a comparison is false), so the caller sees it.
  (func $sigmoid (export "sigmoid_f32") (param $at i32) (param $count i32)
    (local $end i32)
    (local $z0 v128) (local $n0 v128) (local $r0 v128) (local $p0 v128) (local $s0 v128)
    (local $z1 v128) (local $n1 v128) (local $r1 v128) (local $p1 v128) (local $s1 v128)
    (local $z2 v128) (local $n2 v128) (local $r2 v128) (local $p2 v128) (local $s2 v128)
    (local $z3 v128) (local $n3 v128) (local $r3 v128) (local $p3 v128) (local $s3 v128)
    (local $high v128) (local $low v128) (local $log2e v128) (local $magic v128) (local $minus_ln2_hi v128) (local $ln2_lo v128)
    (local $c5 v128) (local $c4 v128) (local $c3 v128) (local $c2 v128) (local $c1 v128) (local $c0 v128) (local $one v128)
    (local.set $high (v128.const f32x4 87.3 87.3 87.3 87.3))
    (local.set $low (v128.const f32x4 -88.3 -88.3 -88.3 -88.3))
    (local.set $log2e (v128.const f32x4 -1.44269504088896341 -1.44269504088896341 -1.44269504088896341 -1.44269504088896341))
    ;; NOTE: adding 1.5·2^23 + 127 rounds -z·log2(e) to an integer n in the low mantissa bits, already
    ;; biased: shifted left by 23 they are 2^n (XNNPACK's "magic bias"; no float→int conversion).
    (local.set $magic (v128.const f32x4 12583039 12583039 12583039 12583039))
    (local.set $minus_ln2_hi (v128.const f32x4 -0.693359375 -0.693359375 -0.693359375 -0.693359375))
    ;; ln 2 = 0.693359375 + ln2_lo, the first part exact in a few bits, so n · 0.693359375 is exact.
    (local.set $ln2_lo (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))
    (local.set $c5 (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4))
    (local.set $c4 (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3))
    (local.set $c3 (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3))
    (local.set $c2 (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2))
    (local.set $c1 (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1))
    (local.set $c0 (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1))
    (local.set $one (v128.const f32x4 1 1 1 1))
    (local.set $end (i32.add (local.get $at) (i32.shl (local.get $count) (i32.const 2))))
    ;; NOTE: four vectors at a time, their steps interleaved: one vector's chain of dependent
    ;; steps alone leaves the SIMD units idle (2.2× faster than one vector at a time here).
    (block $wide_done
      (loop $wide
        (br_if $wide_done (i32.gt_u (i32.add (local.get $at) (i32.const 64)) (local.get $end)))
        (local.set $z0 (f32x4.pmin (f32x4.pmax (v128.load offset=0 (local.get $at)) (local.get $low)) (local.get $high)))
        (local.set $z1 (f32x4.pmin (f32x4.pmax (v128.load offset=16 (local.get $at)) (local.get $low)) (local.get $high)))
        (local.set $z2 (f32x4.pmin (f32x4.pmax (v128.load offset=32 (local.get $at)) (local.get $low)) (local.get $high)))
        (local.set $z3 (f32x4.pmin (f32x4.pmax (v128.load offset=48 (local.get $at)) (local.get $low)) (local.get $high)))
        (local.set $n0 (f32x4.add (f32x4.mul (local.get $z0) (local.get $log2e)) (local.get $magic)))
        (local.set $n1 (f32x4.add (f32x4.mul (local.get $z1) (local.get $log2e)) (local.get $magic)))
        (local.set $n2 (f32x4.add (f32x4.mul (local.get $z2) (local.get $log2e)) (local.get $magic)))
        (local.set $n3 (f32x4.add (f32x4.mul (local.get $z3) (local.get $log2e)) (local.get $magic)))
        (local.set $s0 (i32x4.shl (local.get $n0) (i32.const 23)))
        (local.set $s1 (i32x4.shl (local.get $n1) (i32.const 23)))
        (local.set $s2 (i32x4.shl (local.get $n2) (i32.const 23)))
        (local.set $s3 (i32x4.shl (local.get $n3) (i32.const 23)))
        (local.set $n0 (f32x4.sub (local.get $n0) (local.get $magic)))
        (local.set $n1 (f32x4.sub (local.get $n1) (local.get $magic)))
        (local.set $n2 (f32x4.sub (local.get $n2) (local.get $magic)))
        (local.set $n3 (f32x4.sub (local.get $n3) (local.get $magic)))
        (local.set $r0 (f32x4.sub (f32x4.sub (f32x4.mul (local.get $n0) (local.get $minus_ln2_hi)) (local.get $z0)) (f32x4.mul (local.get $n0) (local.get $ln2_lo))))
        (local.set $r1 (f32x4.sub (f32x4.sub (f32x4.mul (local.get $n1) (local.get $minus_ln2_hi)) (local.get $z1)) (f32x4.mul (local.get $n1) (local.get $ln2_lo))))
        (local.set $r2 (f32x4.sub (f32x4.sub (f32x4.mul (local.get $n2) (local.get $minus_ln2_hi)) (local.get $z2)) (f32x4.mul (local.get $n2) (local.get $ln2_lo))))
        (local.set $r3 (f32x4.sub (f32x4.sub (f32x4.mul (local.get $n3) (local.get $minus_ln2_hi)) (local.get $z3)) (f32x4.mul (local.get $n3) (local.get $ln2_lo))))
        (local.set $p0 (f32x4.add (f32x4.mul (local.get $c5) (local.get $r0)) (local.get $c4)))
        (local.set $p1 (f32x4.add (f32x4.mul (local.get $c5) (local.get $r1)) (local.get $c4)))
        (local.set $p2 (f32x4.add (f32x4.mul (local.get $c5) (local.get $r2)) (local.get $c4)))
        (local.set $p3 (f32x4.add (f32x4.mul (local.get $c5) (local.get $r3)) (local.get $c4)))
        (local.set $p0 (f32x4.add (f32x4.mul (local.get $p0) (local.get $r0)) (local.get $c3)))
        (local.set $p1 (f32x4.add (f32x4.mul (local.get $p1) (local.get $r1)) (local.get $c3)))
        (local.set $p2 (f32x4.add (f32x4.mul (local.get $p2) (local.get $r2)) (local.get $c3)))
        (local.set $p3 (f32x4.add (f32x4.mul (local.get $p3) (local.get $r3)) (local.get $c3)))
        (local.set $p0 (f32x4.add (f32x4.mul (local.get $p0) (local.get $r0)) (local.get $c2)))
        (local.set $p1 (f32x4.add (f32x4.mul (local.get $p1) (local.get $r1)) (local.get $c2)))
        (local.set $p2 (f32x4.add (f32x4.mul (local.get $p2) (local.get $r2)) (local.get $c2)))
        (local.set $p3 (f32x4.add (f32x4.mul (local.get $p3) (local.get $r3)) (local.get $c2)))
        (local.set $p0 (f32x4.add (f32x4.mul (local.get $p0) (local.get $r0)) (local.get $c1)))
        (local.set $p1 (f32x4.add (f32x4.mul (local.get $p1) (local.get $r1)) (local.get $c1)))
        (local.set $p2 (f32x4.add (f32x4.mul (local.get $p2) (local.get $r2)) (local.get $c1)))
        (local.set $p3 (f32x4.add (f32x4.mul (local.get $p3) (local.get $r3)) (local.get $c1)))
        (local.set $p0 (f32x4.add (f32x4.mul (local.get $p0) (local.get $r0)) (local.get $c0)))
        (local.set $p1 (f32x4.add (f32x4.mul (local.get $p1) (local.get $r1)) (local.get $c0)))
        (local.set $p2 (f32x4.add (f32x4.mul (local.get $p2) (local.get $r2)) (local.get $c0)))
        (local.set $p3 (f32x4.add (f32x4.mul (local.get $p3) (local.get $r3)) (local.get $c0)))
        (local.set $p0 (f32x4.add (f32x4.add (f32x4.mul (local.get $p0) (f32x4.mul (local.get $r0) (local.get $r0))) (local.get $r0)) (local.get $one)))
        (local.set $p1 (f32x4.add (f32x4.add (f32x4.mul (local.get $p1) (f32x4.mul (local.get $r1) (local.get $r1))) (local.get $r1)) (local.get $one)))
        (local.set $p2 (f32x4.add (f32x4.add (f32x4.mul (local.get $p2) (f32x4.mul (local.get $r2) (local.get $r2))) (local.get $r2)) (local.get $one)))
        (local.set $p3 (f32x4.add (f32x4.add (f32x4.mul (local.get $p3) (f32x4.mul (local.get $r3) (local.get $r3))) (local.get $r3)) (local.get $one)))
        (v128.store offset=0 (local.get $at) (f32x4.div (local.get $one) (f32x4.add (local.get $one) (f32x4.mul (local.get $p0) (local.get $s0)))))
        (v128.store offset=16 (local.get $at) (f32x4.div (local.get $one) (f32x4.add (local.get $one) (f32x4.mul (local.get $p1) (local.get $s1)))))
        (v128.store offset=32 (local.get $at) (f32x4.div (local.get $one) (f32x4.add (local.get $one) (f32x4.mul (local.get $p2) (local.get $s2)))))
        (v128.store offset=48 (local.get $at) (f32x4.div (local.get $one) (f32x4.add (local.get $one) (f32x4.mul (local.get $p3) (local.get $s3)))))
        (local.set $at (i32.add (local.get $at) (i32.const 64)))
        (br $wide)))
    ;; Then one vector at a time, and the last one to three values through the same lanes.
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (if (i32.le_u (i32.add (local.get $at) (i32.const 16)) (local.get $end))
          (then (local.set $z0 (v128.load (local.get $at))))
          (else (local.set $z0 (f32x4.splat (f32.load (local.get $at))))))
        (local.set $z0 (f32x4.pmin (f32x4.pmax (local.get $z0) (local.get $low)) (local.get $high)))
        (local.set $n0 (f32x4.add (f32x4.mul (local.get $z0) (local.get $log2e)) (local.get $magic)))
        (local.set $s0 (i32x4.shl (local.get $n0) (i32.const 23)))
        (local.set $n0 (f32x4.sub (local.get $n0) (local.get $magic)))
        (local.set $r0 (f32x4.sub (f32x4.sub (f32x4.mul (local.get $n0) (local.get $minus_ln2_hi)) (local.get $z0)) (f32x4.mul (local.get $n0) (local.get $ln2_lo))))
        (local.set $p0 (f32x4.add (f32x4.mul (local.get $c5) (local.get $r0)) (local.get $c4)))
        (local.set $p0 (f32x4.add (f32x4.mul (local.get $p0) (local.get $r0)) (local.get $c3)))
        (local.set $p0 (f32x4.add (f32x4.mul (local.get $p0) (local.get $r0)) (local.get $c2)))
        (local.set $p0 (f32x4.add (f32x4.mul (local.get $p0) (local.get $r0)) (local.get $c1)))
        (local.set $p0 (f32x4.add (f32x4.mul (local.get $p0) (local.get $r0)) (local.get $c0)))
        (local.set $p0 (f32x4.add (f32x4.add (f32x4.mul (local.get $p0) (f32x4.mul (local.get $r0) (local.get $r0))) (local.get $r0)) (local.get $one)))
        (local.set $z0 (f32x4.div (local.get $one) (f32x4.add (local.get $one) (f32x4.mul (local.get $p0) (local.get $s0)))))
        (if (i32.le_u (i32.add (local.get $at) (i32.const 16)) (local.get $end))
          (then
            (v128.store (local.get $at) (local.get $z0))
            (local.set $at (i32.add (local.get $at) (i32.const 16))))
          (else
            (f32.store (local.get $at) (f32x4.extract_lane 0 (local.get $z0)))
            (local.set $at (i32.add (local.get $at) (i32.const 4)))))
        (br $each)))
  )
)
