/**
 * Trace events
 * ============
 *
 * A network's events as a recorder keeps them: one object per event, in the order
 * they were emitted, tagged with the event's name. This is what a Tracer records and
 * what the pictures (`toHtml`) play back.
 */
import type { NeuronActivatedEvent, RunCompletedEvent, RunStartedEvent } from '../graph/events.js';

export type TraceEvent =
  | ({ type: 'runStarted' } & RunStartedEvent)
  | ({ type: 'neuronActivated' } & NeuronActivatedEvent)
  | ({ type: 'runCompleted' } & RunCompletedEvent);
