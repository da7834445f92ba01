/**
 * Tracer
 * ======
 *
 * Records a network's events, in order, as `TraceEvent`s: attach one to watch a
 * signal flow, then read `events` or turn them into a table, NDJSON or a Chrome
 * trace. It listens to the same `runStarted` / `neuronActivated` / `runCompleted`
 * events anyone can; `detach()` removes its listeners, so a network without
 * listeners goes back to building no payloads at all.
 */
import type { NeuronActivatedEvent, RunCompletedEvent, RunStartedEvent } from '../graph/events.js';
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { checkOptionNames } from '../format/options.js';
import { Network } from '../graph/network.js';
import { toChromeTrace, type ChromeTrace, type ChromeTraceOptions } from './chrome-trace.js';
import { hasMemory } from './over-time.js';
import type { TraceEvent } from './trace-event.js';
import { toNDJSON, toNDJSONLine } from './ndjson.js';
import { toPretty, type PrettyOptions } from './pretty.js';

export interface TracerOptions {
  /** Record only these neurons' activations; every recorded run still has its start and end. */
  readonly neurons?: readonly string[];
  /** Record only these runs: their numbers, or a test on the run number. */
  readonly runs?: readonly number[] | ((run: number) => boolean);
}

const TRACER_OPTIONS: readonly (keyof TracerOptions)[] = ['neurons', 'runs'];

/** Where `pipe` writes: a Node stream (`process.stdout`, `fs.createWriteStream`) or anything with `write`. */
export interface TraceSink {
  write(chunk: string): unknown;
}

export class Tracer {
  readonly network: Network;
  #events: TraceEvent[] = [];
  #attached = true;
  readonly #neurons: ReadonlySet<string> | null;
  readonly #keepRun: (run: number) => boolean;
  /** The last run asked about, and the answer: the run filter is asked once per run. */
  #run = 0;
  #keep = false;
  readonly #pipes = new Set<TraceSink>();

  constructor(network: Network, options: TracerOptions = {}) {
    // A Network of another copy of neurograph (the sources and dist/, say) records as well.
    if (!(network instanceof Network) && typeof (network as Partial<Network> | null)?.on !== 'function') {
      throw new UsageError(`Tracer: the first argument must be the Network to record, got ${describe(network)}.`);
    }
    checkOptionNames(options, TRACER_OPTIONS, 'Tracer');
    const { neurons, runs } = options;
    if (neurons !== undefined && (!Array.isArray(neurons) || !neurons.every((id) => typeof id === 'string'))) {
      throw new UsageError(
        `Tracer: options.neurons must be an array of neuron ids (strings), got ${describe(neurons)}.`,
      );
    }
    if (runs !== undefined && typeof runs !== 'function' && (!Array.isArray(runs) || !runs.every(Number.isInteger))) {
      throw new UsageError(
        `Tracer: options.runs must be an array of run numbers or a function of the run number, got ${describe(runs)}.`,
      );
    }
    this.network = network;
    this.#neurons = neurons === undefined ? null : new Set(neurons);
    if (runs === undefined) this.#keepRun = () => true;
    else if (typeof runs === 'function') this.#keepRun = runs;
    else {
      const wanted = new Set(runs);
      this.#keepRun = (run) => wanted.has(run);
    }
    network.on('runStarted', this.#onRunStarted);
    network.on('neuronActivated', this.#onNeuronActivated);
    network.on('runCompleted', this.#onRunCompleted);
  }

  /** The recorded events, in the order the network emitted them. */
  get events(): readonly TraceEvent[] {
    return this.#events;
  }

  /** False once `detach()` has been called. */
  get attached(): boolean {
    return this.#attached;
  }

  /** Stops listening (open pipes get no more lines; their streams are not ended); the record stays readable. */
  detach(): void {
    if (!this.#attached) return;
    this.#attached = false;
    this.#pipes.clear();
    this.network.off('runStarted', this.#onRunStarted);
    this.network.off('neuronActivated', this.#onNeuronActivated);
    this.network.off('runCompleted', this.#onRunCompleted);
  }

  /** Forgets what was recorded; an `events` array read earlier keeps its contents. */
  clear(): void {
    this.#events = [];
  }

  /**
   * Streams events as NDJSON lines to `sink` while the network runs, instead of
   * recording them, so a long run needs constant memory. Returns a function that
   * ends the stream; the tracer records again once no pipe is left.
   *
   * NOTE: `run` is synchronous, so a Node stream can only buffer what a loop of runs
   * writes until the loop yields; await 'drain' between runs when `write` returns
   * false, or write to a synchronous sink (e.g. `fs.writeSync` on a file descriptor).
   */
  pipe(sink: TraceSink): () => void {
    if (!this.#attached) {
      throw new UsageError('Tracer.pipe: this tracer is detached; create a new Tracer to stream events.');
    }
    if (sink === null || typeof sink !== 'object' || typeof sink.write !== 'function') {
      throw new UsageError(
        'Tracer.pipe: the sink needs a write(chunk) method, e.g. process.stdout or fs.createWriteStream(file).',
      );
    }
    this.#pipes.add(sink);
    return () => {
      this.#pipes.delete(sink);
    };
  }

  /** An aligned terminal table of the recorded events (see `toPretty`); with time steps if the network has memory. */
  toPretty(options?: PrettyOptions): string {
    // The network's order of inputs and outputs, unless the caller gives one (or a bad value, which toPretty refuses).
    const defaults: PrettyOptions = {
      order: [...this.network.inputs, ...this.network.outputs],
      ...(hasMemory(this.network) && { time: true }),
    };
    return toPretty(
      this.#events,
      typeof options === 'object' && options !== null ? { ...defaults, ...options } : (options ?? defaults),
    );
  }

  /** The recorded events as NDJSON, one line per event. */
  toNDJSON(): string {
    return toNDJSON(this.#events);
  }

  /** The recorded events in the Trace Event Format, for Perfetto; with time steps if the network has memory. */
  toChromeTrace(options?: ChromeTraceOptions): ChromeTrace {
    const defaults: ChromeTraceOptions = hasMemory(this.network) ? { time: true } : {};
    return toChromeTrace(
      this.#events,
      typeof options === 'object' && options !== null ? { ...defaults, ...options } : (options ?? defaults),
    );
  }

  // --- listening --------------------------------------------------------------------

  #keeps(run: number): boolean {
    if (run !== this.#run) {
      this.#run = run;
      this.#keep = this.#keepRun(run);
    }
    return this.#keep;
  }

  #record(event: TraceEvent): void {
    if (this.#pipes.size === 0) {
      this.#events.push(event);
      return;
    }
    const line = toNDJSONLine(event);
    for (const sink of this.#pipes) sink.write(line);
  }

  readonly #onRunStarted = (event: RunStartedEvent): void => {
    if (this.#keeps(event.run)) {
      this.#record({ type: 'runStarted', run: event.run, time: event.time, inputs: { ...event.inputs } });
    }
  };

  readonly #onNeuronActivated = (event: NeuronActivatedEvent): void => {
    if (this.#neurons !== null && !this.#neurons.has(event.neuron)) return;
    if (this.#keeps(event.run)) this.#record({ type: 'neuronActivated', ...event });
  };

  readonly #onRunCompleted = (event: RunCompletedEvent): void => {
    if (this.#keeps(event.run)) {
      this.#record({ type: 'runCompleted', run: event.run, time: event.time, outputs: { ...event.outputs } });
    }
  };
}
