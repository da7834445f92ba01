import { describe, expect, it } from 'vitest';
import { CycleError, InputError, Network, NeurographError, NotFoundError, UsageError } from '../src/index.js';
import * as xor from '../scenarios/xor.js';
import { planOf } from '../src/plan/plan-cache.js';

/** The network's observable state: its document, its plan's weights and every neuron's last value. */
function state(net: Network) {
  return {
    document: JSON.stringify(net.toJSON()),
    values: net.neurons.map((id) => net.value(id)),
    weights: Array.from(planOf(net).weights),
  };
}

/** A XOR network with a bias neuron, after one run. */
function subject(): Network {
  const net = xor.build().addBias('bias');
  net.run([1, 0]);
  return net;
}

type Call = [string, (net: Network) => unknown, new (...args: never[]) => Error];

const calls: Call[] = [
  ['a duplicate id', (net) => net.addInput('a'), UsageError],
  ['a duplicate id of another role', (net) => net.addNeuron('xor'), UsageError],
  ['an empty id', (net) => net.addInput(''), UsageError],
  ['a non-string id', (net) => net.addInput(7 as unknown as string), UsageError],
  ['a bad role', (net) => net.addNeuron('h', { role: 'input' as 'hidden' }), UsageError],
  ['a non-string label', (net) => net.addOutput('z', { label: 3 as unknown as string }), UsageError],
  ['null options and a taken id', (net) => net.addInput('a', null as unknown as object), UsageError],
  ['a bias with a NaN weight', (net) => net.addBias('b2', { weight: Number.NaN }), UsageError],
  ['a bias with a taken id', (net) => net.addBias('and'), UsageError],
  ['connecting an unknown source', (net) => net.connect('ghost', 'xor', 1), NotFoundError],
  ['connecting an unknown target', (net) => net.connect('a', 'ghost', 1), NotFoundError],
  ['connecting into an input', (net) => net.connect('and', 'a', 1), UsageError],
  ['connecting into the bias neuron', (net) => net.connect('a', 'bias', 1), UsageError],
  ['a duplicate connection', (net) => net.connect('a', 'xor', 3), UsageError],
  ['an infinite weight', (net) => net.connect('and', 'xor', Infinity), UsageError],
  ['a NaN weight', (net) => net.setWeight('a', 'xor', Number.NaN), UsageError],
  ['a string weight', (net) => net.setWeight('a', 'xor', '1' as unknown as number), UsageError],
  ['a self-loop', (net) => net.connect('xor', 'xor', 1), CycleError],
  ['a cycle', (net) => net.connect('xor', 'and', 1), CycleError],
  ['reweighting a missing connection', (net) => net.setWeight('xor', 'and', 1), NotFoundError],
  ['reading a missing connection', (net) => net.weight('b', 'a'), NotFoundError],
  ['disconnecting a missing connection', (net) => net.disconnect('and', 'and'), NotFoundError],
  ['removing an unknown neuron', (net) => net.removeNeuron('ghost'), NotFoundError],
  ['randomizing without a seed', (net) => net.randomizeWeights({} as { seed: number }), UsageError],
  [
    'randomizing with an unknown scheme',
    (net) => net.randomizeWeights({ seed: 1, scheme: 'normal' as 'he' }),
    UsageError,
  ],
  ['a missing input', (net) => net.run({ a: 1 }), InputError],
  ['an unknown input', (net) => net.run({ a: 1, b: 0, c: 1 }), InputError],
  ['a NaN input', (net) => net.run({ a: Number.NaN, b: 0 }), InputError],
  ['a string input', (net) => net.run({ a: '1' as unknown as number, b: 0 }), InputError],
  ['an array too long', (net) => net.run([1, 0, 1]), InputError],
  ['an array with Infinity', (net) => net.run([1, Infinity]), InputError],
  ['no inputs at all', (net) => net.run(undefined as unknown as number[]), InputError],
];

describe('every bad call', () => {
  it.each(calls)('%s throws its named error and changes nothing', (_label, call, errorClass) => {
    const net = subject();
    const before = state(net);
    expect(() => call(net)).toThrow(errorClass);
    expect(() => call(net)).toThrow(NeurographError);
    expect(state(net)).toStrictEqual(before);
    // …and the network keeps working.
    expect(net.run([1, 1])).toEqual({ xor: 0 });
  });

  it('messages start with the method and name the neurons involved', () => {
    const net = subject();
    expect(() => net.connect('a', 'ghost', 1)).toThrow(/^Network\.connect: .*"ghost"/);
    expect(() => net.setWeight('a', 'xor', Number.NaN)).toThrow(/^Network\.setWeight: "a" -> "xor"/);
    expect(() => net.addInput('a')).toThrow(/^Network\.addInput: "a" already exists/);
  });

  it("see what an option's getter did to the network (connect reads its options first)", () => {
    const net = new Network().addInput('a').addNeuron('h');
    const options = {
      get delay() {
        net.removeNeuron('h');
        return 0;
      },
    };
    expect(() => net.connect('a', 'h', 1, options)).toThrow(NotFoundError);
    expect(net.neurons).toStrictEqual(['a']);
  });
});

describe('CycleError', () => {
  it('carries from, to and the cycle path', () => {
    const net = new Network().addInput('x');
    for (const id of ['p', 'q', 'r', 's']) net.addNeuron(id);
    net.connect('x', 'p', 1).connect('p', 'q', 1).connect('q', 'r', 1).connect('r', 's', 1).connect('p', 's', 1);
    const error = captured(() => net.connect('s', 'q', 1));
    expect(error).toBeInstanceOf(CycleError);
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ from: 's', to: 'q', path: ['s', 'q', 'r', 's'] });
    expect(captured(() => net.connect('q', 'q', 1))).toMatchObject({ from: 'q', to: 'q', path: ['q', 'q'] });
  });
});

describe('InputError', () => {
  it('names every offending input at once', () => {
    const net = new Network().addInput('a').addInput('b').addInput('c').addOutput('y').connect('a', 'y', 1);
    const error = captured(() => net.run({ a: Number.NaN, c: 1, d: 2, e: 3 })) as InputError;
    expect(error.problems).toEqual([
      { input: 'a', problem: 'not a finite number' },
      { input: 'b', problem: 'missing' },
      { input: 'd', problem: 'unknown' },
      { input: 'e', problem: 'unknown' },
    ]);
    expect(error.message).toMatch(/"a".*"b".*"d".*"e"/);
    expect((captured(() => net.run([1])) as InputError).message).toMatch(/1 input value for 3 inputs \(a, b, c\)/);
  });

  it('does not use a run number', () => {
    const net = xor.build();
    const runs: number[] = [];
    net.on('runStarted', (e) => runs.push(e.run));
    expect(() => net.run([1])).toThrow(InputError);
    net.run([1, 1]);
    expect(runs).toEqual([1]);
  });
});

describe('listeners', () => {
  it('may read the network but not change or re-run it', () => {
    const attempts: [string, (net: Network) => unknown][] = [
      ['run', (net) => net.run([0, 0])],
      ['connect', (net) => net.connect('a', 'and', 3)],
      ['setWeight', (net) => net.setWeight('a', 'xor', 3)],
      ['addNeuron', (net) => net.addNeuron('late')],
      ['removeNeuron', (net) => net.removeNeuron('and')],
      ['randomizeWeights', (net) => net.randomizeWeights({ seed: 1 })],
    ];
    for (const event of ['runStarted', 'neuronActivated', 'runCompleted'] as const) {
      for (const [name, attempt] of attempts) {
        const net = subject();
        const before = state(net);
        let read: number | undefined;
        net.once(event, () => {
          read = net.weight('and', 'xor');
          attempt(net);
        });
        const error = captured(() => net.run([1, 1]));
        expect(error, `${name} in ${event}`).toBeInstanceOf(UsageError);
        expect(read).toBe(-2);
        if (event !== 'runCompleted') expect(state(net)).toStrictEqual(before);
        expect(net.run([0, 1])).toEqual({ xor: 1 });
      }
    }
  });

  it('that throw abort the run: the error reaches the caller unchanged, the previous values stay, and the run number is used', () => {
    const net = subject();
    const before = state(net);
    const boom = new Error('listener failed');
    const runs: number[] = [];
    net.on('runStarted', (e) => runs.push(e.run));
    const thrower = (e: { neuron: string }) => {
      if (e.neuron === 'and') throw boom;
    };
    net.on('neuronActivated', thrower);
    expect(captured(() => net.run([1, 1]))).toBe(boom);
    expect(state(net)).toStrictEqual(before);
    expect(net.value('xor')).toBe(1);
    net.off('neuronActivated', thrower);
    expect(net.run([1, 1])).toEqual({ xor: 0 });
    expect(runs).toEqual([2, 3]);
  });
});

describe('a runCompleted listener that throws', () => {
  it('gets its error to the caller after the run was committed: its values stand', () => {
    const net = subject();
    const boom = new Error('after the fact');
    net.once('runCompleted', () => {
      throw boom;
    });
    expect(captured(() => net.run([1, 1]))).toBe(boom);
    expect(net.value('xor')).toBe(0);
    expect(net.run([0, 1])).toEqual({ xor: 1 });
  });
});

function captured(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
