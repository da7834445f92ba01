/**
 * Chrome traces
 * =============
 *
 * A trace in the Trace Event Format, the JSON that Perfetto (ui.perfetto.dev) and
 * chrome://tracing open: each run a complete ('X') span on the "runs" track, each
 * activation a complete event on the track of its generation, with its input and
 * output as args. Time is logical, not measured: runs are laid end to end in the
 * order they appear, one activation step lasting one microsecond, so the same events
 * always give the same trace.
 *
 * Time: when the trace is over time (`{ time: true }`, or a network that was reset:
 * see over-time.ts), each run span is named with its step (`run 3 · t=2`) and
 * every event carries `time`; the runs of one sequence (time counting up from where it
 * started) are gathered under one span on the "sequences" track above the runs.
 *
 * [Reference]: https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU
 */
import { checkOptionNames } from '../format/options.js';
import { checkTimeOption, timeRestarts } from './over-time.js';
import { checkTraceEvents, type TraceEvent } from './trace-event.js';

export interface ChromeTraceOptions {
  /**
   * Show time steps: name each run span with its step, put `time` in every event's args and
   * gather the runs of each sequence on a "sequences" track. Defaults to whether the network was
   * reset during the trace (time no longer follows the run number); a Tracer turns it on for a
   * network with delayed connections.
   */
  readonly time?: boolean;
}

/** One event of the Trace Event Format; every event carries name, ph, ts, pid and tid. */
export interface ChromeTraceEvent {
  readonly name: string;
  /** 'X' complete event (with dur), 'M' metadata. */
  readonly ph: 'X' | 'M';
  /** Microseconds. */
  readonly ts: number;
  readonly pid: number;
  readonly tid: number;
  readonly dur?: number;
  readonly cat?: string;
  readonly args?: Readonly<Record<string, unknown>>;
}

/** The JSON object format: `JSON.stringify` it to a file and open it in Perfetto. */
export interface ChromeTrace {
  readonly traceEvents: readonly ChromeTraceEvent[];
  readonly displayTimeUnit: 'ms' | 'ns';
  readonly otherData: Readonly<Record<string, string>>;
}

const PID = 1;
/** The track of the run spans; generation g is on track g + 1. */
const RUNS_TID = 0;
/** The track of the sequence spans, above the runs (only for traces over more than one time step). */
const SEQUENCES_TID = -1;
/** Logical duration of one activation step, in microseconds. */
const STEP_US = 1;
/** Logical pause between two runs, in microseconds. */
const GAP_US = 1;

interface RunSpan {
  start: number;
  steps: number;
  time: number;
  inputs?: Readonly<Record<string, number>>;
  outputs?: Readonly<Record<string, number>>;
}

/** The events as a Trace Event Format document (a pure function: same events, same document). */
export function toChromeTrace(events: readonly TraceEvent[], options?: ChromeTraceOptions): ChromeTrace {
  checkTraceEvents('toChromeTrace', events);
  checkOptionNames(options, ['time'], 'toChromeTrace');
  const overTime = checkTimeOption('toChromeTrace', options?.time) ?? timeRestarts(events);
  // First pass: what each run spans (steps seen, inputs, outputs), then where it starts.
  const runs = new Map<number, RunSpan>();
  for (const event of events) {
    let span = runs.get(event.run);
    if (span === undefined) runs.set(event.run, (span = { start: 0, steps: 1, time: event.time ?? 0 }));
    if (event.type === 'runStarted') span.inputs = { ...event.inputs };
    else if (event.type === 'runCompleted') span.outputs = { ...event.outputs };
    else span.steps = Math.max(span.steps, event.step + 1);
  }
  let cursor = 0;
  for (const span of runs.values()) {
    span.start = cursor;
    cursor += span.steps * STEP_US + GAP_US;
  }

  const tids = new Set<number>([RUNS_TID]);
  const timed: ChromeTraceEvent[] = [];
  if (overTime) {
    tids.add(SEQUENCES_TID);
    timed.push(...sequenceSpans([...runs.values()]));
  }

  // Second pass: a run's span where the run first appears, then its activations.
  const placed = new Set<number>();
  for (const event of events) {
    const { start, steps, inputs, outputs, time } = runs.get(event.run)!;
    if (!placed.has(event.run)) {
      placed.add(event.run);
      const args = {
        run: event.run,
        ...(overTime && { time }),
        ...(inputs && { inputs }),
        ...(outputs && { outputs }),
      };
      const name = overTime ? `run ${event.run} · t=${time}` : `run ${event.run}`;
      timed.push({ name, cat: 'run', ph: 'X', ts: start, dur: steps * STEP_US, pid: PID, tid: RUNS_TID, args });
    }
    if (event.type !== 'neuronActivated') continue;
    const tid = event.generation + 1;
    tids.add(tid);
    timed.push({
      name: event.neuron,
      cat: event.role,
      ph: 'X',
      ts: start + event.step * STEP_US,
      dur: STEP_US,
      pid: PID,
      tid,
      args: {
        run: event.run,
        ...(overTime && { time }),
        step: event.step,
        generation: event.generation,
        input: event.input,
        output: event.output,
      },
    });
  }

  const metadata: ChromeTraceEvent[] = [
    { name: 'process_name', ph: 'M', ts: 0, pid: PID, tid: RUNS_TID, args: { name: 'neurograph' } },
  ];
  for (const tid of [...tids].sort((a, b) => a - b)) {
    const name = tid === SEQUENCES_TID ? 'sequences' : tid === RUNS_TID ? 'runs' : `generation ${tid - 1}`;
    metadata.push({ name: 'thread_name', ph: 'M', ts: 0, pid: PID, tid, args: { name } });
    metadata.push({ name: 'thread_sort_index', ph: 'M', ts: 0, pid: PID, tid, args: { sort_index: tid } });
  }
  return {
    traceEvents: [...metadata, ...timed],
    displayTimeUnit: 'ns',
    otherData: { generator: 'neurograph', time: 'logical: one activation step lasts 1 µs' },
  };
}

/**
 * One span per sequence: runs in a row whose time steps count up by one from the first's
 * (a run at time 0, or one that does not follow its predecessor, starts a new sequence).
 */
function sequenceSpans(spans: readonly RunSpan[]): ChromeTraceEvent[] {
  const sequences: RunSpan[][] = [];
  let previous: RunSpan | undefined;
  for (const span of spans) {
    if (previous === undefined || span.time !== previous.time + 1) sequences.push([span]);
    else sequences.at(-1)!.push(span);
    previous = span;
  }
  return sequences.map((sequence, index) => {
    const first = sequence[0]!;
    const last = sequence.at(-1)!;
    const times = first.time === last.time ? `t=${first.time}` : `t=${first.time}…${last.time}`;
    return {
      name: `sequence ${index + 1} · ${times}`,
      cat: 'sequence',
      ph: 'X',
      ts: first.start,
      dur: last.start + last.steps * STEP_US - first.start,
      pid: PID,
      tid: SEQUENCES_TID,
      args: { steps: sequence.length, from: first.time, to: last.time },
    };
  });
}
