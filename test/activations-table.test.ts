import { describe, expect, it } from 'vitest';
import { Network, UsageError, activationNames, activations, type ActivationSpec } from '../src/index.js';

/** One input x into one output neuron with the given activation, weight 1. */
function respond(spec: ActivationSpec | undefined, x: number): number {
  const net = new Network()
    .addInput('x')
    .addOutput('y', spec === undefined ? {} : { activation: spec })
    .connect('x', 'y', 1);
  return net.run([x]).y!;
}

describe('activations through a network', () => {
  it('match hand-worked values', () => {
    expect(respond('identity', -1.25)).toBe(-1.25);
    expect(respond('sigmoid', 0)).toBe(0.5);
    expect(respond('sigmoid', 2)).toBeCloseTo(0.8807970779778823, 15);
    expect(respond('tanh', 1)).toBeCloseTo(0.7615941559557649, 15);
    expect(respond('relu', -3)).toBe(0);
    expect(respond('relu', 2.5)).toBe(2.5);
    expect(respond('leakyRelu', -3)).toBeCloseTo(-0.03, 15);
    expect(respond({ name: 'leakyRelu', alpha: 0.2 }, -3)).toBeCloseTo(-0.6, 15);
  });

  it('step fires strictly above its threshold, 0.5 by default', () => {
    expect([0.4, 0.5, 0.5000001, 2].map((x) => respond('step', x))).toEqual([0, 0, 1, 1]);
    expect([0.29, 0.3, 0.31].map((x) => respond({ name: 'step', threshold: 0.3 }, x))).toEqual([0, 0, 1]);
    expect(respond({ name: 'step', threshold: -1 }, -0.5)).toBe(1);
  });

  it('hidden and output neurons default to sigmoid', () => {
    expect(respond(undefined, 1)).toBe(respond('sigmoid', 1));
    const net = new Network().addInput('x').addNeuron('h').connect('x', 'h', 1);
    expect(net.graph.getNodeAttribute('h', 'activation')).toBe('sigmoid');
  });

  it('stay finite for extreme finite inputs; sigmoid saturates to exactly 0 and 1', () => {
    expect(respond('sigmoid', 1e6)).toBe(1);
    expect(respond('sigmoid', -1e6)).toBe(0);
    for (const name of activationNames) {
      for (const x of [Number.MAX_VALUE, -Number.MAX_VALUE, 1e308, -1e-308, 0]) {
        const y = activations[name].fn(x, activations[name].parameter?.default ?? 0);
        expect(Number.isFinite(y), `${name}(${x}) = ${y}`).toBe(true);
        const dy = activations[name].derivative(x, y, activations[name].parameter?.default ?? 0);
        expect(Number.isFinite(dy), `${name}'(${x}) = ${dy}`).toBe(true);
      }
    }
  });
});

describe('activation derivatives', () => {
  it('match central finite differences away from kinks', () => {
    const h = 1e-6;
    for (const name of activationNames) {
      if (name === 'step') continue;
      const { fn, derivative, parameter } = activations[name];
      const p = name === 'leakyRelu' ? 0.2 : (parameter?.default ?? 0);
      for (const x of [-2.3, -0.7, 0.4, 1.9]) {
        const numeric = (fn(x + h, p) - fn(x - h, p)) / (2 * h);
        expect(derivative(x, fn(x, p), p)).toBeCloseTo(numeric, 8);
      }
    }
  });
});

describe('bad activation specs', () => {
  it.each([
    ['an unknown name', 'softplus'],
    ['an unknown object name', { name: 'swish' }],
    ['an unknown parameter', { name: 'step', alpha: 1 }],
    ['a parameter on a parameterless activation', { name: 'sigmoid', threshold: 1 }],
    ['a non-finite parameter', { name: 'step', threshold: Number.NaN }],
    ['a non-number parameter', { name: 'leakyRelu', alpha: '0.1' }],
    ['not a spec at all', 42],
  ])('%s is a UsageError and adds nothing', (_label, spec) => {
    const net = new Network().addInput('x');
    expect(() => net.addNeuron('h', { activation: spec as ActivationSpec })).toThrow(UsageError);
    expect(net.neurons).toEqual(['x']);
  });
});
