import { describe, expect, it } from 'vitest';
import { Network, UsageError, layerIds } from '../src/index.js';
import { planOf } from '../src/plan/plan-cache.js';

describe('Network.layered', () => {
  it('builds a fully connected [2, 3, 1] network with the documented ids', () => {
    const net = Network.layered([2, 3, 1]);
    expect(net.neurons).toEqual(['x0', 'x1', 'h1_0', 'h1_1', 'h1_2', 'y0', 'bias']);
    expect(net.inputs).toEqual(['x0', 'x1']);
    expect(net.outputs).toEqual(['y0']);
    expect(net.graph.size).toBe(2 * 3 + 3 * 1 + 4);
    for (const to of ['h1_0', 'h1_1', 'h1_2']) expect(net.graph.inNeighbors(to)).toEqual(['x0', 'x1', 'bias']);
    expect(net.graph.inNeighbors('y0')).toEqual(['h1_0', 'h1_1', 'h1_2', 'bias']);
    expect(net.graph.getNodeAttribute('h1_0', 'activation')).toBe('sigmoid');
  });

  it('names deeper layers and takes activations and bias options', () => {
    const net = Network.layered([3, 4, 4, 2], { activation: 'relu', outputActivation: 'identity', bias: false });
    expect(layerIds([3, 4, 4, 2])[2]).toEqual(['h2_0', 'h2_1', 'h2_2', 'h2_3']);
    expect(net.graph.hasNode('bias')).toBe(false);
    expect(net.graph.getNodeAttribute('h2_3', 'activation')).toBe('relu');
    expect(net.graph.getNodeAttribute('y1', 'activation')).toBe('identity');
    expect(net.graph.size).toBe(3 * 4 + 4 * 4 + 4 * 2);
    expect(Math.max(...planOf(net).generations)).toBe(3);
  });

  it('draws Xavier-uniform weights within ±√(6 / (fanIn + fanOut))', () => {
    const net = Network.layered([20, 30, 10], { bias: false, seed: 3 });
    const weights = net.graph.mapEdges((_edge, { weight }, source) => [source, weight] as const);
    const firstLayer = weights.filter(([source]) => source.startsWith('x')).map(([, weight]) => weight);
    const limit = Math.sqrt(6 / (20 + 30));
    expect(Math.max(...firstLayer.map(Math.abs))).toBeLessThanOrEqual(limit);
    // A uniform draw spreads over most of the interval and is centred.
    expect(Math.max(...firstLayer.map(Math.abs))).toBeGreaterThan(0.95 * limit);
    expect(Math.abs(firstLayer.reduce((a, b) => a + b, 0) / firstLayer.length)).toBeLessThan(0.05);
  });

  it('is deterministic: the same seed gives the same network bit for bit, another seed another', () => {
    const a = Network.layered([4, 5, 3], { seed: 42 });
    const b = Network.layered([4, 5, 3], { seed: 42 });
    const c = Network.layered([4, 5, 3], { seed: 43 });
    expect(b.toJSON()).toStrictEqual(a.toJSON());
    expect(c.toJSON()).not.toStrictEqual(a.toJSON());
    expect(a.run([1, 2, 3, 4])).toStrictEqual(b.run([1, 2, 3, 4]));
  });

  it.each([[[2]], [[]], [[2, 0, 1]], [[2, 1.5]], ['2,3' as unknown as number[]]])('refuses sizes %j', (sizes) => {
    expect(() => Network.layered(sizes)).toThrow(UsageError);
  });

  it('refuses bad options as its own errors', () => {
    expect(() => Network.layered([2, 1], { seed: 1.5 })).toThrow(/^Network\.layered: seed/);
    expect(() => Network.layered([2, 1], { activation: 'swish' as 'relu' })).toThrow(/^Network\.layered: activation/);
    expect(() => Network.layered([2, 3, 2], { activation: 'softmax' })).toThrow(/give it as outputActivation/);
    expect(() => Network.layered([2, 1], { outputActivation: { name: 'step', alpha: 1 } as never })).toThrow(
      /^Network\.layered: outputActivation/,
    );
  });
});

describe('randomizeWeights', () => {
  it('redraws every weight reproducibly, by scheme', () => {
    const net = Network.layered([3, 6, 2], { seed: 1 });
    const weights = () => net.graph.mapEdges((_edge, { weight }) => weight);
    const initial = weights();
    net.randomizeWeights({ seed: 7 });
    const xavier = weights();
    net.randomizeWeights({ seed: 7, scheme: 'xavier' });
    expect(weights()).toEqual(xavier);
    expect(xavier.every((w, i) => w !== initial[i])).toBe(true);
    net.randomizeWeights({ seed: 7, scheme: 'he' });
    expect(Math.max(...weights().map(Math.abs))).toBeGreaterThan(Math.max(...xavier.map(Math.abs)));
    net.randomizeWeights({ seed: 7, scheme: 'uniform' });
    const uniform = weights();
    expect(Math.max(...uniform.map(Math.abs))).toBeLessThanOrEqual(1);
    expect(Math.max(...uniform.map(Math.abs))).toBeGreaterThan(0.8);
  });
});
