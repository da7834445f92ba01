import { afterEach, describe, expect, it, vi } from 'vitest';
import { CsrCompiledNetwork } from '../src/executors/csr-compiled.js';
import { CsrWasmPass, forgetCsrWasm } from '../src/executors/csr-wasm.js';
import { propagate } from '../src/executors/propagation.js';
import { createRandom, type Network, NumericError } from '../src/index.js';
import { planOf } from '../src/plan/plan-cache.js';
import type { Plan } from '../src/plan/plan.js';
import { randomInputs, randomNetwork } from './support/random-network.js';

/** Every neuron's value after propagation.ts's loop (the scheduler's silent path), and the failing position. */
function javaScriptValues(plan: Plan, inputs: Float64Array): { values: Float64Array; failed: number } {
  const values = new Float64Array(plan.size);
  plan.inputPositions.forEach((position, i) => (values[position] = inputs[i]!));
  const failed = propagate(plan, values);
  return { values, failed };
}

function wasmValues(plan: Plan, inputs: Float64Array): { values: Float64Array; failed: number } {
  const pass = CsrWasmPass.create(plan);
  if (pass === null) throw new Error('no WebAssembly here');
  plan.inputPositions.forEach((position, i) => (pass.values[position] = inputs[i]!));
  const failed = pass.run();
  return { values: pass.values.slice(), failed };
}

function inputRow(net: Network, seed: number): Float64Array {
  const record = randomInputs(createRandom(seed), net);
  return Float64Array.from(net.inputs, (id) => record[id]!);
}

/** Same bits, -0 and NaN payload-free NaN included. */
function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

describe('the CSR pass in WebAssembly', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    forgetCsrWasm();
  });

  it('gives every neuron the JavaScript loop’s value, bit for bit, on 300 random networks', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = createRandom(seed);
      const net = randomNetwork(seed, {
        inputs: 1 + Math.floor(random() * 6),
        hidden: Math.floor(random() * 40),
        outputs: 1 + Math.floor(random() * 5),
        density: 0.05 + random() * 0.6,
        bias: random() < 0.7,
        softmax: random() < 0.2,
      });
      const plan = planOf(net);
      const row = inputRow(net, seed);
      const js = javaScriptValues(plan, row);
      const wasm = wasmValues(plan, row);
      expect(js.failed, `seed ${seed}`).toBe(-1);
      expect(wasm.failed, `seed ${seed}`).toBe(-1);
      expect(sameBits(wasm.values, js.values), `seed ${seed}`).toBe(true);
    }
  });

  it('does so on big sparse and dense DAGs of sigmoid neurons too (both kernels’ loops, every fan-in)', () => {
    const shapes = [
      { hidden: 2000, connections: 4000 },
      { hidden: 1500, connections: 30000 },
      { hidden: 300, connections: 20000 },
    ];
    shapes.forEach((shape, k) => {
      const net = randomNetwork(1000 + k, { inputs: 20, outputs: 10, activations: ['sigmoid'], ...shape });
      const plan = planOf(net);
      for (let r = 0; r < 3; r++) {
        const row = inputRow(net, 50 * k + r);
        expect(sameBits(wasmValues(plan, row).values, javaScriptValues(plan, row).values)).toBe(true);
      }
    });
  });

  it('finds the first neuron whose sum is not finite, as the JavaScript loop does, on 200 overflowing networks', () => {
    let failures = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const random = createRandom(seed);
      const net = randomNetwork(seed, {
        inputs: 3,
        hidden: 5 + Math.floor(random() * 30),
        outputs: 2,
        density: 0.3,
        activations: ['identity', 'relu', 'leakyRelu', 'sigmoid', 'tanh'],
      });
      // Weights of a few hundred decades: some sums overflow (or meet Infinity - Infinity), somewhere.
      net.graph.forEachEdge((_edge, _attributes, from, to) => {
        net.setWeight(from, to, (random() * 2 - 1) * 10 ** Math.floor(random() * 300));
      });
      const plan = planOf(net);
      const row = Float64Array.from(net.inputs, () => (random() * 2 - 1) * 1e300);
      const js = javaScriptValues(plan, row);
      const wasm = wasmValues(plan, row);
      expect(wasm.failed, `seed ${seed}`).toBe(js.failed);
      if (js.failed < 0) expect(sameBits(wasm.values, js.values), `seed ${seed}`).toBe(true);
      else failures++;
    }
    expect(failures).toBeGreaterThan(40);
  });
});

describe('the CSR compiled form', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    forgetCsrWasm();
  });

  it('runs in WebAssembly here, and equals Network.run and its JavaScript fallback bit for bit', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const net = randomNetwork(seed, { hidden: 20, softmax: seed % 5 === 0 });
      const wasm = new CsrCompiledNetwork(planOf(net));
      expect(wasm.wasm).toBe(true);
      vi.stubGlobal('WebAssembly', undefined);
      forgetCsrWasm();
      const js = new CsrCompiledNetwork(planOf(net));
      vi.unstubAllGlobals();
      forgetCsrWasm();
      expect(js.wasm).toBe(false);
      const rows = new Float64Array(4 * net.inputs.length);
      for (let s = 0; s < 4; s++) rows.set(inputRow(net, 100 * seed + s), s * net.inputs.length);
      const batch = wasm.runBatch(rows, 4);
      expect(sameBits(batch, js.runBatch(rows, 4)), `seed ${seed}`).toBe(true);
      for (let s = 0; s < 4; s++) {
        const row = rows.subarray(s * net.inputs.length, (s + 1) * net.inputs.length);
        const expected = Float64Array.from(Object.values(net.run(row)));
        expect(sameBits(wasm.run(Float64Array.from(row), new Float64Array(net.outputs.length)), expected)).toBe(true);
        expect(sameBits(batch.subarray(s * net.outputs.length, (s + 1) * net.outputs.length), expected)).toBe(true);
      }
    }
  });

  it('falls back to the JavaScript loop, with the same results, where the module or its memory cannot be had', () => {
    const net = randomNetwork(11, { hidden: 25 });
    const row = inputRow(net, 11);
    const expected = new CsrCompiledNetwork(planOf(net)).run(row).slice();
    // NOTE: WebAssembly's Module, Instance and Memory are not enumerable: a spread would leave them out.
    const { validate, Module, Instance, Memory } = WebAssembly;
    const refusals = [
      { validate: () => false, Module, Instance, Memory },
      {
        validate,
        Module,
        Instance,
        Memory: function refused() {
          throw new RangeError('WebAssembly.Memory(): could not allocate memory');
        },
      },
      undefined,
    ];
    for (const stub of refusals) {
      vi.stubGlobal('WebAssembly', stub);
      forgetCsrWasm();
      const compiled = new CsrCompiledNetwork(planOf(net));
      expect(compiled.wasm).toBe(false);
      expect(sameBits(compiled.run(row), expected)).toBe(true);
      vi.unstubAllGlobals();
    }
  });

  it('keeps its weights when the network changes after compiling', () => {
    const net = randomNetwork(7, { hidden: 20 });
    const compiled = new CsrCompiledNetwork(planOf(net));
    const row = inputRow(net, 7);
    const before = compiled.run(row).slice();
    net.graph.forEachEdge((_edge, _attributes, from, to) => net.setWeight(from, to, 0.5));
    expect(sameBits(compiled.run(row), before)).toBe(true);
  });

  it('names the neuron whose sum overflowed, leaves out untouched, and stays usable', () => {
    const net = randomNetwork(3, { inputs: 2, hidden: 10, outputs: 2, activations: ['identity'], density: 0.5 });
    const compiled = new CsrCompiledNetwork(planOf(net));
    expect(compiled.wasm).toBe(true);
    const huge = Float64Array.from(net.inputs, () => 1e308);
    let expected: unknown;
    try {
      net.run(huge);
    } catch (error) {
      expected = error;
    }
    expect(expected).toBeInstanceOf(NumericError);
    const out = Float64Array.of(7, 7);
    expect(() => compiled.run(huge, out)).toThrow(
      (expected as NumericError).message.replace('Network.run', 'CompiledNetwork.run'),
    );
    expect(out).toStrictEqual(Float64Array.of(7, 7));
    const rows = new Float64Array(2 * net.inputs.length);
    rows.set(huge, net.inputs.length);
    const batchOut = new Float64Array(4).fill(7);
    expect(() => compiled.runBatch(rows, 2, batchOut)).toThrow(/ in row 1 /);
    expect(batchOut).toStrictEqual(new Float64Array(4).fill(7));
    const fine = new Float64Array(net.inputs.length);
    expect(sameBits(compiled.run(fine), Float64Array.from(Object.values(net.run(fine))))).toBe(true);
  });
});
