/**
 * Connection curves
 * =================
 *
 * How a routed connection is drawn, as cubic segments. A layered one runs smoothly
 * through its route's points, horizontal at each of them (control points half-way
 * across), leaving the source circle on its right and stopping an arrow's length
 * before the target circle. A lane (a delayed connection going backwards) leaves the
 * source on its right too, turns up to its lane above the drawing, runs along it and
 * comes down into the target from the left. A self-loop rises from the neuron's
 * top-left and comes back into its top-right. The SVG path and the places for weight
 * labels both come from here.
 */
import type { Point, RoutedConnection } from './layout.js';

/** The arrow head's length: paths stop this far before the target circle. */
export const ARROW = 9;
/** How far a lane's turns bulge beside the circles, unless the layout says. */
const HOOK = 40;
/** How high a self-loop's control points rise above its circle. */
const LOOP_HEIGHT = 40;
/** How far apart a self-loop's ends are on the circle, from the top (radians either side): room for the value between. */
const LOOP_SPREAD = Math.PI / 3;

/** One cubic Bézier segment: start, two control points, end. */
type Cubic = readonly [Point, Point, Point, Point];

/** The SVG path data of a connection whose neurons have radius `r`. */
export function pathData(connection: RoutedConnection, r: number): string {
  const parts = segments(connection, r);
  const first = parts[0]![0];
  let d = `M${round(first.x)},${round(first.y)}`;
  for (const [, c1, c2, to] of parts) {
    d += `C${round(c1.x)},${round(c1.y)} ${round(c2.x)},${round(c2.y)} ${round(to.x)},${round(to.y)}`;
  }
  return d;
}

/**
 * The point at `t` (0 to 1) along the segment a connection's label belongs to: the
 * middle segment (the first of two) for ordinary connections, the last one for bias
 * connections, which all start together at the bias neuron; the lane for a lane, the
 * loop for a self-loop.
 */
export function pointAlong(connection: RoutedConnection, r: number, t: number): Point {
  const parts = segments(connection, r);
  const segment =
    connection.route === 'lane' ? 1 : connection.bias ? parts.length - 1 : Math.floor((parts.length - 1) / 2);
  const [from, c1, c2, to] = parts[segment]!;
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

function segments(connection: RoutedConnection, r: number): Cubic[] {
  const { points } = connection;
  if (connection.route === 'loop') {
    const { x, y } = points[0]!;
    const dx = Math.sin(LOOP_SPREAD);
    const dy = Math.cos(LOOP_SPREAD);
    const start = { x: x - r * dx, y: y - r * dy };
    const end = { x: x + (r + ARROW) * dx, y: y - (r + ARROW) * dy };
    const rise = y - r - LOOP_HEIGHT;
    return [[start, { x: start.x - r, y: rise }, { x: end.x + r, y: rise }, end]];
  }
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const start = { x: first.x + r, y: first.y };
  const end = { x: last.x - r - ARROW, y: last.y };
  if (connection.route === 'lane') {
    const lane = points[1]!.y;
    const hook = connection.hook ?? HOOK;
    const up = { x: start.x, y: lane };
    const down = { x: end.x + ARROW, y: lane };
    return [
      [start, { x: start.x + hook, y: start.y }, { x: up.x + hook, y: lane }, up],
      [up, lerp(up, down, 1 / 3), lerp(up, down, 2 / 3), down],
      [down, { x: down.x - hook, y: lane }, { x: end.x - hook, y: end.y }, end],
    ];
  }
  const drawn = [start, ...points.slice(1, -1), end];
  const parts: Cubic[] = [];
  for (let i = 1; i < drawn.length; i++) {
    const from = drawn[i - 1]!;
    const to = drawn[i]!;
    const half = (to.x - from.x) / 2;
    parts.push([from, { x: from.x + half, y: from.y }, { x: to.x - half, y: to.y }, to]);
  }
  return parts;
}

function lerp(a: Point, b: Point, t: number): Point {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
}
