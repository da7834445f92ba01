/**
 * Weight labels
 * =============
 *
 * Where each connection's weight is written. Half-way along a connection is the
 * natural place, but in a fully connected layer the crossing connections all meet
 * half-way, so their labels would sit on top of each other. Each label tries a few
 * places along its own curve (half-way first, then further towards either end) and
 * takes the first that touches no label placed before it, no neuron and not the
 * softmax group's label; if every place is taken, the one overlapping least. The
 * HTML player puts its signal badges at the same places.
 */
import { formatNumberForDrawing } from '../format/number.js';
import { pointAlong } from './connection-curve.js';
import { connectionText } from './connection-marks.js';
import type { Layout, Point, RoutedConnection } from './layout.js';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A weight's text and where it goes: `x`, `y` its centre, `box` the background it is drawn on. */
export interface WeightLabel extends Point {
  readonly text: string;
  readonly box: Box;
}

export const LABEL_HEIGHT = 16;
/** An estimate of the 11px font's advance per character, and the box's padding. */
const CHARACTER_WIDTH = 6.6;
const LABEL_PADDING = 8;
/** Where along its segment a label may go (0 source, 1 target): from `first` outwards, in steps of 0.05. */
function places(first: number): number[] {
  const steps = Array.from({ length: 17 }, (_, i) => 0.1 + i * 0.05);
  return steps.sort((a, b) => Math.abs(a - first) - Math.abs(b - first) || a - b);
}
/** Half-way first; bias connections start together at the bias neuron, so theirs go near the target. */
const PLACES = places(0.5);
const BIAS_PLACES = places(0.8);
/** The text above and below a neuron's circle (value, activation) is kept clear too. */
const NEURON_TEXT = 20;
/** Cell size of the grid that finds nearby boxes. */
const CELL = 64;
/** Grid cells are numbered column by column; no drawing is 2^20 cells tall. */
const ROWS_PER_COLUMN = 2 ** 20;

/** One label per connection, in `layout.connections` order. */
export function placeWeightLabels(layout: Layout): WeightLabel[] {
  const r = layout.radius;
  const taken = new BoxGrid();
  for (const neuron of layout.neurons) {
    taken.add({ x: neuron.x - r, y: neuron.y - r - NEURON_TEXT, width: 2 * r, height: 2 * (r + NEURON_TEXT) });
  }
  if (layout.softmax !== undefined) taken.add(layout.softmax.label);
  // Level connections first: every place along them is at the same height, so they have
  // the fewest free places; slanted ones can move up or down by moving along.
  const order = layout.connections.map((connection, index) => ({ index, slope: slope(connection) }));
  order.sort((a, b) => a.slope - b.slope || a.index - b.index);
  const labels: WeightLabel[] = new Array(layout.connections.length);
  for (const { index } of order) {
    const connection = layout.connections[index]!;
    const text = connectionText(connection, formatNumberForDrawing);
    const width = text.length * CHARACTER_WIDTH + LABEL_PADDING;
    let best: WeightLabel | undefined;
    let bestOverlap = Number.POSITIVE_INFINITY;
    for (const t of connection.bias ? BIAS_PLACES : PLACES) {
      const at = pointAlong(connection, r, t);
      const box = { x: at.x - width / 2, y: at.y - LABEL_HEIGHT / 2, width, height: LABEL_HEIGHT };
      const overlap = taken.overlap(box);
      if (overlap < bestOverlap) {
        best = { x: at.x, y: at.y, text, box };
        bestOverlap = overlap;
        if (overlap === 0) break;
      }
    }
    taken.add(best!.box);
    labels[index] = best!;
  }
  return labels;
}

/** How steep the part of a connection that carries its label is: |height change| over the width. */
function slope(connection: RoutedConnection): number {
  const from = pointAlong(connection, 0, 0);
  const to = pointAlong(connection, 0, 1);
  return Math.abs(to.y - from.y) / Math.max(1, Math.abs(to.x - from.x));
}

/** Whether two boxes share more than an edge. */
export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function overlapArea(a: Box, b: Box): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/**
 * The boxes placed so far, bucketed by grid cell.
 * NOTE: a grid keeps placement linear; comparing every label with every other is
 * quadratic, and the player places a label on every connection of a big network.
 */
class BoxGrid {
  readonly #cells = new Map<number, Box[]>();

  add(box: Box): void {
    this.#forEachCell(box, (key) => {
      const cell = this.#cells.get(key);
      if (cell === undefined) this.#cells.set(key, [box]);
      else cell.push(box);
    });
  }

  /** The total area `box` shares with the boxes placed so far. */
  overlap(box: Box): number {
    const seen: Box[] = [];
    let area = 0;
    this.#forEachCell(box, (key) => {
      for (const other of this.#cells.get(key) ?? []) {
        // A box spanning several cells is listed in each; count it once.
        if (seen.includes(other)) continue;
        seen.push(other);
        area += overlapArea(box, other);
      }
    });
    return area;
  }

  #forEachCell(box: Box, visit: (key: number) => void): void {
    for (let i = Math.floor(box.x / CELL); i <= Math.floor((box.x + box.width) / CELL); i++) {
      for (let j = Math.floor(box.y / CELL); j <= Math.floor((box.y + box.height) / CELL); j++) {
        visit(i * ROWS_PER_COLUMN + j);
      }
    }
  }
}
