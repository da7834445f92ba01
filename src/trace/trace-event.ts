/**
 * Trace events
 * ============
 *
 * A network's events as a recorder keeps them: one object per event, in the order
 * they were emitted, tagged with the event's name. This is what a Tracer records and
 * what the pictures (`toHtml`) play back.
 */
import { UsageError } from '../errors.js';
import { describe, quoteId } from '../format/describe.js';
import { isRevokedProxy } from '../format/revoked-proxy.js';
import type { NeuronActivatedEvent, RunCompletedEvent, RunStartedEvent } from '../graph/events.js';

export type TraceEvent =
  | ({ type: 'runStarted' } & RunStartedEvent)
  | ({ type: 'neuronActivated' } & NeuronActivatedEvent)
  | ({ type: 'runCompleted' } & RunCompletedEvent);

const ROLES: readonly string[] = ['input', 'bias', 'hidden', 'output'];
const TYPES = ['runStarted', 'neuronActivated', 'runCompleted'] as const;
const SHAPE = 'trace events (e.g. tracer.events): objects with a type of runStarted, neuronActivated or runCompleted';

/**
 * Checks what a trace formatter was given: an array of trace events, each an object with a
 * known `type` and that type's fields (a run number; finite numbers for every input, output
 * and value), so a bad event is a UsageError naming its index, never a TypeError, a NaN in
 * the output, or a string read character by character. Other properties are allowed and
 * not written out.
 */
export function checkTraceEvents(method: string, events: unknown): asserts events is readonly TraceEvent[] {
  if (isRevokedProxy(events) || !Array.isArray(events)) {
    throw new UsageError(`${method}: events must be an array of ${SHAPE}; got ${describe(events)}.`);
  }
  // NOTE: an indexed loop: a sparse array's holes are events too (undefined), which forEach would skip.
  for (let index = 0; index < events.length; index++) checkTraceEvent(method, events[index], index);
}

function checkTraceEvent(method: string, event: unknown, index: number): void {
  const where = `events[${index}]`;
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    throw new UsageError(`${method}: ${where} must be one of the ${SHAPE}; got ${describe(event)}.`);
  }
  const fields = event as Record<string, unknown>;
  const { type } = fields;
  if (!TYPES.includes(type as (typeof TYPES)[number])) {
    throw new UsageError(
      `${method}: ${where}.type must be "runStarted", "neuronActivated" or "runCompleted"; got ${describe(type)}.`,
    );
  }
  const fail = (field: string, wanted: string) => {
    throw new UsageError(
      `${method}: ${where} (${type as string}).${field} must be ${wanted}; got ${describe(fields[field])}.`,
    );
  };
  if (!Number.isSafeInteger(fields.run) || (fields.run as number) < 1) fail('run', 'a run number (1, 2, …)');
  // Traces recorded before time steps existed have no `time`: they read as step 0.
  if (fields.time !== undefined && (!Number.isSafeInteger(fields.time) || (fields.time as number) < 0)) {
    fail('time', 'a time step (0, 1, …)');
  }
  if (type === 'runStarted') checkRecord(method, fields, 'inputs', where);
  else if (type === 'runCompleted') checkRecord(method, fields, 'outputs', where);
  else {
    if (typeof fields.neuron !== 'string') fail('neuron', 'a neuron id (a string)');
    if (!ROLES.includes(fields.role as string)) fail('role', '"input", "bias", "hidden" or "output"');
    for (const count of ['generation', 'step']) {
      if (!Number.isSafeInteger(fields[count]) || (fields[count] as number) < 0) fail(count, 'a whole number ≥ 0');
    }
    for (const value of ['input', 'output']) {
      if (!Number.isFinite(fields[value])) fail(value, 'a finite number');
    }
  }
}

/** `inputs` or `outputs`: a record of finite numbers keyed by neuron id. */
function checkRecord(method: string, fields: Record<string, unknown>, name: string, where: string): void {
  const record = fields[name];
  const type = fields.type as string;
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new UsageError(
      `${method}: ${where} (${type}).${name} must be a record of finite numbers keyed by neuron id; ` +
        `got ${describe(record)}.`,
    );
  }
  for (const [id, value] of Object.entries(record)) {
    if (!Number.isFinite(value)) {
      throw new UsageError(
        `${method}: ${where} (${type}).${name}[${quoteId(id)}] must be a finite number; got ${describe(value)}.`,
      );
    }
  }
}

/** The event with only its type's fields, in their usual order: what a trace writes out. */
export function traceEventFields(event: TraceEvent): TraceEvent {
  switch (event.type) {
    case 'runStarted':
      return { type: event.type, run: event.run, time: event.time ?? 0, inputs: event.inputs };
    case 'runCompleted':
      return { type: event.type, run: event.run, time: event.time ?? 0, outputs: event.outputs };
    case 'neuronActivated': {
      const { type, run, time = 0, neuron, role, generation, step, input, output } = event;
      return { type, run, time, neuron, role, generation, step, input, output };
    }
  }
}
