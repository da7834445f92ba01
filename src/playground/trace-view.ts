/**
 * Watch one input think
 * =====================
 *
 * A click on the plane runs the network on that point with a `Tracer` attached, and
 * the HTML player's own pieces play the recorded events on the playground's drawing:
 * `Drawing` lights the neurons up in the order they fired and sends the weighted
 * values along the connections, `Panel` shows the trace table (one row per traced
 * point, the "Now" box with each neuron's arithmetic, the timeline), `Playback` steps
 * and plays. Each traced point is one more row; choosing a row replays it.
 */
import type { Network } from '../graph/network.js';
import type { TraceEvent } from '../trace/trace-event.js';
import { Tracer } from '../trace/tracer.js';
import type { Layout } from '../viz/layout.js';
import { neuronCaption } from '../viz/neuron-caption.js';
import { Drawing } from '../viz/player/drawing.js';
import type { PageData, PageRun, PageStep } from '../viz/player/page-data.js';
import { Panel } from '../viz/player/panel.js';
import { Playback } from '../viz/player/playback.js';
import { indexPage, signalsAt } from '../viz/player/signals.js';
import { placeWeightLabels } from '../viz/weight-labels.js';

/** Traced points kept as rows of the table. */
const MAX_ROWS = 8;
/** Playback speed: about four activations a second. */
const SPEED = 4;

export interface TracedPoint {
  readonly x1: number;
  readonly x2: number;
  /** The run's outputs, exactly as the network gave them. */
  readonly outputs: Readonly<Record<string, number>>;
  readonly events: readonly TraceEvent[];
}

/** The points' runs as the player's page data, on `layout` (the drawing on screen). */
export function pageData(net: Network, layout: Layout, points: readonly TracedPoint[]): PageData {
  const labels = placeWeightLabels(layout);
  const runs: PageRun[] = points.map((point, index) => {
    const steps: PageStep[] = point.events.flatMap((event) =>
      event.type === 'neuronActivated' ? [{ neuron: event.neuron, input: event.input, output: event.output }] : [],
    );
    const outputOf = (id: string) => steps.find((step) => step.neuron === id)?.output ?? null;
    return {
      run: index + 1,
      inputs: net.inputs.map(outputOf),
      outputs: net.outputs.map((id) => point.outputs[id] ?? null),
      steps,
    };
  });
  return {
    autoplay: true,
    speed: SPEED,
    inputs: net.inputs,
    outputs: net.outputs,
    neurons: layout.neurons.map((neuron) => ({
      id: neuron.id,
      role: neuron.role,
      activation: neuronCaption(neuron.role, neuron.activation, neuron.product),
      ...(neuron.product && { product: true as const }),
    })),
    connections: layout.connections.map((connection, index) => {
      const at = labels[index]!;
      return {
        from: connection.from,
        to: connection.to,
        weight: net.weight(connection.from, connection.to),
        x: Math.round(at.x),
        y: Math.round(at.y),
      };
    }),
    runs,
  };
}

/** Runs `net` on one row of inputs with a Tracer attached; returns what it recorded. */
export function tracePoint(net: Network, x1: number, x2: number, row: ArrayLike<number>): TracedPoint {
  const tracer = new Tracer(net);
  try {
    const outputs = net.run(row);
    return { x1, x2, outputs, events: [...tracer.events] };
  } finally {
    tracer.detach();
  }
}

/** The trace table and the animation on the network's drawing. */
export class TraceView {
  readonly #panelHost: HTMLElement;
  readonly #controls: HTMLElement;
  #points: TracedPoint[] = [];
  #playback: Playback | undefined;

  constructor(panelHost: HTMLElement, controls: HTMLElement) {
    this.#panelHost = panelHost;
    this.#controls = controls;
    controls.querySelectorAll<HTMLButtonElement>('[data-trace]').forEach((button) => {
      button.addEventListener('click', () => {
        const playback = this.#playback;
        if (playback === undefined) return;
        const action = button.dataset.trace;
        if (action === 'play') playback.toggle();
        else if (action === 'forward') playback.forward();
        else if (action === 'back') playback.back();
        else if (action === 'start') playback.jump(0);
      });
    });
  }

  get points(): readonly TracedPoint[] {
    return this.#points;
  }

  /** Adds a traced point and plays it on `svg` (the drawing of `layout`). */
  show(net: Network, svg: SVGSVGElement, layout: Layout, point: TracedPoint): void {
    this.#points = [...this.#points, point].slice(-MAX_ROWS);
    this.#start(net, svg, layout, this.#points.length - 1);
  }

  /** Stops playing and forgets the traced points (the network changed, so their runs no longer hold). */
  clear(svg: SVGSVGElement | undefined): void {
    this.#playback?.setPlaying(false);
    this.#playback = undefined;
    this.#points = [];
    this.#panelHost.replaceChildren();
    this.#controls.hidden = true;
    if (svg !== undefined) clearTraceMarks(svg);
  }

  #start(net: Network, svg: SVGSVGElement, layout: Layout, row: number): void {
    this.#playback?.setPlaying(false);
    clearTraceMarks(svg);
    svg.classList.add('pg-tracing');
    const data = pageData(net, layout, this.#points);
    const index = indexPage(data);
    const { indexOf } = index;
    this.#panelHost.replaceChildren(panelSkeleton());
    this.#controls.hidden = false;
    const playButton = this.#controls.querySelector<HTMLButtonElement>('[data-trace="play"]');
    const drawing = new Drawing(svg, data, indexOf);
    const root = this.#panelHost;

    const show = ({ row, step, from, playing, advanced }: Parameters<ConstructorParameters<typeof Playback>[2]>[0]) => {
      const run = data.runs[row]!;
      const { firedById, fired, now, currentIndexes, terms } = signalsAt(data, index, { row, from, step });
      root.dataset.row = String(row);
      root.dataset.step = String(step);
      root.dataset.steps = String(run.steps.length);
      root.dataset.playing = String(playing);
      if (playButton !== null) {
        playButton.textContent = playing ? '\u275a\u275a Pause' : '\u25b6 Play';
        playButton.setAttribute('aria-label', playing ? 'Pause the trace' : 'Play the trace');
      }
      drawing.show({ fired, current: currentIndexes, terms, animate: advanced, duration: playback.interval * 0.75 });
      const neuron = data.neurons[currentIndexes.at(-1) ?? -1];
      const stops = run.steps.map((_, i) => i + 1);
      panel.show({ row, run, step, stops, fired: firedById, current: now.at(-1), now, neuron, terms });
    };
    const playback = new Playback(
      data.runs.map((run) => run.steps.length),
      data.speed,
      show,
    );
    const panel = new Panel(root, data, {
      selectRow: (r) => {
        playback.selectRow(r);
        playback.setPlaying(true);
      },
      jump: (step) => playback.jump(step),
    });
    this.#playback = playback;
    playback.selectRow(row);
    playback.setPlaying(true);
  }
}

/** The elements the player's Panel fills. */
function panelSkeleton(): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = `
<table class="ng-rows" aria-label="traced points"><thead></thead><tbody></tbody></table>
<div class="ng-now" aria-live="polite"></div>
<h3>Outputs</h3><dl class="ng-outputs"></dl>
<ol class="ng-timeline" aria-label="activations in order"></ol>
<span class="ng-progress"></span>`;
  return template.content;
}

/** Takes the trace's marks off the drawing: highlights, values, badges and travelling dots. */
export function clearTraceMarks(svg: SVGSVGElement): void {
  svg.classList.remove('pg-tracing');
  svg.querySelectorAll('.ng-pulses, .ng-badges').forEach((node) => node.remove());
  svg.querySelectorAll('.active, .fired, .pending, .carrying, .done').forEach((node) => {
    node.classList.remove('active', 'fired', 'pending', 'carrying', 'done');
  });
  svg.querySelectorAll<SVGCircleElement>('.ng-neuron circle').forEach((circle) => {
    circle.style.fill = '';
  });
  svg.querySelectorAll('.ng-value').forEach((node) => {
    node.textContent = '';
  });
}
