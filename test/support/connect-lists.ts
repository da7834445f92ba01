// Lists of connections for connectMany's tests, and connect() one by one to compare it with.
import { expect } from 'vitest';
import { CycleError, type EdgeSpec, type Network } from '../../src/index.js';

/** The two ends of a list item. */
export function pairOf(edge: EdgeSpec): [string, string] {
  return Array.isArray(edge) ? [edge[0], edge[1]] : [(edge as { from: string }).from, (edge as { to: string }).to];
}

/** connect() one by one: the error of the first one that throws, or none. */
export function connectOneByOne(net: Network, edges: readonly EdgeSpec[]): unknown {
  for (const edge of edges) {
    const error = errorFrom(() => {
      if (Array.isArray(edge)) net.connect(edge[0], edge[1], edge[2]);
      else {
        const { from, to, weight, ...options } = edge as { from: string; to: string; weight: number };
        net.connect(from, to, weight, options);
      }
    });
    if (error !== undefined) return error;
  }
  return undefined;
}

/** What an error says after its place (`Network.connect: "a" -> "b": …` or `…: edges[3]: "a" -> "b": …`). */
export function problemOf(error: unknown): string {
  const message = (error as Error).message;
  const kind =
    /(no neuron|delay must|trainable must|softmax|takes no incoming|already exists|appears twice|a weight must|would close the cycle)/.exec(
      message,
    );
  return kind === null ? message : kind[1]!.replace('already exists', 'appears twice');
}

/**
 * Connections that are wrong next to `from → to` (a connection of the list or the network), one per way of being
 * wrong; `softmax` names a softmax output of the network, if it has one.
 */
export function faultsNear(from: string, to: string, softmax = 's'): EdgeSpec[] {
  return [
    [to, from, 1], // a cycle, unless that connection was delayed
    [from, to, 2], // the same pair twice
    [from, 'nobody', 1],
    [from, 'x0', 1], // into an input
    [softmax, to, 1], // out of a softmax output (when there is one)
    [from, to, Number.POSITIVE_INFINITY],
    { from, to: from, weight: 1 }, // an immediate self-loop
    { from, to, weight: 1, delay: 0.5 },
    // Two problems in one connection: the one connect() checks first is the one named.
    [softmax, to, Number.NaN],
    [from, 'x0', Number.NaN],
    [from, from, Number.NaN],
    { from, to, weight: Number.NaN, trainable: 'yes' as unknown as boolean },
  ];
}

/** What `act` throws, or undefined. */
export function errorFrom(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** `thrown` is the refusal `expected` (connect()'s, one by one): the same class exactly, problem and cycle. */
export function expectSameRefusal(thrown: unknown, expected: unknown): void {
  // The same class exactly (CycleError and InputError are UsageErrors too), and the same problem.
  expect((thrown as Error).constructor).toBe((expected as Error).constructor);
  expect(problemOf(thrown)).toBe(problemOf(expected));
  if (expected instanceof CycleError) {
    const { from, to, path } = thrown as CycleError;
    expect({ from, to, path }).toStrictEqual({ from: expected.from, to: expected.to, path: expected.path });
  }
}
