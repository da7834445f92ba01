import { afterEach, expect, it, vi } from 'vitest';
import { main } from '../scenarios/xor.js';

afterEach(() => vi.restoreAllMocks());

it("the xor scenario's hand-written trace keeps its input and output columns aligned at every generation", () => {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((text: unknown) => void lines.push(String(text)));
  expect(main()).toBe(true);
  const rows = lines.filter((line) => line.includes(' input '));
  expect(rows).toHaveLength(16);
  expect(new Set(rows.map((row) => row.indexOf(' input ')))).toHaveProperty('size', 1);
  expect(new Set(rows.map((row) => row.indexOf(' output ')))).toHaveProperty('size', 1);
  // The neuron still moves right by its generation.
  expect(rows.slice(0, 4).map((row) => row.search(/\S/))).toEqual([2, 2, 4, 6]);
});
