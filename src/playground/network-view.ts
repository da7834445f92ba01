/**
 * The network, drawn and editable
 * ===============================
 *
 * The library's own layered drawing (`layoutNetwork` + `drawSvg`, as `toSvg` and the
 * HTML player draw it), brought to life for the playground: a small heat map inside
 * every neuron of what it answers over the plane, connections recoloured and resized
 * as the weights change (their value on hover and in their accessible name), and the
 * editing gestures: drag from one neuron to another to connect them, click (or Enter
 * on) a connection to edit its weight, click a neuron to change its activation. The
 * same SVG is what the trace view animates with the player's `Drawing`.
 */
import { formatNumberForDrawing as format } from '../format/number.js';
import type { Network } from '../graph/network.js';
import { weightColour, weightSign, weightWidth } from '../viz/colours.js';
import { layoutNetwork, type Layout } from '../viz/layout.js';
import { svgElement } from '../viz/player/dom.js';
import { drawSvg } from '../viz/svg.js';
import { featureLabel } from './features.js';
import { paintValues } from './heatmap.js';

export interface NetworkViewActions {
  connect(from: string, to: string): void;
  editConnection(from: string, to: string): void;
  editNeuron(id: string): void;
}

/** Movement (in screen pixels) below which a press on a neuron is a click, not a drag. */
const DRAG_THRESHOLD = 6;

export class NetworkView {
  readonly #host: HTMLElement;
  readonly #tooltip: HTMLElement;
  readonly #actions: NetworkViewActions;
  #svg: SVGSVGElement | undefined;
  #layout: Layout | undefined;
  #paths: SVGPathElement[] = [];
  #hits: SVGPathElement[] = [];
  #heat = new Map<string, HTMLCanvasElement>();

  constructor(host: HTMLElement, tooltip: HTMLElement, actions: NetworkViewActions) {
    this.#host = host;
    this.#tooltip = tooltip;
    this.#actions = actions;
  }

  get svg(): SVGSVGElement | undefined {
    return this.#svg;
  }

  get layout(): Layout | undefined {
    return this.#layout;
  }

  /** Draws `net` afresh (after a change of structure). */
  render(net: Network): void {
    const layout = layoutNetwork(net);
    this.#layout = layout;
    // drawSvg escapes every id and caption; the markup is the library's own.
    this.#host.innerHTML = drawSvg(layout, { weights: false, legend: false, valuePlaceholders: true });
    const svg = this.#host.querySelector('svg');
    if (svg === null) return;
    this.#svg = svg;
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.setAttribute(
      'aria-label',
      `the network: ${layout.neurons.length} neurons, ${layout.connections.length} connections`,
    );
    this.#paths = Array.from(svg.querySelectorAll<SVGPathElement>('.ng-connection'));
    this.#hits = this.#paths.map((path, index) => this.#hitTarget(path, index));
    this.#heat.clear();
    svg.querySelectorAll<SVGGElement>('.ng-neuron').forEach((group) => this.#wireNeuron(group));
  }

  /** Recolours and resizes the connections for `net`'s current weights. */
  showWeights(net: Network): void {
    const layout = this.#layout;
    if (layout === undefined) return;
    const weights = layout.connections.map((c) => (net.graph.hasEdge(c.from, c.to) ? net.weight(c.from, c.to) : 0));
    const largest = weights.reduce((max, w) => Math.max(max, Math.abs(w)), 0);
    layout.connections.forEach((connection, index) => {
      const w = weights[index]!;
      const path = this.#paths[index];
      path?.setAttribute('stroke', weightColour(w));
      path?.setAttribute('stroke-width', String(weightWidth(w, largest)));
      path?.setAttribute('marker-end', `url(#ng-arrow-${weightSign(w)})`);
      path?.setAttribute('data-weight', String(w));
      this.#hits[index]?.setAttribute(
        'aria-label',
        `connection ${connection.from} to ${connection.to}, weight ${format(w)}: press Enter to edit`,
      );
    });
  }

  /** Paints each neuron's heat map: hidden and output values as they are (-1 … 1), inputs scaled to their largest. */
  showHeatMaps(values: ReadonlyMap<string, Float64Array>): void {
    for (const [id, canvas] of this.#heat) {
      const grid = values.get(id);
      const role = canvas.dataset.role;
      if (grid !== undefined) paintValues(canvas, grid, role === 'input' ? 0 : 1);
    }
  }

  #hitTarget(path: SVGPathElement, index: number): SVGPathElement {
    const hit = svgElement('path', {
      d: path.getAttribute('d') ?? '',
      class: 'pg-hit',
      'data-connection': index,
      tabindex: 0,
      role: 'button',
    });
    path.after(hit);
    const connection = () => this.#layout?.connections[index];
    const open = () => {
      const c = connection();
      if (c !== undefined) this.#actions.editConnection(c.from, c.to);
    };
    hit.addEventListener('click', open);
    hit.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        open();
      }
    });
    hit.addEventListener('pointerenter', (event) => {
      const c = connection();
      if (c === undefined) return;
      this.#tooltip.textContent = `${c.from} \u2192 ${c.to}: ${format(Number(path.getAttribute('data-weight')))}`;
      this.#tooltip.hidden = false;
      this.#placeTooltip(event);
    });
    hit.addEventListener('pointermove', (event) => this.#placeTooltip(event));
    hit.addEventListener('pointerleave', () => {
      this.#tooltip.hidden = true;
    });
    return hit;
  }

  #placeTooltip(event: PointerEvent): void {
    this.#tooltip.style.left = `${event.clientX + 12}px`;
    this.#tooltip.style.top = `${event.clientY + 12}px`;
  }

  #wireNeuron(group: SVGGElement): void {
    const id = this.#layout?.neurons[Number(group.dataset.index)]?.id;
    const svg = this.#svg;
    if (id === undefined || svg === undefined) return;
    const role = group.dataset.role ?? 'hidden';
    const circle = group.querySelector('circle');
    const name = role === 'input' ? `${id} (${featureLabel(id)})` : id;
    group.setAttribute('tabindex', '0');
    group.setAttribute('role', 'button');
    group.setAttribute(
      'aria-label',
      role === 'hidden' || role === 'output'
        ? `neuron ${name}, ${role}: press Enter to change its activation`
        : `neuron ${name}, ${role}`,
    );
    if (circle !== null && role !== 'bias') {
      const r = Number(circle.getAttribute('r'));
      const x = Number(circle.getAttribute('cx'));
      const y = Number(circle.getAttribute('cy'));
      const side = r * 1.5;
      const box = svgElement('foreignObject', {
        x: x - side / 2,
        y: y - side / 2,
        width: side,
        height: side,
        class: 'pg-heat',
      });
      const canvas = document.createElement('canvas');
      canvas.dataset.role = role;
      box.append(canvas);
      circle.after(box);
      this.#heat.set(id, canvas);
    }
    if (role === 'input') {
      const caption = group.querySelector('.ng-activation');
      if (caption !== null) caption.textContent = featureLabel(id);
    }
    group.addEventListener('keydown', (event) => {
      if ((event.key === 'Enter' || event.key === ' ') && (role === 'hidden' || role === 'output')) {
        event.preventDefault();
        this.#actions.editNeuron(id);
      }
    });
    group.addEventListener('pointerdown', (event) => this.#drag(event, id, group, role));
  }

  /** A press on a neuron: a drag to another neuron connects them; a press without moving edits the neuron. */
  #drag(event: PointerEvent, from: string, group: SVGGElement, role: string): void {
    const svg = this.#svg;
    if (svg === undefined || event.button !== 0) return;
    event.preventDefault();
    const matrix = svg.getScreenCTM()?.inverse();
    const toSvg = (e: PointerEvent) => {
      const point = new DOMPoint(e.clientX, e.clientY).matrixTransform(matrix);
      return { x: point.x, y: point.y };
    };
    const circle = group.querySelector('circle');
    const start = { x: Number(circle?.getAttribute('cx')), y: Number(circle?.getAttribute('cy')) };
    const line = svgElement('line', { x1: start.x, y1: start.y, x2: start.x, y2: start.y, class: 'pg-drag-line' });
    let moved = false;
    const x0 = event.clientX;
    const y0 = event.clientY;
    const move = (e: PointerEvent) => {
      if (!moved && Math.hypot(e.clientX - x0, e.clientY - y0) < DRAG_THRESHOLD) return;
      if (!moved) svg.append(line);
      moved = true;
      const p = toSvg(e);
      line.setAttribute('x2', String(p.x));
      line.setAttribute('y2', String(p.y));
      const over = this.#neuronAt(e.clientX, e.clientY);
      svg.querySelectorAll('.pg-drop').forEach((node) => node.classList.remove('pg-drop'));
      if (over !== undefined && over.id !== from) over.group.classList.add('pg-drop');
    };
    const up = (e: PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      line.remove();
      svg.querySelectorAll('.pg-drop').forEach((node) => node.classList.remove('pg-drop'));
      if (!moved) {
        if (role === 'hidden' || role === 'output') this.#actions.editNeuron(from);
        return;
      }
      const over = this.#neuronAt(e.clientX, e.clientY);
      // A drop back on the same neuron asks for a self-loop, which the network refuses as a cycle.
      if (over !== undefined) this.#actions.connect(from, over.id);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }

  #neuronAt(x: number, y: number): { id: string; group: SVGGElement } | undefined {
    const group = document.elementFromPoint(x, y)?.closest<SVGGElement>('.ng-neuron');
    if (group === null || group === undefined) return undefined;
    const id = this.#layout?.neurons[Number(group.dataset.index)]?.id;
    return id === undefined ? undefined : { id, group };
  }
}
