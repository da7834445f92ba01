/**
 * What a moment of playback shows
 * ===============================
 *
 * For a position in a recorded run (row, the steps shown so far, the first step of the
 * moment firing now): which neurons have fired and with what, which fire now, and the
 * signals arriving at them. The HTML player and the playground's trace view both draw
 * from this, so they light the same neurons and carry the same values.
 */
import type { PageConnection, PageData, PageStep } from './page-data.js';

/**
 * A signal arriving at the neuron that fires: its connection, and the source's step if it fired
 * (for a delayed connection, the source's step as many time steps earlier).
 */
export interface Term {
  /** The connection's index in the drawing. */
  readonly index: number;
  readonly connection: PageConnection;
  readonly source: PageStep | undefined;
}

export interface Signals {
  /** What fired before `step`, by neuron id and by neuron index. */
  readonly firedById: ReadonlyMap<string, PageStep>;
  readonly fired: ReadonlyMap<number, PageStep>;
  /** The activations of the moment firing now (steps `from` … `step` - 1) and their neurons' indexes. */
  readonly now: readonly PageStep[];
  readonly currentIndexes: readonly number[];
  readonly terms: readonly Term[];
}

/** The page's neurons and connections, indexed once. */
export interface PageIndex {
  readonly indexOf: ReadonlyMap<string, number>;
  /** For each neuron index, the indexes of its incoming connections. */
  readonly incoming: readonly (readonly number[])[];
}

export function indexPage(data: PageData): PageIndex {
  const indexOf = new Map(data.neurons.map((neuron, index) => [neuron.id, index]));
  const incoming = data.neurons.map((): number[] => []);
  data.connections.forEach((connection, index) => incoming[indexOf.get(connection.to) ?? -1]?.push(index));
  return { indexOf, incoming };
}

/**
 * The signals at a position. `earlier(row, delay, neuron)` gives a delayed connection's source step
 * (a page without time passes nothing: every connection is then immediate).
 */
export function signalsAt(
  data: PageData,
  { indexOf, incoming }: PageIndex,
  position: { readonly row: number; readonly from: number; readonly step: number },
  earlier?: (row: number, delay: number, neuron: string) => PageStep | undefined,
): Signals {
  const { row, from, step } = position;
  const run = data.runs[row]!;
  const firedById = new Map<string, PageStep>();
  const fired = new Map<number, PageStep>();
  for (const activation of run.steps.slice(0, step)) {
    firedById.set(activation.neuron, activation);
    fired.set(indexOf.get(activation.neuron) ?? -1, activation);
  }
  const now = run.steps.slice(from, step);
  const currentIndexes = now.map((activation) => indexOf.get(activation.neuron) ?? -1);
  const terms: Term[] = currentIndexes.flatMap((target) =>
    (incoming[target] ?? []).map((index) => {
      const connection = data.connections[index]!;
      const delay = connection.delay ?? 0;
      const source =
        delay > 0 && earlier !== undefined ? earlier(row, delay, connection.from) : firedById.get(connection.from);
      return { index, connection, source };
    }),
  );
  return { firedById, fired, now, currentIndexes, terms };
}
