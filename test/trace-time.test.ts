/**
 * Traces over time: a recurrent network run as sequences shows its time steps in the
 * pretty table (a `time` column, `t=…` on each run's line), in the Chrome trace (run
 * spans named with their step, sequences on a track of their own) and in NDJSON; a
 * feed-forward network's trace reads as it always did.
 */
import { describe, expect, it } from 'vitest';
import { build as xor } from '../scenarios/xor.js';
import { Tracer, UsageError, toChromeTrace, toPretty, type ChromeTraceEvent } from '../src/index.js';
import { gatedLoop as recurrent } from './support/recurrent-network.js';

const spansOf = (events: readonly ChromeTraceEvent[]) => events.filter((event) => event.ph === 'X' && event.tid === 0);

describe('toPretty over time', () => {
  it('has a time column and t=… on each run line for a network with memory', () => {
    const net = recurrent();
    const tracer = new Tracer(net);
    net.runSequence([[1], [0.5], [2]]);
    const lines = tracer.toPretty({ color: false }).split('\n');
    expect(lines[0]).toMatch(/^run {2}time {2}step {2}neuron +input +output$/);
    expect(lines[1]).toBe('── run 1 · t=0 · inputs x=1');
    expect(lines.filter((line) => line.startsWith('── run 3 · t=2'))).toHaveLength(2);
    const activations = lines.filter((line) => /^\s*\d/.test(line));
    expect(activations).toHaveLength(9);
    expect(activations.map((line) => line.trim().split(/\s+/)[1])).toStrictEqual([
      ...['0', '0', '0'],
      ...['1', '1', '1'],
      ...['2', '2', '2'],
    ]);
    // The values are the network's: y at t=0 is sigmoid(1 × 1 × 0) = 0.5 (y's delayed value is 0 before it exists).
    expect(lines.join('\n')).toContain('── run 1 · t=0 · outputs y=0.5');
  });

  it('shows time without being asked once the network was reset (time no longer counts runs)', () => {
    const net = recurrent();
    const tracer = new Tracer(net);
    net.runSequence([[1], [1]]);
    net.runSequence([[1], [1]]);
    const events = tracer.events;
    expect(toPretty(events, { color: false }).split('\n')[0]).toContain('time');
    expect(toPretty(events, { color: false }).split('\n')).toContain('── run 3 · t=0 · inputs x=1');
    expect(toPretty(events, { color: false, time: false }).split('\n')[0]).not.toContain('time');
  });

  it('keeps a feed-forward trace as it was: no time column, even over several runs', () => {
    const net = xor();
    const tracer = new Tracer(net);
    net.run([0, 1]);
    net.run([1, 1]);
    const text = tracer.toPretty({ color: false });
    expect(text.split('\n')[0]).toMatch(/^run {2}step {2}neuron/);
    expect(text).not.toContain('t=');
    expect(tracer.toPretty({ color: false, time: true }).split('\n')[0]).toMatch(/^run {2}time {2}step/);
  });

  it('reads a trace recorded before time steps existed (no time fields) as it always did', () => {
    const net = recurrent();
    const tracer = new Tracer(net);
    net.runSequence([[1], [1]]);
    net.runSequence([[1], [1]]);
    const old = tracer.events.map(({ time: _time, ...event }) => event) as unknown as typeof tracer.events;
    expect(toPretty(old, { color: false }).split('\n')[0]).not.toContain('time');
    expect(spansOf(toChromeTrace(old).traceEvents).map((span) => span.name)).toContain('run 3');
  });

  it('refuses a time option that is not true or false', () => {
    expect(() => toPretty([], { time: 'yes' as never })).toThrow(UsageError);
    expect(() => toChromeTrace([], { time: 1 as never })).toThrow(/options.time must be true or false/);
    expect(() => toChromeTrace([], { when: true } as never)).toThrow(/unknown option "when"/);
  });
});

describe('Chrome traces over time', () => {
  const spans = (events: readonly ChromeTraceEvent[], tid: number) =>
    events.filter((event) => event.ph === 'X' && event.tid === tid);

  it('names each run span with its time step and gathers each sequence on the sequences track', () => {
    const net = recurrent();
    const tracer = new Tracer(net);
    net.runSequence([[1], [0.5], [2]]);
    net.runSequence([[1], [1]]);
    const { traceEvents } = tracer.toChromeTrace();
    const runs = spans(traceEvents, 0);
    expect(runs.map((span) => span.name)).toStrictEqual([
      'run 1 · t=0',
      'run 2 · t=1',
      'run 3 · t=2',
      'run 4 · t=0',
      'run 5 · t=1',
    ]);
    expect(runs.map((span) => span.args?.time)).toStrictEqual([0, 1, 2, 0, 1]);
    const sequences = spans(traceEvents, -1);
    expect(sequences.map((span) => span.name)).toStrictEqual(['sequence 1 · t=0…2', 'sequence 2 · t=0…1']);
    // Each sequence covers exactly its runs.
    expect(sequences[0]!.ts).toBe(runs[0]!.ts);
    expect(sequences[0]!.ts + sequences[0]!.dur!).toBe(runs[2]!.ts + runs[2]!.dur!);
    expect(sequences[1]!.ts).toBe(runs[3]!.ts);
    expect(sequences[1]!.ts + sequences[1]!.dur!).toBe(runs[4]!.ts + runs[4]!.dur!);
    const named = traceEvents.filter((event) => event.name === 'thread_name');
    expect(named.map((event) => event.args?.name)).toContain('sequences');
    // Every activation carries its time step, and lies inside its run's span.
    for (const event of traceEvents.filter((e) => e.ph === 'X' && e.tid > 0)) {
      const run = runs[(event.args!.run as number) - 1]!;
      expect(event.args!.time).toBe(run.args!.time);
      expect(event.ts).toBeGreaterThanOrEqual(run.ts);
      expect(event.ts + event.dur!).toBeLessThanOrEqual(run.ts + run.dur!);
    }
  });

  it('keeps a feed-forward trace as it was (no time, no sequences track) unless asked', () => {
    const net = xor();
    const tracer = new Tracer(net);
    net.run([0, 1]);
    net.run([1, 0]);
    const plain = tracer.toChromeTrace();
    expect(spans(plain.traceEvents, 0).map((span) => span.name)).toStrictEqual(['run 1', 'run 2']);
    expect(plain.traceEvents.some((event) => event.tid === -1)).toBe(false);
    const timed = tracer.toChromeTrace({ time: true });
    expect(spans(timed.traceEvents, 0).map((span) => span.name)).toStrictEqual(['run 1 · t=0', 'run 2 · t=1']);
    expect(spans(timed.traceEvents, -1).map((span) => span.name)).toStrictEqual(['sequence 1 · t=0…1']);
  });
});

describe('NDJSON over time', () => {
  it('writes every event with its time step', () => {
    const net = recurrent();
    const tracer = new Tracer(net);
    net.runSequence([[1], [2]]);
    const lines = tracer
      .toNDJSON()
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; time: number; run: number });
    expect(lines).toHaveLength(2 * 5);
    for (const line of lines) expect(line.time).toBe(line.run - 1);
  });
});
