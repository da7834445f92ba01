import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatedRunsMade, RUNS_BEFORE_GENERATING } from '../src/executors/silent-pass.js';
import { hasListeners } from '../src/graph/events.js';
import { createRandom, InputError, Network, NumericError, UsageError, type ActivationSpec } from '../src/index.js';
import { neuronActivationNames, pick, randomNetwork } from './support/random-network.js';

// Network.run with nobody listening runs generated code once a plan is hot (silent-pass.ts); with a listener it
// walks the plan neuron by neuron. The two must agree on everything a caller can see.

const specs: ActivationSpec[] = [...neuronActivationNames, { name: 'leakyRelu', alpha: 0.3 }];

function networkOf(seed: number): Network {
  const random = createRandom(seed);
  if (seed % 2 === 0) {
    const sizes = Array.from({ length: 2 + Math.floor(random() * 3) }, () => 1 + Math.floor(random() * 6));
    return Network.layered(sizes, { activation: pick(random, specs), bias: random() < 0.7, seed });
  }
  return randomNetwork(seed, { hidden: seed % 11, outputs: 1 + (seed % 4), activations: specs });
}

/** Every neuron's value after the last run, and the run's record as key/value pairs in key order. */
function seen(net: Network, record: Record<string, number>) {
  return {
    entries: Object.entries(record),
    values: net.neurons.map((id) => net.value(id)),
  };
}

/** The same run on a copy that has a listener, so it takes the observed walk. */
function observed(net: Network, input: Float64Array) {
  const copy = Network.fromJSON(net.toJSON());
  copy.on('neuronActivated', () => {});
  return seen(copy, copy.run(input));
}

/** Runs `net` until its plan's run is generated, and checks that it was (the tests below compare that path). */
function heat(net: Network, width: number): void {
  const before = generatedRunsMade();
  for (let k = 0; k <= RUNS_BEFORE_GENERATING; k++) net.run(new Float64Array(width).fill(k / 1000));
  expect(generatedRunsMade()).toBe(before + 1);
}

describe('Network.run on a hot plan (generated code)', () => {
  it('gives the observed walk bit for bit: records, key order and every neuron value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 8, maxLength: 8 }),
        (seed, numbers) => {
          const net = networkOf(seed);
          heat(net, net.inputs.length);
          const input = Float64Array.from(net.inputs, (_id, i) => numbers[i % numbers.length]!);
          const hot = seen(net, net.run(input));
          const reference = observed(net, input);
          expect(hot.entries.length).toBe(net.outputs.length);
          hot.entries.forEach(([key, value], k) => {
            expect(key).toBe(reference.entries[k]![0]);
            expect(Object.is(value, reference.entries[k]![1])).toBe(true);
          });
          hot.values.forEach((value, k) => expect(Object.is(value, reference.values[k])).toBe(true));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answers with plain records, whatever the output ids', () => {
    for (const ids of [['y'], ['1', 'b', '0'], ['toString2', 'ünï', 'a b', '-1', '01']]) {
      const net = new Network().addInput('x');
      ids.forEach((id, k) => net.addOutput(id, { activation: 'identity' }).connect('x', id, k + 1));
      heat(net, 1);
      const record = net.run([2]);
      expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
      expect(record).toEqual(Object.fromEntries(ids.map((id, k) => [id, 2 * (k + 1)])));
      expect(Object.entries(record)).toEqual(observed(net, Float64Array.of(2)).entries);
      expect(Object.keys(record)).toEqual(Object.keys(Object.fromEntries(ids.map((id) => [id, 0]))));
    }
  });

  it('sees weights set after the code was generated, and structural changes', () => {
    const net = Network.layered([2, 3, 1], { activation: 'sigmoid', bias: true, seed: 3 });
    heat(net, 2);
    net.setWeight('x0', 'h1_0', 4.5);
    const input = Float64Array.of(0.25, -1);
    expect(net.run(input)).toEqual(Object.fromEntries(observed(net, input).entries));
    net.addOutput('z', { activation: 'identity' }).connect('h1_2', 'z', -2);
    heat(net, 2);
    expect(net.run(input)).toEqual(Object.fromEntries(observed(net, input).entries));
    expect(Object.keys(net.run(input))).toEqual(['y0', 'z']);
  });

  it('refuses a non-finite sum or input as the loops do, and changes nothing', () => {
    const net = new Network().addInput('x').addNeuron('h', { activation: 'identity' }).addOutput('y');
    net.connect('x', 'h', 1).connect('h', 'y', 1e308);
    heat(net, 1);
    const before = net.run([0.5]);
    const time = net.time;
    const runs: number[] = [];
    expect(() => net.run([2])).toThrow(NumericError);
    expect(() => net.run(Float64Array.of(2))).toThrow(/"y"/);
    expect(() => net.run(Float64Array.of(Number.NaN))).toThrow(InputError);
    expect(() => net.run(Float64Array.of(1, 2))).toThrow(InputError);
    expect(net.time).toBe(time);
    expect(net.value('y')).toBe(before.y);
    // Failed sums count as runs, refused inputs do not: as on the observed walk.
    net.on('runStarted', ({ run }) => runs.push(run));
    net.run([0.5]);
    expect(runs).toEqual([RUNS_BEFORE_GENERATING + 1 + 1 + 2 + 1]);
  });

  it('tells a listener added after the code was generated', () => {
    const net = Network.layered([2, 2, 1], { activation: 'sigmoid', bias: true, seed: 5 });
    heat(net, 2);
    const order: string[] = [];
    net.on('neuronActivated', ({ neuron }) => order.push(neuron));
    net.run([1, 0]);
    const copy = Network.fromJSON(net.toJSON());
    const expected: string[] = [];
    copy.on('neuronActivated', ({ neuron }) => expected.push(neuron));
    copy.run([1, 0]);
    expect(order).toEqual(expected);
    expect(order.length).toBe(net.neurons.length);
  });

  it('knows whether anybody listens, through on, once, off and removeAllListeners (eventemitter3 internals)', () => {
    const net = new Network();
    const listener = () => {};
    expect(hasListeners(net)).toBe(false);
    net.on('runStarted', listener).on('runStarted', listener);
    expect(hasListeners(net)).toBe(true);
    net.off('runStarted', listener);
    expect(hasListeners(net)).toBe(false);
    net.once('runCompleted', listener);
    expect(hasListeners(net)).toBe(true);
    net.addInput('x').addOutput('y', { activation: 'identity' }).connect('x', 'y', 1).run([1]);
    expect(hasListeners(net)).toBe(false);
    net.on('neuronActivated', listener).on('runCompleted', listener);
    net.removeAllListeners('neuronActivated');
    expect(hasListeners(net)).toBe(true);
    net.removeAllListeners();
    expect(hasListeners(net)).toBe(false);
  });

  it('refuses a nested run or change from a getter of the inputs, and keeps the last run', () => {
    const net = new Network().addInput('x').addNeuron('h', { activation: 'identity' }).addOutput('y');
    net.connect('x', 'h', 1).connect('h', 'y', 1e308);
    heat(net, 1);
    net.run({ x: 0.5 });
    const nested = {
      get x() {
        net.run({ x: 0.25 });
        return 1;
      },
    };
    const changing = {
      get x() {
        net.addNeuron('late');
        return 1;
      },
    };
    expect(() => net.run(nested)).toThrow(UsageError);
    expect(() => net.run(changing)).toThrow(UsageError);
    expect(net.neurons).not.toContain('late');
    expect(() => net.run([2])).toThrow(NumericError);
    expect(net.value('h')).toBe(0.5);
    net.run([0.75]);
    expect(net.value('h')).toBe(0.75);
  });

  it('reads a Proxy of a Float64Array the checked way, hot or not, and so does a compiled network', () => {
    const hostile = (values: number[]) =>
      new Proxy(Float64Array.from(values), {
        get: (target, key) => (key === '0' ? '3' : Reflect.get(target, key)),
      }) as unknown as Float64Array;
    const net = new Network().addInput('x').addOutput('y', { activation: 'identity' }).connect('x', 'y', 2);
    expect(() => net.run(hostile([1]))).toThrow(InputError);
    heat(net, 1);
    expect(() => net.run(hostile([1]))).toThrow(InputError);
    expect(net.value('x')).toBe(RUNS_BEFORE_GENERATING / 1000);
    const compiled = net.compile();
    expect(() => compiled.run(hostile([1]), new Float64Array(1))).toThrow(InputError);
    expect(() => compiled.run(Float64Array.of(1), hostile([0]))).toThrow(InputError);
    expect(compiled.time).toBe(0);
  });
});
