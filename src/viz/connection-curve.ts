/**
 * Connection curves
 * =================
 *
 * How a routed connection is drawn: smooth cubic segments through its route's
 * points, horizontal at each of them (control points half-way across), leaving the
 * source circle on its right and stopping an arrow's length before the target
 * circle. The SVG path and the places for weight labels both come from here.
 */
import type { Point, RoutedConnection } from './layout.js';

/** The arrow head's length: paths stop this far before the target circle. */
export const ARROW = 9;

/** The SVG path data of a connection whose neurons have radius `r`. */
export function pathData(points: readonly Point[], r: number): string {
  const drawn = drawnPoints(points, r);
  const first = drawn[0]!;
  let d = `M${round(first.x)},${round(first.y)}`;
  for (let i = 1; i < drawn.length; i++) {
    const to = drawn[i]!;
    const [c1, c2] = controlPoints(drawn[i - 1]!, to);
    d += `C${round(c1.x)},${round(c1.y)} ${round(c2.x)},${round(c2.y)} ${round(to.x)},${round(to.y)}`;
  }
  return d;
}

/**
 * The point at `t` (0 to 1) along the segment a connection's label belongs to: the
 * middle segment (the first of two) for ordinary connections, the last one for bias
 * connections, which all start together at the bias neuron.
 */
export function pointAlong(connection: RoutedConnection, r: number, t: number): Point {
  const drawn = drawnPoints(connection.points, r);
  const segment = connection.bias ? drawn.length - 2 : Math.floor((drawn.length - 2) / 2);
  const from = drawn[segment]!;
  const to = drawn[segment + 1]!;
  const [c1, c2] = controlPoints(from, to);
  const u = 1 - t;
  return {
    x: u * u * u * from.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * to.x,
    y: u * u * u * from.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * to.y,
  };
}

/** One decimal is plenty for a picture, and keeps the file short. */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The route's points with the ends moved to the circles' edges. */
function drawnPoints(points: readonly Point[], r: number): Point[] {
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return [{ x: first.x + r, y: first.y }, ...points.slice(1, -1), { x: last.x - r - ARROW, y: last.y }];
}

function controlPoints(from: Point, to: Point): [Point, Point] {
  const half = (to.x - from.x) / 2;
  return [
    { x: from.x + half, y: from.y },
    { x: to.x - half, y: to.y },
  ];
}
