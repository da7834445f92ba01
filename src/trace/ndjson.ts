/**
 * NDJSON traces
 * =============
 *
 * One JSON object per line, one line per event, each line ending in "\n", so `jq`,
 * `grep` and log tools read a trace a line at a time.
 *
 * [Reference]: https://github.com/ndjson/ndjson-spec
 */
import type { TraceEvent } from './trace-event.js';

/** One event as one NDJSON line, newline included. */
export function toNDJSONLine(event: TraceEvent): string {
  return `${JSON.stringify(event)}\n`;
}

/** The events as NDJSON: one line per event, in order; '' for no events. */
export function toNDJSON(events: readonly TraceEvent[]): string {
  let text = '';
  for (const event of events) text += toNDJSONLine(event);
  return text;
}
