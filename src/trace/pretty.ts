/**
 * Pretty traces
 * =============
 *
 * A trace as an aligned terminal table: one line per activation (run, step, neuron
 * indented by its generation, input, output), each run opened by a line with its
 * inputs and closed by a line with its outputs. Values are coloured by sign when
 * colour is on: positive green, negative red, zero dim.
 */
import { createColors } from 'picocolors';
import type { TraceEvent } from './events.js';

export interface PrettyOptions {
  /** Colour by sign. Defaults to `shouldColor()`: on for a TTY stdout unless NO_COLOR is set. */
  readonly color?: boolean;
  /** Decimals for non-integer values (trailing zeros dropped); defaults to 4. */
  readonly digits?: number;
}

/** Spaces of indentation per generation in the neuron column. */
const INDENT = 2;
const HEADER = ['run', 'step', 'neuron', 'input', 'output'] as const;

/**
 * Whether a stream should get colour: never when NO_COLOR is set (https://no-color.org),
 * always when FORCE_COLOR is set (and not '0'), otherwise only on a TTY that is not 'dumb'.
 */
export function shouldColor(
  stream: { readonly isTTY?: boolean } = process.stdout,
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** A value as the table shows it: integers as they are, others to `digits` decimals without trailing zeros. */
export function formatValue(value: number, digits = 4): string {
  if (Number.isInteger(value)) return Object.is(value, -0) ? '0' : String(value);
  const fixed = value.toFixed(digits).replace(/\.?0+$/, '');
  return fixed === '-0' ? '0' : fixed;
}

type Row =
  | { readonly kind: 'activation'; readonly cells: readonly string[]; readonly input: number; readonly output: number; readonly isOutput: boolean }
  | { readonly kind: 'note'; readonly run: number; readonly label: string; readonly values: Readonly<Record<string, number>> };

/** The events as an aligned table, lines joined by "\n" (no trailing newline); '' for no events. */
export function toPretty(events: readonly TraceEvent[], options: PrettyOptions = {}): string {
  if (events.length === 0) return '';
  const digits = options.digits ?? 4;
  const c = createColors(options.color ?? shouldColor());

  const rows: Row[] = events.map((event): Row => {
    switch (event.type) {
      case 'runStarted':
        return { kind: 'note', run: event.run, label: 'inputs', values: event.inputs };
      case 'runCompleted':
        return { kind: 'note', run: event.run, label: 'outputs', values: event.outputs };
      case 'neuronActivated':
        return {
          kind: 'activation',
          cells: [
            String(event.run),
            String(event.step),
            ' '.repeat(INDENT * event.generation) + event.neuron,
            formatValue(event.input, digits),
            formatValue(event.output, digits),
          ],
          input: event.input,
          output: event.output,
          isOutput: event.role === 'output',
        };
    }
  });

  const widths = HEADER.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row.kind === 'activation' ? row.cells[column]!.length : 0))),
  );
  // Numbers align right, the neuron column left (its indentation is the generation);
  // padding stays outside the colour codes, so only the text itself is coloured.
  const cell = (text: string, column: number, paint: (text: string) => string = String) => {
    const padding = ' '.repeat(widths[column]! - text.length);
    return column === 2 ? paint(text) + padding : padding + paint(text);
  };
  const signed = (value: number) => (text: string) => (value > 0 ? c.green(text) : value < 0 ? c.red(text) : c.dim(text));
  const listed = (values: Readonly<Record<string, number>>) =>
    Object.entries(values)
      .map(([id, value]) => `${id}=${signed(value)(formatValue(value, digits))}`)
      .join(' ');

  const lines = [c.dim(HEADER.map((title, column) => cell(title, column)).join('  '))];
  for (const row of rows) {
    if (row.kind === 'note') {
      lines.push(`${c.bold(`── run ${row.run}`)} · ${row.label} ${listed(row.values)}`.trimEnd());
      continue;
    }
    const [run, step, neuron, input, output] = row.cells as [string, string, string, string, string];
    lines.push(
      [
        cell(run, 0),
        cell(step, 1),
        cell(neuron, 2, row.isOutput ? c.bold : String),
        cell(input, 3, signed(row.input)),
        cell(output, 4, signed(row.output)),
      ].join('  '),
    );
  }
  return lines.join('\n');
}
