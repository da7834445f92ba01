;; The CSR pass in WebAssembly
;; ===========================
;;
;; The weighted sums of a segment of a plan (consecutive neurons of one generation and one
;; activation, none of which feeds another) as src/executors/propagation.ts computes them:
;; each neuron's Σ weight × source value, summed from 0 in slot order, stored over its
;; value. Same operations in the same order, so the sums are the JavaScript loop's bit for
;; bit (WebAssembly never fuses a multiply-add). The activation stays in JavaScript: its
;; Math.exp is the one every other path calls, and called from here through an import it
;; was slower (measured). Pointers are byte offsets into the imported memory: `values`
;; float64 by position, `starts` int32 (positions + 1), `sources` int32 and `weights`
;; float64 by slot.
;;
;; Assembled by scripts/build-wasm.ts (`npm run build:wasm`) into wasm-csr-module.generated.ts.
(module
  (import "env" "memory" (memory 1))

  ;; values[p] = Σ weights[s] · values[sources[s]] for p in [start, end); returns Σ sum · 0,
  ;; which is 0 when every sum is finite and NaN otherwise.
  ;; NOTE: two neurons at a time, their slots interleaved while both have some: two
  ;; independent add chains for the processor to overlap, each still in its own slot order.
  (func (export "sums")
    (param $start i32) (param $end i32)
    (param $values i32) (param $starts i32) (param $sources i32) (param $weights i32)
    (result f64)
    (local $p i32) (local $check f64)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $both i32)
    (local $a i32) (local $a_end i32) (local $a_w i32) (local $sum_a f64)
    (local $b i32) (local $b_end i32) (local $b_w i32) (local $sum_b f64)
    (local.set $p (local.get $start))
    (block $neurons_done
      (loop $neurons
        (br_if $neurons_done (i32.ge_u (local.get $p) (local.get $end)))
        ;; Neuron A is p, neuron B is p + 1, or an empty one past the end (then s2 = s1).
        (local.set $s0 (i32.load (i32.add (local.get $starts) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $s1 (i32.load offset=4 (i32.add (local.get $starts) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $s2 (local.get $s1))
        (if (i32.lt_u (i32.add (local.get $p) (i32.const 1)) (local.get $end))
          (then (local.set $s2 (i32.load offset=8 (i32.add (local.get $starts) (i32.shl (local.get $p) (i32.const 2)))))))
        (local.set $a (i32.add (local.get $sources) (i32.shl (local.get $s0) (i32.const 2))))
        (local.set $a_w (i32.add (local.get $weights) (i32.shl (local.get $s0) (i32.const 3))))
        (local.set $b (i32.add (local.get $sources) (i32.shl (local.get $s1) (i32.const 2))))
        (local.set $b_w (i32.add (local.get $weights) (i32.shl (local.get $s1) (i32.const 3))))
        (local.set $a_end (local.get $b))
        (local.set $b_end (i32.add (local.get $sources) (i32.shl (local.get $s2) (i32.const 2))))
        (local.set $both (i32.sub (local.get $s1) (local.get $s0)))
        (if (i32.lt_u (i32.sub (local.get $s2) (local.get $s1)) (local.get $both))
          (then (local.set $both (i32.sub (local.get $s2) (local.get $s1)))))
        (local.set $sum_a (f64.const 0))
        (local.set $sum_b (f64.const 0))
        (block $pairs_done
          (loop $pairs
            (br_if $pairs_done (i32.eqz (local.get $both)))
            (local.set $sum_a (f64.add (local.get $sum_a)
              (f64.mul (f64.load (local.get $a_w))
                (f64.load (i32.add (local.get $values) (i32.shl (i32.load (local.get $a)) (i32.const 3)))))))
            (local.set $sum_b (f64.add (local.get $sum_b)
              (f64.mul (f64.load (local.get $b_w))
                (f64.load (i32.add (local.get $values) (i32.shl (i32.load (local.get $b)) (i32.const 3)))))))
            (local.set $a (i32.add (local.get $a) (i32.const 4)))
            (local.set $a_w (i32.add (local.get $a_w) (i32.const 8)))
            (local.set $b (i32.add (local.get $b) (i32.const 4)))
            (local.set $b_w (i32.add (local.get $b_w) (i32.const 8)))
            (local.set $both (i32.sub (local.get $both) (i32.const 1)))
            (br $pairs)))
        ;; What is left of the longer one (at most one of these loops runs).
        (block $a_done
          (loop $a_rest
            (br_if $a_done (i32.ge_u (local.get $a) (local.get $a_end)))
            (local.set $sum_a (f64.add (local.get $sum_a)
              (f64.mul (f64.load (local.get $a_w))
                (f64.load (i32.add (local.get $values) (i32.shl (i32.load (local.get $a)) (i32.const 3)))))))
            (local.set $a (i32.add (local.get $a) (i32.const 4)))
            (local.set $a_w (i32.add (local.get $a_w) (i32.const 8)))
            (br $a_rest)))
        (block $b_done
          (loop $b_rest
            (br_if $b_done (i32.ge_u (local.get $b) (local.get $b_end)))
            (local.set $sum_b (f64.add (local.get $sum_b)
              (f64.mul (f64.load (local.get $b_w))
                (f64.load (i32.add (local.get $values) (i32.shl (i32.load (local.get $b)) (i32.const 3)))))))
            (local.set $b (i32.add (local.get $b) (i32.const 4)))
            (local.set $b_w (i32.add (local.get $b_w) (i32.const 8)))
            (br $b_rest)))
        (f64.store (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 3))) (local.get $sum_a))
        (local.set $check (f64.add (local.get $check) (f64.mul (local.get $sum_a) (f64.const 0))))
        (if (i32.lt_u (i32.add (local.get $p) (i32.const 1)) (local.get $end))
          (then
            (f64.store offset=8 (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 3))) (local.get $sum_b))
            (local.set $check (f64.add (local.get $check) (f64.mul (local.get $sum_b) (f64.const 0))))))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (br $neurons)))
    (local.get $check))

)
