import { describe, expect, it } from 'vitest';
import { build as stepNetwork } from '../scenarios/perceptron.js';
import { InputError, Network, TrainingError, UsageError, trainPerceptron, type Sample } from '../src/index.js';

const table = (f: (a: number, b: number) => number): { input: { a: number; b: number }; output: { out: number } }[] =>
  [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ].map(([a, b]) => ({ input: { a: a!, b: b! }, output: { out: f(a!, b!) } }));
const AND = table((a, b) => a & b);
const OR = table((a, b) => a | b);
const XOR = table((a, b) => a ^ b);

describe('trainPerceptron', () => {
  for (const [name, samples] of [
    ['AND', AND],
    ['OR', OR],
  ] as const) {
    it(`learns ${name} from 20 random starts`, () => {
      for (let seed = 1; seed <= 20; seed++) {
        const net = stepNetwork(seed);
        const result = trainPerceptron(net, samples, { learningRate: 0.1, epochs: 100 });
        expect(result.converged, `seed ${seed}`).toBe(true);
        expect(result.errors).toBe(0);
        for (const { input, output } of samples) expect(net.run(input)).toStrictEqual(output);
      }
    });
  }

  it('stops after `epochs` on XOR and reports converged: false', () => {
    const net = stepNetwork(1);
    const result = trainPerceptron(net, XOR, { epochs: 50 });
    expect(result).toMatchObject({ epochs: 50, converged: false });
    expect(result.errors).toBeGreaterThan(0);
    expect(XOR.every(({ input, output }) => net.run(input).out === output.out)).toBe(false);
  });

  it('refuses hidden neurons and non-step outputs with a UsageError that names them', () => {
    const hidden = new Network()
      .addInput('a')
      .addNeuron('h', { activation: 'step' })
      .addOutput('out', { activation: 'step' })
      .connect('a', 'h', 1)
      .connect('h', 'out', 1);
    expect(() => trainPerceptron(hidden, [{ input: [1], output: [1] }])).toThrow(UsageError);
    expect(() => trainPerceptron(hidden, [{ input: [1], output: [1] }])).toThrow(/"h"/);
    const sigmoid = new Network().addInput('a').addOutput('out').connect('a', 'out', 1);
    expect(() => trainPerceptron(sigmoid, [{ input: [1], output: [1] }])).toThrow(/"out"/);
  });

  it('takes targets of 0 or 1 only, and a bad sample changes no weight', () => {
    const net = stepNetwork(2);
    const before = net.toJSON();
    expect(() => trainPerceptron(net, [...AND, { input: { a: 1, b: 1 }, output: { out: 0.5 } }])).toThrow(InputError);
    expect(() => trainPerceptron(net, [...AND, { input: { a: 1 }, output: { out: 1 } } as unknown as Sample])).toThrow(
      InputError,
    );
    expect(net.toJSON()).toStrictEqual(before);
  });
});

describe('trainPerceptron at the edge of the numbers', () => {
  const xorTable = [
    [0, 0, 0],
    [0, 1, 1],
    [1, 0, 1],
    [1, 1, 0],
  ].map(([a, b, t]) => ({ input: [a!, b!], output: [t!] }));

  it('a step that leaves the finite numbers is a TrainingError naming the epoch, and changes no weight, watched or not', () => {
    for (const watched of [false, true]) {
      const net = stepNetwork(1);
      if (watched) net.on('runCompleted', () => {});
      const before = net.toJSON();
      let error: unknown;
      try {
        trainPerceptron(net, xorTable, { learningRate: 1e308 });
      } catch (e) {
        error = e;
      }
      expect(error, `watched: ${watched}`).toBeInstanceOf(TrainingError);
      expect((error as TrainingError).epoch).toBeGreaterThan(0);
      expect((error as TrainingError).message).toMatch(/^trainPerceptron: epoch \d+: /);
      expect(net.toJSON()).toStrictEqual(before);
    }
  });

  it('refuses options that are not an object, or unknown ones, with a UsageError', () => {
    const net = stepNetwork(1);
    expect(() => trainPerceptron(net, AND, null as never)).toThrow(UsageError);
    expect(() => trainPerceptron(net, AND, { rate: 1 } as never)).toThrow(/unknown option "rate"/);
    expect(() => trainPerceptron(net, AND, { epochs: 1n } as never)).toThrow(UsageError);
  });
});
