/**
 * SVG
 * ===
 *
 * The network as a standalone SVG drawing on the layered layout: neurons as circles
 * coloured by role and labelled with their id, their activation and (if given) their
 * value; connections as arrows coloured by the sign of their weight, as wide as its
 * size, the bias neuron's light and dashed. Presentation attributes only (no CSS), so
 * it looks the same in a browser, an image viewer or a README.
 *
 * Time: a delayed connection is dashed and its label carries its delay (`0.5 ↻1`);
 * self-loops loop above their neuron, and backward connections run on lanes above the
 * drawing (see layout.ts). A product neuron has a double ring and a caption starting
 * with `×`; a connection training never changes says `fixed` on its label.
 *
 * Softmax: the softmax group's neurons sit together in the last column, in a rounded
 * box labelled `softmax` (`g.ng-softmax`, drawn behind the connections), and each one's
 * caption says `softmax`. A network without softmax draws no box.
 *
 * Hooks for styling, tests and the HTML player: every neuron's group carries
 * `data-neuron` (its id) and `data-index` (its position in the layout's neurons);
 * every connection and weight label carries `data-from` + `data-to` and
 * `data-connection` (its position in the layout's connections); the softmax group's
 * box carries `data-members`, its neurons' `data-index` numbers. XML cannot carry
 * every character an id may hold (see escape.ts), so scripts find elements by index.
 */
import { formatNumberForDrawing } from '../format/number.js';
import type { Network } from '../graph/network.js';
import { checkBoolean, checkNetwork, checkOptions, checkValues } from './check-arguments.js';
import { colours, valueFill, weightColour, weightSign, weightWidth } from './colours.js';
import { ARROW, pathData, round } from './connection-curve.js';
import { DELAY_DASH } from './connection-marks.js';
import { count } from '../format/plural.js';
import { neuronCaption } from './neuron-caption.js';
import { escapeXml } from './escape.js';
import { type GroupBox, layoutNetwork, type Layout, type PlacedNeuron, type RoutedConnection } from './layout.js';
import { SOFTMAX_LABEL } from './softmax-group.js';
import { LABEL_HEIGHT, placeWeightLabels, type WeightLabel } from './weight-labels.js';

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
  /** The weight labels, if already placed. */
  readonly labels?: readonly WeightLabel[];
}

/** The network as a standalone SVG document (layered: inputs left, outputs right). */
export function toSvg(net: Network, options?: SvgOptions): string {
  checkNetwork('toSvg', net);
  const checked = checkOptions('toSvg', options, SVG_OPTIONS);
  checkSvgOptions('toSvg', checked);
  return drawSvg(layoutNetwork(net), checked);
}

const SVG_OPTIONS = ['values', 'weights', 'legend'] as const;

/** Checks the options every SVG drawing takes. */
export function checkSvgOptions(method: string, options: SvgOptions): void {
  checkValues(method, options.values);
  checkBoolean(method, 'weights', options.weights);
  checkBoolean(method, 'legend', options.legend);
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";
const LEGEND_HEIGHT = 30;
const MIN_WIDTH = 500;
/** The legend's extra width for its delayed-connection item. */
const DELAY_LEGEND_WIDTH = 140;
const MAX_LABELLED_CONNECTIONS = 40;

export function drawSvg(layout: Layout, options: DrawOptions = {}): string {
  const { values, legend = true, valuePlaceholders = false } = options;
  const showWeights = options.weights ?? layout.connections.length <= MAX_LABELLED_CONNECTIONS;
  const delayed = layout.connections.some((connection) => connection.delay > 0);
  const width = Math.max(layout.width, legend ? MIN_WIDTH + (delayed ? DELAY_LEGEND_WIDTH : 0) : 0);
  const height = layout.height + (legend ? LEGEND_HEIGHT : 0);
  const largest = layout.connections.reduce((max, c) => Math.max(max, Math.abs(c.weight)), 0);
  const summary = `${count(layout.neurons.length, 'neuron')}, ${count(layout.connections.length, 'connection')}`;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="ng-network" viewBox="0 0 ${width} ${height}"` +
      ` width="${width}" height="${height}" font-family="${FONT}" role="img">`,
    `<title>neurograph network: ${summary}</title>`,
    '<defs>',
  ];
  for (const sign of ['positive', 'negative', 'zero'] as const) {
    out.push(
      `<marker id="ng-arrow-${sign}" viewBox="0 0 10 10" refX="0" refY="5" markerWidth="${ARROW}"` +
        ` markerHeight="${ARROW}" markerUnits="userSpaceOnUse" orient="auto">` +
        `<path d="M0,0L10,5L0,10z" fill="${colours[sign]}"/></marker>`,
    );
  }
  out.push('</defs>', `<rect class="ng-background" width="${width}" height="${height}" fill="#ffffff"/>`);

  if (layout.softmax !== undefined) out.push(drawSoftmaxGroup(layout, layout.softmax));

  out.push('<g class="ng-connections" fill="none">');
  layout.connections.forEach((connection, index) => {
    out.push(drawConnection(connection, index, layout.radius, largest));
  });
  out.push('</g>');

  if (showWeights) {
    const labels = options.labels ?? placeWeightLabels(layout);
    out.push('<g class="ng-weights" font-size="11" text-anchor="middle">');
    layout.connections.forEach((connection, index) => out.push(drawWeight(connection, index, labels[index]!)));
    out.push('</g>');
  }

  out.push('<g class="ng-neurons" text-anchor="middle">');
  layout.neurons.forEach((neuron, index) => {
    out.push(drawNeuron(neuron, index, layout.radius, values?.[neuron.id], valuePlaceholders));
  });
  out.push('</g>');

  if (legend) {
    out.push(drawLegend(layout.bottom + 16, values !== undefined || valuePlaceholders, delayed));
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** `data-from="…" data-to="…" data-connection="i"`: the hooks of a connection and its label. */
function connectionHooks(connection: RoutedConnection, index: number): string {
  return `data-from="${escapeXml(connection.from)}" data-to="${escapeXml(connection.to)}" data-connection="${index}"`;
}

function drawConnection(connection: RoutedConnection, index: number, r: number, largest: number): string {
  const { weight, bias, delay, trainable } = connection;
  const classes = ['ng-connection', bias ? 'ng-bias' : '', delay > 0 ? 'ng-delayed' : '', trainable ? '' : 'ng-fixed'];
  const attributes = [
    `class="${classes.filter((name) => name !== '').join(' ')}"`,
    connectionHooks(connection, index),
    `data-weight="${weight}"`,
    ...(delay > 0 ? [`data-delay="${delay}"`] : []),
    `d="${pathData(connection, r)}"`,
    `stroke="${weightColour(weight)}"`,
    `stroke-width="${weightWidth(weight, largest)}"`,
    `stroke-opacity="${bias ? 0.4 : 0.8}"`,
    ...(bias ? ['stroke-dasharray="5 4"'] : delay > 0 ? [`stroke-dasharray="${DELAY_DASH}"`] : []),
    `marker-end="url(#ng-arrow-${weightSign(weight)})"`,
  ];
  return `<path ${attributes.join(' ')}/>`;
}

function drawWeight(connection: RoutedConnection, index: number, label: WeightLabel): string {
  const { box } = label;
  return (
    `<g class="ng-weight" ${connectionHooks(connection, index)}>` +
    `<rect x="${round(box.x)}" y="${round(box.y)}" width="${round(box.width)}" height="${LABEL_HEIGHT}"` +
    ' rx="4" fill="#ffffff" fill-opacity="0.9"/>' +
    `<text x="${round(label.x)}" y="${round(label.y + 4)}" fill="${weightColour(connection.weight)}">` +
    `${escapeXml(label.text)}</text></g>`
  );
}

function drawNeuron(
  neuron: PlacedNeuron,
  index: number,
  r: number,
  value: number | undefined,
  valuePlaceholder: boolean,
): string {
  const { role, x, y } = neuron;
  const style = colours.roles[role];
  const description = neuronCaption(role, neuron.activation, neuron.product);
  const id = escapeXml(neuron.id);
  const labelled = neuron.label === undefined ? '' : `: ${neuron.label}`;
  const tooltip = escapeXml(`${neuron.id} (${role}, ${description})${labelled}`);
  const dash = role === 'bias' ? ' stroke-dasharray="4 3"' : '';
  const product = neuron.product ? ' ng-product' : '';
  const lines = [
    `<g class="ng-neuron ng-${role}${product}" data-neuron="${id}" data-index="${index}" data-role="${role}">`,
    `<title>${tooltip}</title>`,
    `<circle cx="${round(x)}" cy="${round(y)}" r="${r}" fill="${valueFill(style.fill, value)}"` +
      ` stroke="${style.stroke}" stroke-width="2"${dash}/>`,
    ...(neuron.product
      ? [
          `<circle class="ng-ring" cx="${round(x)}" cy="${round(y)}" r="${r - 4}" fill="none"` +
            ` stroke="${style.stroke}" stroke-width="1.2"/>`,
        ]
      : []),
    `<text class="ng-id" x="${round(x)}" y="${round(y + 4.5)}" font-size="13" font-weight="600"` +
      ` fill="${colours.text}">${id}</text>`,
    `<text class="ng-activation" x="${round(x)}" y="${round(y + r + 15)}" font-size="11"` +
      ` fill="${colours.muted}">${escapeXml(description)}</text>`,
  ];
  if (value !== undefined || valuePlaceholder) {
    const text = value === undefined ? '' : escapeXml(formatNumberForDrawing(value));
    lines.push(
      `<text class="ng-value" x="${round(x)}" y="${round(y - r - 7)}" font-size="12" font-weight="700"` +
        ` fill="${colours.value}">${text}</text>`,
    );
  }
  lines.push('</g>');
  return lines.join('\n');
}

/** The box around the softmax group, labelled on its top edge. */
function drawSoftmaxGroup(layout: Layout, box: GroupBox): string {
  const indexOf = new Map(layout.neurons.map((neuron, index) => [neuron.id, index]));
  const members = box.members.map((id) => indexOf.get(id)!).join(' ');
  const { fill, stroke, text } = colours.softmax;
  const { label } = box;
  const tooltip = escapeXml(`${SOFTMAX_LABEL} over ${box.members.join(', ')}: their outputs sum to 1`);
  return [
    `<g class="ng-group ng-softmax" data-members="${members}">`,
    `<title>${tooltip}</title>`,
    `<rect class="ng-group-box" x="${round(box.x)}" y="${round(box.y)}" width="${round(box.width)}"` +
      ` height="${round(box.height)}" rx="16" fill="${fill}" stroke="${stroke}" stroke-width="1.5"/>`,
    `<rect class="ng-group-label" x="${round(label.x)}" y="${round(label.y)}" width="${round(label.width)}"` +
      ` height="${round(label.height)}" rx="${round(label.height / 2)}" fill="#ffffff" stroke="${stroke}"/>`,
    `<text x="${round(label.x + label.width / 2)}" y="${round(label.y + label.height / 2 + 3.5)}"` +
      ` font-size="10" font-weight="600" text-anchor="middle" fill="${text}">${SOFTMAX_LABEL}</text>`,
    '</g>',
  ].join('\n');
}

function drawLegend(y: number, values: boolean, delayed: boolean): string {
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
  if (delayed) line('delayed ↻ steps', colours.muted, ` stroke-dasharray="${DELAY_DASH}"`);
  const notes = ['width ∝ |weight|', ...(values ? ['value above each neuron'] : [])].join(' · ');
  items.push(`<text x="${x}" y="${y + 4}">${escapeXml(notes)}</text>`);
  return `<g class="ng-legend" font-size="11" fill="${colours.muted}">\n${items.join('\n')}\n</g>`;
}
