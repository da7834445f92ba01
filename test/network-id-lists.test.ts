import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RUNS_BEFORE_GENERATING } from '../src/executors/silent-pass.js';
import { Network } from '../src/index.js';
import { hostileSourceIds } from './support/hostile-ids.js';
import { randomNetwork } from './support/random-network.js';

// `net.inputs`, `net.outputs` and `net.neurons` are the caller's to keep and read (issue 13's W1 bench reads the
// record by `net.outputs`). Whatever a caller does to the array it was handed, the network must not change: not its
// id lists, not the record's keys, not a single value of a run, cold or generated (silent-pass.ts).

/** Every way a caller might change an id list it was handed; each may throw (a frozen array refuses them all). */
function vandalize(ids: readonly string[]): void {
  const list = ids as string[];
  const attempts: (() => unknown)[] = [
    () => list.push('intruder'),
    () => (list[0] = 'intruder'),
    () => list.reverse(),
    () => list.splice(0, 1),
    () => (list.length = 0),
  ];
  for (const attempt of attempts) {
    try {
      attempt();
    } catch {
      // refused: as good as ignored
    }
  }
}

/** A network with hostile output ids: integer-like (a record lists those first), quotes, line breaks, Unicode. */
function hostileNetwork(): Network {
  const net = new Network();
  net.addInput('1');
  net.addInput('x 0');
  const outputs = ['0', 'y', ...hostileSourceIds];
  for (const id of outputs) {
    net.addNeuron(id, { role: 'output', activation: 'sigmoid' });
    net.connect('1', id, 0.5);
    net.connect('x 0', id, -0.25);
  }
  return net;
}

function inputsOf(net: Network, seed: number): Float64Array {
  return Float64Array.from(net.inputs, (_id, i) => Math.sin(seed + i));
}

/** Runs `net` often enough for its plan to be generated, handing out and vandalizing its id lists on every run. */
function runWhileVandalizing(net: Network, seed: number): Record<string, number> {
  let record: Record<string, number> = {};
  for (let k = 0; k <= RUNS_BEFORE_GENERATING + 2; k++) {
    vandalize(net.inputs);
    vandalize(net.outputs);
    vandalize(net.neurons);
    record = net.run(inputsOf(net, seed));
  }
  return record;
}

describe('the id lists a network hands out', () => {
  it('change nothing in the network when the caller changes them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (seed) => {
        const net =
          seed % 7 === 0 ? hostileNetwork() : randomNetwork(seed, { hidden: seed % 9, outputs: 1 + (seed % 4) });
        const untouched = Network.fromJSON(net.toJSON());
        const lists = { inputs: [...net.inputs], outputs: [...net.outputs], neurons: [...net.neurons] };

        const record = runWhileVandalizing(net, seed);
        expect({ inputs: net.inputs, outputs: net.outputs, neurons: net.neurons }).toEqual(lists);

        // The same run on a copy nobody handed anything out of: the same keys, in the same order, the same bits.
        const expected = Object.entries(untouched.run(inputsOf(untouched, seed)));
        const entries = Object.entries(record);
        expect(entries.map(([key]) => key)).toEqual(expected.map(([key]) => key));
        entries.forEach(([, value], k) => expect(Object.is(value, expected[k]![1])).toBe(true));
        // Every output read back by the ids the network hands out, as a caller who does not know them would.
        const ids = net.outputs;
        for (let k = 0; k < ids.length; k++) expect(Object.is(record[ids[k]!], untouched.value(ids[k]!))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
