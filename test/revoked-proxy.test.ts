// A revoked Proxy throws a TypeError at any look; every public function given one (where it reads an argument)
// answers with a named error instead. Network, CompiledNetwork and Trainer are covered by fuzz-operations and
// train-samples; these are the others.
import { describe, expect, it } from 'vitest';
import * as neurograph from '../src/index.js';

const revoked = (): never => {
  const { proxy, revoke } = Proxy.revocable([], {});
  revoke();
  return proxy as never;
};

describe('a revoked Proxy given to the library', () => {
  it('is a named error from data, tables, traces, pictures and ONNX', () => {
    const net = neurograph.Network.layered([2, 2, 1], { seed: 1 });
    const calls: [string, () => unknown][] = [
      ['datasets.toSamples', () => neurograph.datasets.toSamples(revoked())],
      ['datasets.split', () => neurograph.datasets.split(revoked())],
      ['datasets.circle', () => neurograph.datasets.circle(revoked())],
      ['checkTable', () => neurograph.checkTable(net, revoked())],
      ['checkTable row', () => neurograph.checkTable(net, [revoked()])],
      ['formatTable', () => neurograph.formatTable(revoked(), revoked())],
      ['toPretty', () => neurograph.toPretty(revoked())],
      ['toNDJSON', () => neurograph.toNDJSON(revoked())],
      ['toChromeTrace', () => neurograph.toChromeTrace(revoked())],
      ['toHtml', () => neurograph.toHtml(net, revoked())],
      ['toSvg', () => neurograph.toSvg(net, revoked())],
      ['toDot', () => neurograph.toDot(net, revoked())],
      ['toOnnx', () => neurograph.toOnnx(net, revoked())],
      ['fromOnnx', () => neurograph.fromOnnx(revoked())],
      ['Tracer', () => new neurograph.Tracer(net, revoked())],
    ];
    for (const [name, call] of calls) {
      let thrown: unknown;
      try {
        call();
      } catch (error) {
        thrown = error;
      }
      expect(thrown, name).toBeInstanceOf(neurograph.NeurographError);
    }
  });
});
