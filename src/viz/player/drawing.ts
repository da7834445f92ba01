/**
 * The drawing, brought to life
 * ============================
 *
 * The SVG that `toHtml` drew, changed to show one moment of a run: neurons that
 * fired so far warm up and show their value, the one firing now glows; its incoming
 * connections carry their signals (weight × source output, as badges at the weight
 * labels, and as dots travelling along the connections; a delayed connection's badge
 * says how many steps late its value is, `↻1`). The softmax group's neurons fire
 * together, and their box lights up with them. Elements are found by the
 * drawing's `data-index` / `data-connection` numbers, never by id, because XML
 * could not carry every id exactly.
 */
import { formatNumberForDrawing as format } from '../../format/number.js';
import { colours, valueFill, weightColour } from '../colours.js';
import { delayMark } from '../connection-marks.js';
import { byIndex, svgElement } from './dom.js';
import type { PageData, PageStep } from './page-data.js';
import type { Term } from './signals.js';

/** One moment of a run: who fired so far (by neuron index), and who fires now. */
export interface Moment {
  readonly fired: ReadonlyMap<number, PageStep>;
  /** The neurons firing now: one, the softmax group's, or none before the first step. */
  readonly current: readonly number[];
  readonly terms: readonly Term[];
  /** Send dots along the carrying connections. */
  readonly animate: boolean;
  /** How long a dot takes, in milliseconds. */
  readonly duration: number;
}

const PULSE_RADIUS = 6;
const MAX_PULSE = 700;
const BADGE_HEIGHT = 20;
/** An estimate of the badge font's advance per character, and the badge's padding. */
const BADGE_CHARACTER = 7.2;
const BADGE_PADDING = 14;

export class Drawing {
  readonly #data: PageData;
  readonly #neurons: Map<number, SVGGElement>;
  readonly #paths: Map<number, SVGPathElement>;
  readonly #weights: Map<number, SVGGElement>;
  /** The softmax group's box, and its neurons' indexes. */
  readonly #group: SVGGElement | null;
  readonly #members: readonly number[];
  /** For each neuron index, the indexes of the connections into it. */
  readonly #connectionTargets: readonly number[];
  readonly #pulses: SVGGElement;
  readonly #badges: SVGGElement;
  readonly #reducedMotion: boolean;
  #frames: number[] = [];

  constructor(svg: SVGSVGElement, data: PageData, indexOf: ReadonlyMap<string, number>) {
    this.#data = data;
    this.#neurons = byIndex(svg, '.ng-neuron', 'data-index');
    this.#paths = byIndex(svg, '.ng-connection', 'data-connection');
    this.#weights = byIndex(svg, '.ng-weight', 'data-connection');
    this.#group = svg.querySelector<SVGGElement>('.ng-softmax');
    this.#members = (this.#group?.getAttribute('data-members') ?? '')
      .split(' ')
      .filter((index) => index !== '')
      .map(Number);
    this.#connectionTargets = data.connections.map((connection) => indexOf.get(connection.to) ?? -1);
    this.#pulses = svgElement('g', { class: 'ng-pulses' });
    svg.insertBefore(this.#pulses, svg.querySelector('.ng-neurons'));
    this.#badges = svgElement('g', { class: 'ng-badges' });
    svg.appendChild(this.#badges);
    this.#reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  }

  show(moment: Moment): void {
    this.#stopPulses();
    this.#showNeurons(moment);
    this.#showConnections(moment);
    this.#showSignals(moment);
  }

  #showNeurons({ fired, current }: Moment): void {
    this.#neurons.forEach((group, index) => {
      const step = fired.get(index);
      const neuron = this.#data.neurons[index];
      const active = current.includes(index);
      group.classList.toggle('active', active);
      group.classList.toggle('fired', step !== undefined && !active);
      group.classList.toggle('pending', step === undefined);
      const circle = group.querySelector('circle');
      if (circle !== null && neuron !== undefined) {
        circle.style.fill = step === undefined ? '' : valueFill(colours.roles[neuron.role].fill, step.output);
      }
      const value = group.querySelector('.ng-value');
      if (value !== null) value.textContent = step === undefined ? '' : format(step.output);
    });
    if (this.#group !== null) {
      const active = this.#members.some((index) => current.includes(index));
      this.#group.classList.toggle('active', active);
      this.#group.classList.toggle('fired', !active && this.#members.every((index) => fired.has(index)));
      this.#group.classList.toggle('pending', !this.#members.some((index) => fired.has(index)));
    }
  }

  #showConnections({ fired, current }: Moment): void {
    this.#connectionTargets.forEach((target, index) => {
      const state = current.includes(target) ? 'carrying' : fired.has(target) ? 'done' : 'pending';
      for (const node of [this.#paths.get(index), this.#weights.get(index)]) {
        if (node === undefined) continue;
        node.classList.toggle('carrying', state === 'carrying');
        node.classList.toggle('done', state === 'done');
        node.classList.toggle('pending', state === 'pending');
      }
    });
  }

  /** A badge for each signal that arrived (its source fired), and a dot along its connection. */
  #showSignals({ terms, animate, duration }: Moment): void {
    this.#badges.replaceChildren();
    for (const { index, connection, source } of terms) {
      if (source === undefined) continue;
      const signal = connection.weight * source.output;
      const colour = weightColour(signal);
      const late = connection.delay === undefined ? '' : `${delayMark(connection.delay)}: `;
      const text = `${late}${format(connection.weight)}\u00d7${format(source.output)} = ${format(signal)}`;
      const width = text.length * BADGE_CHARACTER + BADGE_PADDING;
      const badge = svgElement('g', { class: 'ng-badge', 'data-connection': index });
      badge.appendChild(
        svgElement('rect', {
          x: connection.x - width / 2,
          y: connection.y - BADGE_HEIGHT / 2,
          width,
          height: BADGE_HEIGHT,
          rx: BADGE_HEIGHT / 2,
          fill: colour,
        }),
      );
      const label = svgElement('text', { x: connection.x, y: connection.y + 4, 'text-anchor': 'middle' });
      label.textContent = text;
      badge.appendChild(label);
      this.#badges.appendChild(badge);
      const path = this.#paths.get(index);
      if (animate && !this.#reducedMotion && path !== undefined) this.#pulse(path, colour, duration);
    }
  }

  /** A dot that travels along `path` into the neuron firing now, easing in and out. */
  #pulse(path: SVGPathElement, colour: string, duration: number): void {
    const length = path.getTotalLength();
    const dot = svgElement('circle', { r: PULSE_RADIUS, fill: colour, stroke: '#fff', 'stroke-width': 2 });
    this.#pulses.appendChild(dot);
    const time = Math.min(MAX_PULSE, duration);
    const start = performance.now();
    const frame = (now: number) => {
      const t = Math.min(1, (now - start) / time);
      const eased = t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
      const point = path.getPointAtLength(eased * length);
      dot.setAttribute('cx', String(point.x));
      dot.setAttribute('cy', String(point.y));
      if (t < 1) this.#frames.push(requestAnimationFrame(frame));
      else dot.remove();
    };
    frame(start);
  }

  #stopPulses(): void {
    for (const id of this.#frames) cancelAnimationFrame(id);
    this.#frames = [];
    this.#pulses.replaceChildren();
  }
}
