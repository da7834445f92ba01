/**
 * SVG
 * ===
 *
 * The network as a standalone SVG drawing on the layered layout: neurons as circles
 * coloured by role and labelled with their id, their activation and (if given) their
 * value; connections as arrows coloured by the sign of their weight, as wide as its
 * size, the bias neuron's light and dashed. Presentation attributes only (no CSS), so
 * it looks the same in a browser, an image viewer or a README. Every neuron and
 * connection carries `data-neuron` / `data-from` + `data-to`, for styling and tests.
 */
import type { Network } from '../graph/network.js';
import { escapeXml } from './escape.js';
import { colours, describeNeuron, formatNumberPretty, weightColour, weightWidth } from './format.js';
import { layoutNetwork, type Layout, type Point, type RoutedConnection } from './layout.js';

export interface SvgOptions {
  /** Values to show on neurons, e.g. `net.value(id)` after a run or a trace's outputs. */
  readonly values?: Readonly<Record<string, number>>;
  /** Write each connection's weight on it; defaults to true up to 40 connections. */
  readonly weights?: boolean;
  /** Draw the colour legend below the network; defaults to true. */
  readonly legend?: boolean;
}

/** Internal: what the HTML player adds to the same drawing. */
export interface DrawOptions extends SvgOptions {
  /** An empty value text on every neuron, for a script to fill. */
  readonly valuePlaceholders?: boolean;
}

/** The network as a standalone SVG document (layered: inputs left, outputs right). */
export function toSvg(net: Network, options: SvgOptions = {}): string {
  return drawSvg(layoutNetwork(net), options);
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";
const LEGEND_HEIGHT = 30;
const MIN_WIDTH = 500;
/** The arrow head's length: paths stop this far before the target circle. */
const ARROW = 9;
const VALUE_COLOUR = '#b45309';
const VALUE_FILL = '#fcd34d';

export function drawSvg(layout: Layout, options: DrawOptions = {}): string {
  const { values, legend = true, valuePlaceholders = false } = options;
  const showWeights = options.weights ?? layout.connections.length <= 40;
  const width = Math.max(layout.width, legend ? MIN_WIDTH : 0);
  const height = layout.height + (legend ? LEGEND_HEIGHT : 0);
  const largest = layout.connections.reduce((max, c) => Math.max(max, Math.abs(c.weight)), 0);
  const r = layout.radius;
  const out: string[] = [];

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="ng-network" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="${FONT}" role="img">`,
    `<title>neurograph network: ${layout.neurons.length} neurons, ${layout.connections.length} connections</title>`,
    '<defs>',
    ...(['positive', 'negative', 'zero'] as const).map(
      (sign) =>
        `<marker id="ng-arrow-${sign}" viewBox="0 0 10 10" refX="0" refY="5" markerWidth="${ARROW}" markerHeight="${ARROW}" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0L10,5L0,10z" fill="${colours[sign]}"/></marker>`,
    ),
    '</defs>',
    `<rect class="ng-background" width="${width}" height="${height}" fill="#ffffff"/>`,
  );

  out.push('<g class="ng-connections" fill="none">');
  for (const connection of layout.connections) {
    const colour = weightColour(connection.weight);
    const sign = connection.weight > 0 ? 'positive' : connection.weight < 0 ? 'negative' : 'zero';
    const dash = connection.bias ? ' stroke-dasharray="5 4"' : '';
    const opacity = connection.bias ? 0.4 : 0.8;
    out.push(
      `<path class="ng-connection${connection.bias ? ' ng-bias' : ''}" data-from="${escapeXml(connection.from)}" data-to="${escapeXml(connection.to)}" data-weight="${connection.weight}" d="${routePath(connection.points, r)}" stroke="${colour}" stroke-width="${weightWidth(connection.weight, largest)}" stroke-opacity="${opacity}"${dash} marker-end="url(#ng-arrow-${sign})"/>`,
    );
  }
  out.push('</g>');

  if (showWeights) {
    out.push('<g class="ng-weights" font-size="11" text-anchor="middle">');
    for (const connection of layout.connections) {
      const at = labelPoint(connection, r);
      const text = formatNumberPretty(connection.weight);
      const boxWidth = text.length * 6.6 + 8;
      out.push(
        `<g class="ng-weight" data-from="${escapeXml(connection.from)}" data-to="${escapeXml(connection.to)}">` +
          `<rect x="${round(at.x - boxWidth / 2)}" y="${round(at.y - 8)}" width="${round(boxWidth)}" height="16" rx="4" fill="#ffffff" fill-opacity="0.9"/>` +
          `<text x="${round(at.x)}" y="${round(at.y + 4)}" fill="${weightColour(connection.weight)}">${escapeXml(text)}</text></g>`,
      );
    }
    out.push('</g>');
  }

  out.push('<g class="ng-neurons" text-anchor="middle">');
  for (const neuron of layout.neurons) {
    const style = colours.roles[neuron.role];
    const value = values?.[neuron.id];
    const fill = value === undefined || !Number.isFinite(value) ? style.fill : mix(style.fill, VALUE_FILL, Math.min(1, Math.abs(value)));
    const description = describeNeuron(neuron.role, neuron.activation);
    const id = escapeXml(neuron.id);
    const tooltip = escapeXml(`${neuron.id} (${neuron.role}, ${description})${neuron.label === undefined ? '' : `: ${neuron.label}`}`);
    const dash = neuron.role === 'bias' ? ' stroke-dasharray="4 3"' : '';
    out.push(
      `<g class="ng-neuron ng-${neuron.role}" data-neuron="${id}" data-role="${neuron.role}">`,
      `<title>${tooltip}</title>`,
      `<circle cx="${round(neuron.x)}" cy="${round(neuron.y)}" r="${r}" fill="${fill}" stroke="${style.stroke}" stroke-width="2"${dash}/>`,
      `<text class="ng-id" x="${round(neuron.x)}" y="${round(neuron.y + 4.5)}" font-size="13" font-weight="600" fill="${colours.text}">${id}</text>`,
      `<text class="ng-activation" x="${round(neuron.x)}" y="${round(neuron.y + r + 15)}" font-size="11" fill="${colours.muted}">${escapeXml(description)}</text>`,
    );
    if (value !== undefined || valuePlaceholders) {
      const text = value === undefined ? '' : escapeXml(formatNumberPretty(value));
      out.push(
        `<text class="ng-value" x="${round(neuron.x)}" y="${round(neuron.y - r - 7)}" font-size="12" font-weight="700" fill="${VALUE_COLOUR}">${text}</text>`,
      );
    }
    out.push('</g>');
  }
  out.push('</g>');

  if (legend) out.push(drawLegend(layout.bottom + 16, values !== undefined || valuePlaceholders));
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function drawLegend(y: number, values: boolean): string {
  const items: string[] = [];
  let x = 24;
  const line = (label: string, colour: string, dash = '') => {
    items.push(`<line x1="${x}" y1="${y}" x2="${x + 22}" y2="${y}" stroke="${colour}" stroke-width="3"${dash}/>`);
    items.push(`<text x="${x + 28}" y="${y + 4}">${label}</text>`);
    x += 34 + label.length * 6.2;
  };
  line('positive', colours.positive);
  line('negative', colours.negative);
  line('bias', colours.zero, ' stroke-dasharray="5 4"');
  const notes = ['width ∝ |weight|', ...(values ? ['value above each neuron'] : [])].join(' · ');
  items.push(`<text x="${x}" y="${y + 4}">${escapeXml(notes)}</text>`);
  return `<g class="ng-legend" font-size="11" fill="${colours.muted}">\n${items.join('\n')}\n</g>`;
}

/**
 * A smooth path through the route's points, horizontal at each of them (cubic
 * segments with control points half-way across), leaving the source circle on its
 * right and stopping an arrow's length before the target circle.
 */
function routePath(points: readonly Point[], r: number): string {
  const shifted = shiftEnds(points, r);
  const first = shifted[0]!;
  let d = `M${round(first.x)},${round(first.y)}`;
  for (let i = 1; i < shifted.length; i++) {
    const [c1, c2] = controls(shifted[i - 1]!, shifted[i]!);
    const to = shifted[i]!;
    d += `C${round(c1.x)},${round(c1.y)} ${round(c2.x)},${round(c2.y)} ${round(to.x)},${round(to.y)}`;
  }
  return d;
}

function shiftEnds(points: readonly Point[], r: number): Point[] {
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return [{ x: first.x + r, y: first.y }, ...points.slice(1, -1), { x: last.x - r - ARROW, y: last.y }];
}

function controls(from: Point, to: Point): [Point, Point] {
  const half = (to.x - from.x) / 2;
  return [
    { x: from.x + half, y: from.y },
    { x: to.x - half, y: to.y },
  ];
}

/**
 * Where a connection's weight is written: half-way along its middle segment (the
 * first of two), or near the target for bias connections, which all start together.
 */
export function labelPoint(connection: RoutedConnection, r: number): Point {
  const shifted = shiftEnds(connection.points, r);
  const segment = connection.bias ? shifted.length - 2 : Math.floor((shifted.length - 2) / 2);
  const from = shifted[segment]!;
  const to = shifted[segment + 1]!;
  const [c1, c2] = controls(from, to);
  const t = connection.bias ? 0.8 : 0.5;
  const u = 1 - t;
  return {
    x: u * u * u * from.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * to.x,
    y: u * u * u * from.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * to.y,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** `a` blended towards `b` by `t` in [0, 1], both `#rrggbb`. */
function mix(a: string, b: string, t: number): string {
  const channel = (hex: string, i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  return `#${[0, 1, 2]
    .map((i) => Math.round(channel(a, i) + (channel(b, i) - channel(a, i)) * t).toString(16).padStart(2, '0'))
    .join('')}`;
}
