import { build as xor } from '../scenarios/xor.js';
import { describe, expect, it } from 'vitest';
import { Tracer, toChromeTrace, type ChromeTraceEvent } from '../src/index.js';

const truthTableTrace = () => {
  const net = xor();
  const tracer = new Tracer(net);
  for (const row of [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ])
    net.run(row);
  return tracer;
};

const meta = (name: string, tid: number, args: object) => ({ name, ph: 'M', ts: 0, pid: 1, tid, args });
const slice = (name: string, cat: string, ts: number, tid: number, step: number, input: number, output: number) => ({
  name,
  cat,
  ph: 'X',
  ts,
  dur: 1,
  pid: 1,
  tid,
  args: { run: 1, step, generation: tid - 1, input, output },
});

describe('Chrome traces', () => {
  it('golden: one XOR run as a span on the runs track and an event per activation on its generation track', () => {
    const net = xor();
    const tracer = new Tracer(net);
    net.run([0, 1]);
    expect(tracer.toChromeTrace()).toStrictEqual({
      traceEvents: [
        meta('process_name', 0, { name: 'neurograph' }),
        meta('thread_name', 0, { name: 'runs' }),
        meta('thread_sort_index', 0, { sort_index: 0 }),
        meta('thread_name', 1, { name: 'generation 0' }),
        meta('thread_sort_index', 1, { sort_index: 1 }),
        meta('thread_name', 2, { name: 'generation 1' }),
        meta('thread_sort_index', 2, { sort_index: 2 }),
        meta('thread_name', 3, { name: 'generation 2' }),
        meta('thread_sort_index', 3, { sort_index: 3 }),
        {
          name: 'run 1',
          cat: 'run',
          ph: 'X',
          ts: 0,
          dur: 4,
          pid: 1,
          tid: 0,
          args: { run: 1, inputs: { a: 0, b: 1 }, outputs: { xor: 1 } },
        },
        slice('a', 'input', 0, 1, 0, 0, 0),
        slice('b', 'input', 1, 1, 1, 1, 1),
        slice('and', 'hidden', 2, 2, 2, 0.5, 0),
        slice('xor', 'output', 3, 3, 3, 1, 1),
      ],
      displayTimeUnit: 'ns',
      otherData: { generator: 'neurograph', time: 'logical: one activation step lasts 1 µs' },
    });
  });

  it('is valid JSON with name, ph, ts, pid and tid on every event, and a named track for every tid', () => {
    const trace = JSON.parse(JSON.stringify(truthTableTrace().toChromeTrace())) as { traceEvents: ChromeTraceEvent[] };
    for (const event of trace.traceEvents) {
      expect(typeof event.name).toBe('string');
      expect(['X', 'M']).toContain(event.ph);
      expect(Number.isFinite(event.ts)).toBe(true);
      expect(Number.isInteger(event.pid)).toBe(true);
      expect(Number.isInteger(event.tid)).toBe(true);
      if (event.ph === 'X') expect(event.dur).toBeGreaterThan(0);
    }
    const named = new Set(trace.traceEvents.filter((event) => event.name === 'thread_name').map((event) => event.tid));
    expect(new Set(trace.traceEvents.map((event) => event.tid))).toEqual(named);
  });

  it('lays runs end to end: no two spans overlap, activations lie inside their run, no track overlaps itself', () => {
    const events = truthTableTrace()
      .toChromeTrace()
      .traceEvents.filter((event) => event.ph === 'X');
    const spans = events.filter((event) => event.cat === 'run');
    expect(spans.map((span) => span.ts)).toEqual([0, 5, 10, 15]);
    const byTrack = new Map<number, ChromeTraceEvent[]>();
    for (const event of events) byTrack.set(event.tid, [...(byTrack.get(event.tid) ?? []), event]);
    for (const track of byTrack.values()) {
      const sorted = [...track].sort((x, y) => x.ts - y.ts);
      sorted.slice(1).forEach((event, i) => expect(event.ts).toBeGreaterThanOrEqual(sorted[i]!.ts + sorted[i]!.dur!));
    }
    for (const event of events.filter((event) => event.cat !== 'run')) {
      const span = spans.find((candidate) => candidate.args!.run === event.args!.run)!;
      expect(event.ts).toBeGreaterThanOrEqual(span.ts);
      expect(event.ts + event.dur!).toBeLessThanOrEqual(span.ts + span.dur!);
    }
  });

  it('is a pure function of the events: the same events give the same document', () => {
    const first = truthTableTrace();
    expect(toChromeTrace(first.events)).toStrictEqual(truthTableTrace().toChromeTrace());
    expect(toChromeTrace([]).traceEvents.map((event) => event.name)).toEqual([
      'process_name',
      'thread_name',
      'thread_sort_index',
    ]);
  });
});
