/**
 * Traces over time
 * ================
 *
 * Whether a trace should show time steps. Every run is one time step, so `time` and
 * the run number count up together (time = run − 1) until the network is reset; a
 * feed-forward network's trace reads best without a time column. A trace shows time
 * when asked (`{ time: true }`), and otherwise when time no longer follows the run
 * number (the network was reset: it is being run as sequences). A Tracer asks for
 * time when its network has delayed connections, whose values depend on the step.
 */
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import type { Network } from '../graph/network.js';
import type { TraceEvent } from './trace-event.js';

/** The `time` option, checked: true, false, or undefined (decide from the events). */
export function checkTimeOption(method: string, time: unknown): boolean | undefined {
  if (time === undefined || typeof time === 'boolean') return time;
  throw new UsageError(`${method}: options.time must be true or false, got ${describe(time)}.`);
}

/**
 * Whether some event's time step is not its run number − 1: the network was reset, time matters.
 * Events recorded before time steps existed carry no `time` and say nothing either way.
 */
export function timeRestarts(events: readonly TraceEvent[]): boolean {
  return events.some((event) => event.time !== undefined && event.time !== event.run - 1);
}

/** Whether the network has a delayed connection, so its trace is read step by step. */
export function hasMemory(network: Network): boolean {
  return network.graph.someEdge((_key, attributes) => (attributes.delay ?? 0) > 0);
}
