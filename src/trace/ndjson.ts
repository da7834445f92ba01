/**
 * NDJSON traces
 * =============
 *
 * One JSON object per line, one line per event, each line ending in "\n", so `jq`,
 * `grep` and log tools read a trace a line at a time.
 *
 * [Reference]: https://github.com/ndjson/ndjson-spec
 */
import { checkTraceEvents, type TraceEvent, traceEventFields } from './trace-event.js';

/** One (checked) event as one NDJSON line, newline included: its type's fields, other properties left out. */
export function toNDJSONLine(event: TraceEvent): string {
  return `${JSON.stringify(traceEventFields(event))}\n`;
}

/** The events as NDJSON: one line per event, in order; '' for no events. */
export function toNDJSON(events: readonly TraceEvent[]): string {
  checkTraceEvents('toNDJSON', events);
  let text = '';
  for (const event of events) text += toNDJSONLine(event);
  return text;
}
