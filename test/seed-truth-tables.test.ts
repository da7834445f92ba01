import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Network, checkTable } from '../src/index.js';
import * as and from '../scenarios/and.js';
import * as or from '../scenarios/or.js';
import * as xor from '../scenarios/xor.js';
import * as bias from '../scenarios/bias.js';
import * as activationsScenario from '../scenarios/activations.js';

const truthRows = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
] as const;

describe('the seed networks', () => {
  it.each([
    ['AND', and.build, [0, 0, 0, 1]],
    ['OR', or.build, [0, 1, 1, 1]],
    ['XOR', xor.build, [0, 1, 1, 0]],
  ] as const)('%s gives its truth table from records and from arrays', (_name, build, column) => {
    const net = build();
    const output = net.outputs[0]!;
    const fromRecords = truthRows.map(([a, b]) => net.run({ a, b })[output]);
    const fromArrays = truthRows.map((row) => net.run(row)[output]);
    const fromTypedArrays = truthRows.map((row) => net.run(Float64Array.from(row))[output]);
    expect(fromRecords).toEqual(column);
    expect(fromArrays).toEqual(column);
    expect(fromTypedArrays).toEqual(column);
  });

  it('XOR as DESIGN.md writes it, with a bias neuron at weight 0', () => {
    const net = new Network()
      .addInput('a')
      .addInput('b')
      .addNeuron('h', { activation: 'step' })
      .addOutput('out', { activation: 'step' })
      .addBias('bias')
      .connect('a', 'out', 1)
      .connect('b', 'out', 1)
      .connect('a', 'h', 0.5)
      .connect('b', 'h', 0.5)
      .connect('h', 'out', -2);
    expect(net.run({ a: 1, b: 0 })).toStrictEqual({ out: 1 });
    expect(net.run([1, 1])).toStrictEqual({ out: 0 });
    expect(net.value('h')).toBe(1);
    expect(net.value('bias')).toBe(1);
  });

  it('the hidden AND neuron of XOR fires only when both inputs do', () => {
    const net = xor.build();
    const hidden = truthRows.map((row) => (net.run(row), net.value('and')));
    expect(hidden).toEqual([0, 0, 0, 1]);
  });
});

describe('scenarios', () => {
  const scenarios = { and, or, xor, bias, activations: activationsScenario };

  it.each(Object.entries(scenarios))('%s: build() agrees with its expected table', (name, scenario) => {
    const tolerance = name === 'activations' ? 1e-6 : 0;
    expect(checkTable(scenario.build(), scenario.expected, tolerance).ok).toBe(true);
  });

  it('scenarios/xor.ts ends with exactly the output it prints', () => {
    const source = readFileSync('scenarios/xor.ts', 'utf8');
    const documented = source.slice(source.indexOf('// Output:\n') + '// Output:\n'.length).replace(/^\/\/ ?/gm, '');
    const printed = execFileSync(process.execPath, ['--import', 'tsx', 'scenarios/xor.ts'], { encoding: 'utf8' });
    expect(printed).toBe(documented);
  });

  it('a wrong network fails its table', () => {
    const wrong = and.build().setWeight('a', 'and', 1);
    const result = checkTable(wrong, and.expected);
    expect(result.ok).toBe(false);
    expect(result.rows.filter((row) => !row.ok).map((row) => row.inputs)).toEqual([[1, 0]]);
  });

  it('npm start runs every scenario with a trace line per activation, writes the XOR animation and exits 0', () => {
    const directory = mkdtempSync(join(tmpdir(), 'neurograph-start-'));
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'scenarios/index.ts'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', NEUROGRAPH_OUT: directory },
    });
    expect(output).toContain('6 of 6 scenarios gave the right answers.');
    // XOR: 4 runs × 4 neurons, each a trace line with the neuron, its input and its output.
    const xorPart = output.slice(output.indexOf('━━ xor'), output.indexOf('━━ bias'));
    expect(xorPart.match(/^\s+(a|b|and|xor)\s+input\s+\S+\s+output\s+\S+$/gm)).toHaveLength(16);
    // AND: the Tracer's table, 4 runs × 3 neurons: run, step, neuron, input, output.
    const andPart = output.slice(output.indexOf('━━ and'), output.indexOf('━━ or'));
    expect(andPart.match(/^\s+\d\s+\d\s+(a|b|and)\s+\S+\s+\S+$/gm)).toHaveLength(12);
    expect(readFileSync(join(directory, 'xor.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    expect(readFileSync(join(directory, 'xor.svg'), 'utf8')).toContain('<svg');
    expect(output).toContain(join(directory, 'xor.html'));
  });
});
