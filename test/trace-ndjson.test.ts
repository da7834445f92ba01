import { build as xor } from '../scenarios/xor.js';
import { describe, expect, it } from 'vitest';
import { Tracer, UsageError, toNDJSON } from '../src/index.js';

/** A sink that keeps what it is given, chunk by chunk. */
const collector = () => {
  const chunks: string[] = [];
  return { chunks, write: (chunk: string) => chunks.push(chunk) };
};

describe('NDJSON traces', () => {
  it('golden: one JSON object per line, one line per event, each line ending in a newline', () => {
    const net = xor();
    const tracer = new Tracer(net);
    net.run({ a: 1, b: 0 });
    expect(tracer.toNDJSON()).toBe(
      '{"type":"runStarted","run":1,"time":0,"inputs":{"a":1,"b":0}}\n' +
        '{"type":"neuronActivated","run":1,"time":0,"neuron":"a","role":"input",' +
        '"generation":0,"step":0,"input":1,"output":1}\n' +
        '{"type":"neuronActivated","run":1,"time":0,"neuron":"b","role":"input",' +
        '"generation":0,"step":1,"input":0,"output":0}\n' +
        '{"type":"neuronActivated","run":1,"time":0,"neuron":"and","role":"hidden",' +
        '"generation":1,"step":2,"input":0.5,"output":0}\n' +
        '{"type":"neuronActivated","run":1,"time":0,"neuron":"xor","role":"output",' +
        '"generation":2,"step":3,"input":1,"output":1}\n' +
        '{"type":"runCompleted","run":1,"time":0,"outputs":{"xor":1}}\n',
    );
  });

  it('every line parses back to its event', () => {
    const net = xor();
    const tracer = new Tracer(net);
    for (const row of [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ])
      net.run(row);
    const lines = tracer.toNDJSON().split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line))).toStrictEqual(tracer.events);
    expect(toNDJSON([])).toBe('');
  });

  it('pipe streams each event as it happens, instead of recording it, until stopped', () => {
    const net = xor();
    const tracer = new Tracer(net, { neurons: ['xor'] });
    const sink = collector();
    const stop = tracer.pipe(sink);
    let seenDuringRun = -1;
    net.on('runCompleted', () => (seenDuringRun = sink.chunks.length));
    net.run([0, 1]);
    // The tracer's runCompleted listener was added first, so all three lines are out before run() returns.
    expect(seenDuringRun).toBe(3);
    expect(sink.chunks.map((line) => JSON.parse(line).type)).toEqual(['runStarted', 'neuronActivated', 'runCompleted']);
    expect(sink.chunks.every((line) => line.endsWith('\n') && line.indexOf('\n') === line.length - 1)).toBe(true);
    expect(tracer.events).toHaveLength(0); // constant memory: nothing buffered

    stop();
    net.run([1, 1]);
    expect(sink.chunks).toHaveLength(3);
    expect(tracer.events).toHaveLength(3); // recording again
  });

  it('detach ends the pipe; a detached tracer or a sink without write is refused', () => {
    const net = xor();
    const tracer = new Tracer(net);
    const sink = collector();
    tracer.pipe(sink);
    tracer.detach();
    net.run([1, 0]);
    expect(sink.chunks).toHaveLength(0);
    expect(() => tracer.pipe(collector())).toThrow(UsageError);
    expect(() => new Tracer(net).pipe({} as never)).toThrow(UsageError);
  });
});
