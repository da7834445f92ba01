/**
 * Page data
 * =========
 *
 * What `toHtml` embeds in the page (as JSON in `<script id="ng-data">`) and the
 * player reads back: the neurons and connections in the drawing's order, so the
 * player finds each one's elements by index (`data-index`, `data-connection`)
 * rather than by id, and the recorded runs, in the order they were run.
 *
 * Time: fields that only networks with time have are left out otherwise (`product`,
 * `delay`, `time`), so a feed-forward network's page holds the same data as before;
 * so is `softmax`, which only the softmax group's neurons have.
 */

export interface PageNeuron {
  readonly id: string;
  readonly role: 'input' | 'bias' | 'hidden' | 'output';
  /** What the drawing writes under it: `sigmoid`, `step(threshold=0.3)`, `input`, … */
  readonly activation: string;
  /** Present (true) for a neuron that multiplies its weighted inputs instead of summing them. */
  readonly product?: true;
  /** Present (true) for the softmax group's neurons, which fire together. */
  readonly softmax?: true;
}

export interface PageConnection {
  readonly from: string;
  readonly to: string;
  readonly weight: number;
  /** Present for a delayed connection: how many steps late its source's output arrives. */
  readonly delay?: number;
  /** Where the drawing writes its weight, and where the player shows its signal. */
  readonly x: number;
  readonly y: number;
}

export interface PageStep {
  readonly neuron: string;
  readonly input: number;
  readonly output: number;
}

/** One recorded run, as the page plays it. */
export interface PageRun {
  readonly run: number;
  /** The run's time step (since the last reset); present when the page shows time. */
  readonly time?: number;
  /** In input order; null where the trace does not say. */
  readonly inputs: readonly (number | null)[];
  /** In output order; null where the trace does not say. */
  readonly outputs: readonly (number | null)[];
  /** The activations, in the order they fired. */
  readonly steps: readonly PageStep[];
}

export interface PageData {
  readonly autoplay: boolean;
  /** Playback speed, 0.25 to 4 (1 is about one activation a second). */
  readonly speed: number;
  /** Input and output ids, in the network's order. */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** In the drawing's order: neuron i is the drawing's `[data-index="i"]`. */
  readonly neurons: readonly PageNeuron[];
  /** In the drawing's order: connection i is the drawing's `[data-connection="i"]`. */
  readonly connections: readonly PageConnection[];
  readonly runs: readonly PageRun[];
  /** Present (true) when the page shows time steps: the network has memory, or was reset during the trace. */
  readonly overTime?: true;
}
