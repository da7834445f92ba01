/**
 * HTML player
 * ===========
 *
 * One self-contained HTML file (inline CSS, SVG and script; no requests; opens from
 * disk) that plays back a recorded trace on the layered drawing: each recorded run
 * is an input row; stepping through a row lights its neurons up in the order they
 * fired, while signals (weight × source output) travel along the connections into
 * the neuron that fires. Play, pause, step back and forward, speed, a choice of
 * input row; keyboard: space, ← →, ↑ ↓, Home, End.
 *
 * Time: a recurrent network run as a sequence (`net.runSequence`) is recorded as one
 * run per time step; the player shows each row's time step, plays the rows in order,
 * and a delayed connection lights up when it delivers its source's output from the
 * step it names (read from that earlier row of the trace).
 *
 * Softmax: the drawing shows the softmax group's box, and the group's neurons (which
 * fire one after another at the end of each run) light up together, as one step of
 * playback; the "Now" box shows each one's weighted sum and the softmax over them.
 *
 * The page is fed only by the recorded events (no second propagation path): the
 * network gives the drawing and the weights, the trace gives every value shown.
 * The player's script and stylesheet are TypeScript and CSS in ./player/, bundled
 * by esbuild into ./player/bundle.generated.ts (`npm run build:player`).
 *
 * Stable hooks for tests and styling: `#ng-player` carries `data-row`, `data-run`,
 * `data-step` (activations shown so far, 0 … `data-steps`) and `data-playing`;
 * the neuron that fired last has class `active` (`[data-neuron].active`), earlier
 * ones `fired`; when the page shows time, `#ng-player` also carries `data-time` (the
 * row's time step), and a delayed connection that delivers an earlier step's value to
 * the neuron firing now has class `carrying` with a badge of that value; timeline items carry `data-step` (the step at which their neuron is
 * active); buttons carry `data-action` (back, play, forward); input rows are
 * `tr[data-row]`; the speed slider is `input[data-control="speed"]`.
 */
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import type { Network } from '../graph/network.js';
import { hasMemory, timeRestarts } from '../trace/over-time.js';
import { checkTraceEvents, type TraceEvent } from '../trace/trace-event.js';
import { checkBoolean, checkNetwork, checkOptions } from './check-arguments.js';
import { count } from '../format/plural.js';
import { neuronCaption } from './neuron-caption.js';
import { escapeXml } from './escape.js';
import { layoutNetwork } from './layout.js';
import { PLAYER_SCRIPT, PLAYER_STYLE } from './player/bundle.generated.js';
import type { PageData, PageRun, PageStep } from './player/page-data.js';
import { drawSvg } from './svg.js';
import { placeWeightLabels } from './weight-labels.js';

export interface HtmlOptions {
  /** The page's title and heading; defaults to "neurograph — signal flow". */
  readonly title?: string;
  /** Start playing when the page opens; defaults to true. */
  readonly autoplay?: boolean;
  /** The initial playback speed, 0.25 to 4 (1 is about one activation a second); defaults to 1. */
  readonly speed?: number;
}

const MIN_SPEED = 0.25;
const MAX_SPEED = 4;

/** A page that plays back `events` (recorded from `net`'s runs, e.g. by a Tracer) on its drawing. */
export function toHtml(net: Network, events: readonly TraceEvent[], options?: HtmlOptions): string {
  checkNetwork('toHtml', net);
  const {
    title = 'neurograph — signal flow',
    autoplay = true,
    speed: asked = 1,
  } = checkOptions('toHtml', options, ['title', 'autoplay', 'speed']);
  if (typeof title !== 'string') {
    throw new UsageError(`toHtml: options.title must be a string, got ${describe(title)}.`);
  }
  checkBoolean('toHtml', 'autoplay', autoplay);
  if (typeof asked !== 'number' || !Number.isFinite(asked)) {
    throw new UsageError(
      `toHtml: options.speed must be a number from ${MIN_SPEED} to ${MAX_SPEED}, got ${describe(asked)}.`,
    );
  }
  const speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, asked));
  checkTraceEvents('toHtml', events);
  const overTime = hasMemory(net) || timeRestarts(events);
  const runs = collectRuns(net, events, overTime);
  const layout = layoutNetwork(net);
  const grouped = new Set(layout.softmax?.members);
  const delayed = layout.connections.some((connection) => connection.delay > 0);
  const labels = placeWeightLabels(layout);

  const data: PageData = {
    autoplay,
    speed,
    inputs: net.inputs,
    outputs: net.outputs,
    neurons: layout.neurons.map((neuron) => ({
      id: neuron.id,
      role: neuron.role,
      activation: neuronCaption(neuron.role, neuron.activation),
      ...(neuron.product && { product: true as const }),
      ...(grouped.has(neuron.id) && { softmax: true as const }),
    })),
    connections: layout.connections.map((connection, index) => {
      const at = labels[index]!;
      const { from, to, weight, delay } = connection;
      return { from, to, weight, ...(delay > 0 && { delay }), x: Math.round(at.x), y: Math.round(at.y) };
    }),
    runs,
    ...(overTime && { overTime: true as const }),
  };
  const svg = drawSvg(layout, { valuePlaceholders: true, labels });
  const summary = [
    count(layout.neurons.length, 'neuron'),
    count(layout.connections.length, 'connection'),
    count(runs.length, 'recorded run'),
  ].join(' · ');
  const first = runs[0]!;
  const time = overTime ? ` data-time="${first.time ?? 0}"` : '';
  const delivers = delayed ? ' Dashed connections deliver a value from an earlier time step (↻ steps).' : '';
  const together = grouped.size > 0 ? ' The softmax group fires together.' : '';

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="neurograph">
<title>${escapeXml(title)}</title>
<style>${PLAYER_STYLE}</style>
</head>
<body>
<main id="ng-player" class="ng-player" data-row="0" data-run="${first.run}"${time} data-step="0"
 data-steps="${first.steps.length}" data-playing="false">
<header class="ng-header">
<h1>${escapeXml(title)}</h1>
<p class="ng-subtitle">${summary}. Neurons light up in the order they fired; each signal is weight × output.${delivers}${together}</p>
</header>
<section class="ng-stage">
<div class="ng-card ng-picture">
${svg}</div>
<aside class="ng-card ng-panel">
<h2>Input rows</h2>
<table class="ng-rows"><thead></thead><tbody></tbody></table>
<h2>Now</h2>
<div class="ng-now" aria-live="polite"></div>
<h2>Outputs</h2>
<dl class="ng-outputs"></dl>
</aside>
</section>
<nav class="ng-card ng-controls" aria-label="playback">
<button type="button" data-action="back" title="Step back (←)">◀ Step</button>
<button type="button" data-action="play" class="ng-primary" title="Play or pause (space)">▶ Play</button>
<button type="button" data-action="forward" title="Step forward (→)">Step ▶</button>
<label class="ng-speed">Speed <input type="range" data-control="speed"
 min="${MIN_SPEED}" max="${MAX_SPEED}" step="0.25" value="${speed}"> <output>${speed}×</output></label>
<ol class="ng-timeline" aria-label="activations in order"></ol>
<span class="ng-progress"></span>
</nav>
<p class="ng-keys"><kbd>space</kbd> play / pause · <kbd>←</kbd> <kbd>→</kbd> step ·
 <kbd>↑</kbd> <kbd>↓</kbd> input row · <kbd>Home</kbd> <kbd>End</kbd></p>
</main>
<script type="application/json" id="ng-data">${scriptJson(data)}</script>
<script>${PLAYER_SCRIPT}</script>
</body>
</html>
`;
}

/**
 * Groups the events by run. A run's inputs and outputs come from its runStarted and
 * runCompleted events when recorded, else from its input and output neurons' activations.
 */
function collectRuns(net: Network, events: readonly TraceEvent[], overTime: boolean): PageRun[] {
  interface Recorded {
    time: number;
    inputs?: Readonly<Record<string, number>>;
    outputs?: Readonly<Record<string, number>>;
    steps: PageStep[];
  }
  const byRun = new Map<number, Recorded>();
  const entry = (run: number) => {
    let found = byRun.get(run);
    if (found === undefined) byRun.set(run, (found = { time, steps: [] }));
    return found;
  };
  let time = 0;
  for (const event of events) {
    time = event.time ?? 0;
    if (event.type === 'runStarted') entry(event.run).inputs = event.inputs;
    else if (event.type === 'runCompleted') entry(event.run).outputs = event.outputs;
    else if (event.type === 'neuronActivated') {
      if (!net.graph.hasNode(event.neuron)) {
        throw new UsageError(
          `toHtml: the trace has an activation of ${describe(event.neuron)}, which is not in the network; ` +
            'pass the network the trace was recorded from.',
        );
      }
      entry(event.run).steps.push({ neuron: event.neuron, input: event.input, output: event.output });
    }
  }
  const runs = [...byRun].filter(([, run]) => run.steps.length > 0);
  if (runs.length === 0) {
    throw new UsageError(
      "toHtml: the trace has no neuronActivated events; record runs first (subscribe to the network's events, " +
        'or attach a Tracer, then run it).',
    );
  }
  const pick = (ids: readonly string[], record: Recorded['inputs'], steps: readonly PageStep[]) =>
    ids.map((id) => {
      if (record !== undefined && Object.hasOwn(record, id)) return record[id]!;
      return steps.find((step) => step.neuron === id)?.output ?? null;
    });
  return runs.map(([run, { time, inputs, outputs, steps }]) => ({
    run,
    ...(overTime && { time }),
    inputs: pick(net.inputs, inputs, steps),
    outputs: pick(net.outputs, outputs, steps),
    steps,
  }));
}

/** JSON that is safe inside a `<script>` element: no `</script>`, no `<!--`. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
