/**
 * Pretty traces
 * =============
 *
 * A trace as an aligned terminal table: one line per activation (run, step, neuron
 * indented by its generation, input, output), each run opened by a line with its
 * inputs and closed by a line with its outputs. Values are coloured by sign when
 * colour is on: positive green, negative red, zero dim. Numbers are written by
 * `formatNumber`, so a tiny output reads 7e-7, never 0.
 *
 * A trace over time (`{ time: true }`, or a network that was reset: see over-time.ts)
 * has a `time` column after the run, and each run's opening line says its step (`t=2`).
 *
 * Indentation stops growing after a few generations (a deep chain would otherwise
 * make lines as long as the chain); deeper neurons carry their generation instead.
 */
import { createColors } from 'picocolors';
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { checkOptionNames } from '../format/options.js';
import { formatNumber } from '../format/number.js';
import { checkTimeOption, timeRestarts } from './over-time.js';
import { checkTraceEvents, type TraceEvent } from './trace-event.js';

export interface PrettyOptions {
  /** Colour by sign. Defaults to `shouldColor()`: on for a TTY stdout unless NO_COLOR is set. */
  readonly color?: boolean;
  /** Decimals shown (trailing zeros dropped; smaller values in exponent form, 7e-7); 0 to 20, defaults to 4. */
  readonly digits?: number;
  /**
   * The order to list a run's inputs and outputs in, e.g. `[...net.inputs, ...net.outputs]` (a record
   * lists integer-like ids first, whatever the network's order); ids not named come after. `Tracer`
   * passes its network's.
   */
  readonly order?: readonly string[];
  /**
   * Show a `time` column (each run's time step). Defaults to whether the network was reset during
   * the trace (time no longer follows the run number); a Tracer turns it on for a network with
   * delayed connections.
   */
  readonly time?: boolean;
}

/** Spaces of indentation per generation in the neuron column. */
const INDENT = 2;
/** Generations deeper than this are indented no further but labelled `[generation]`. */
const MAX_INDENTED_GENERATION = 10;
const DEFAULT_DIGITS = 4;
const HEADER = ['run', 'step', 'neuron', 'input', 'output'] as const;
const TIME_HEADER = ['run', 'time', 'step', 'neuron', 'input', 'output'] as const;
const PRETTY_OPTIONS: readonly (keyof PrettyOptions)[] = ['color', 'digits', 'order', 'time'];

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

/** The neuron column: the id indented by its generation, with the generation written out past the indent limit. */
export function neuronCell(id: string, generation: number): string {
  if (generation <= MAX_INDENTED_GENERATION) return ' '.repeat(INDENT * generation) + id;
  return `${' '.repeat(INDENT * MAX_INDENTED_GENERATION)}[${generation}] ${id}`;
}

type Row =
  | {
      readonly kind: 'activation';
      readonly cells: readonly string[];
      readonly input: number;
      readonly output: number;
      readonly isOutput: boolean;
    }
  | {
      readonly kind: 'note';
      readonly run: number;
      readonly time: number;
      readonly label: string;
      readonly values: Readonly<Record<string, number>>;
    };

/** The events as an aligned table, lines joined by "\n" (no trailing newline); '' for no events. */
export function toPretty(events: readonly TraceEvent[], options: PrettyOptions = {}): string {
  checkTraceEvents('toPretty', events);
  const { digits, color, order, time } = readOptions(options);
  if (events.length === 0) return '';
  const c = createColors(color ?? shouldColor());
  const overTime = time ?? timeRestarts(events);
  const header: readonly string[] = overTime ? TIME_HEADER : HEADER;
  /** The neuron column, the only one aligned left. */
  const neuronColumn = header.indexOf('neuron');

  const rows: Row[] = events.map((event): Row => {
    const time = event.time ?? 0;
    switch (event.type) {
      case 'runStarted':
        return { kind: 'note', run: event.run, time, label: 'inputs', values: event.inputs };
      case 'runCompleted':
        return { kind: 'note', run: event.run, time, label: 'outputs', values: event.outputs };
      case 'neuronActivated':
        return {
          kind: 'activation',
          cells: [
            String(event.run),
            ...(overTime ? [String(time)] : []),
            String(event.step),
            neuronCell(event.neuron, event.generation),
            formatNumber(event.input, digits),
            formatNumber(event.output, digits),
          ],
          input: event.input,
          output: event.output,
          isOutput: event.role === 'output',
        };
    }
  });

  // NOTE: a loop, not Math.max(...rows): spreading a long trace into arguments overflows the stack.
  const widths = header.map((title) => title.length);
  for (const row of rows) {
    if (row.kind !== 'activation') continue;
    row.cells.forEach((text, column) => (widths[column] = Math.max(widths[column]!, text.length)));
  }
  // Numbers align right, the neuron column left (its indentation is the generation);
  // padding stays outside the colour codes, so only the text itself is coloured.
  const cell = (text: string, column: number, paint: (text: string) => string = String) => {
    const padding = ' '.repeat(widths[column]! - text.length);
    return column === neuronColumn ? paint(text) + padding : padding + paint(text);
  };
  const signed = (value: number) => (text: string) =>
    value > 0 ? c.green(text) : value < 0 ? c.red(text) : c.dim(text);
  const listed = (values: Readonly<Record<string, number>>) =>
    inOrder(values, order)
      .map(([id, value]) => `${id}=${signed(value)(formatNumber(value, digits))}`)
      .join(' ');

  const lines = [c.dim(header.map((title, column) => cell(title, column)).join('  '))];
  for (const row of rows) {
    if (row.kind === 'note') {
      const at = overTime ? ` · t=${row.time}` : '';
      lines.push(`${c.bold(`── run ${row.run}`)}${at} · ${row.label} ${listed(row.values)}`.trimEnd());
      continue;
    }
    // The last two columns are the input and the output, coloured by sign; the neuron column is bold for outputs.
    const last = row.cells.length - 1;
    const painted = row.cells.map((text, column) => {
      if (column === neuronColumn) return cell(text, column, row.isOutput ? c.bold : String);
      if (column === last - 1) return cell(text, column, signed(row.input));
      if (column === last) return cell(text, column, signed(row.output));
      return cell(text, column);
    });
    lines.push(painted.join('  '));
  }
  return lines.join('\n');
}

/** The options, checked: a caller's mistake is a UsageError, not a TypeError further down. */
function readOptions(options: PrettyOptions): {
  digits: number;
  color: boolean | undefined;
  order: readonly string[];
  time: boolean | undefined;
} {
  checkOptionNames(options, PRETTY_OPTIONS, 'toPretty');
  const { digits = DEFAULT_DIGITS, color, order = [] } = options;
  if (!Array.isArray(order) || !order.every((id) => typeof id === 'string')) {
    throw new UsageError(`toPretty: options.order must be an array of neuron ids, got ${describe(order)}.`);
  }
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new UsageError(`toPretty: options.digits must be a whole number from 0 to 20, got ${describe(digits)}.`);
  }
  if (color !== undefined && typeof color !== 'boolean') {
    throw new UsageError(`toPretty: options.color must be true or false, got ${describe(color)}.`);
  }
  return { digits, color, order, time: checkTimeOption('toPretty', options.time) };
}

/** A record's entries, the ids in `order` first (in that order), then the rest as the record lists them. */
function inOrder(values: Readonly<Record<string, number>>, order: readonly string[]): [string, number][] {
  const entries: [string, number][] = [];
  const listed = new Set<string>();
  for (const id of order) {
    if (!Object.hasOwn(values, id) || listed.has(id)) continue;
    listed.add(id);
    entries.push([id, values[id]!]);
  }
  for (const [id, value] of Object.entries(values)) if (!listed.has(id)) entries.push([id, value]);
  return entries;
}
