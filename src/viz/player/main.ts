/**
 * The HTML player
 * ===============
 *
 * The script of the page `toHtml` writes: it reads the page's `#ng-data` JSON,
 * brings the drawing and the panel to life, and wires the controls: play / pause,
 * step back and forward, speed, a choice of input row; keys space, ← →, ↑ ↓,
 * Home, End. `#ng-player` reports where playback is in `data-row`, `data-run`,
 * `data-step`, `data-steps` and `data-playing` (and `data-time` when the page shows
 * time steps), for tests and styling.
 *
 * A delayed connection into the neuron firing now carries its source's output from
 * `delay` steps earlier: the output that neuron had in the row of that time step
 * (the rows of a sequence are its steps, in order), or 0 before the sequence began.
 *
 * The softmax group's neurons fire one after another but are one softmax: playback
 * takes their activations as one moment, so they light up together.
 *
 * Bundled with esbuild into src/viz/player/bundle.generated.ts (`npm run build:player`).
 */
import { find } from './dom.js';
import { Drawing } from './drawing.js';
import type { PageData, PageStep } from './page-data.js';
import { Panel } from './panel.js';
import { Playback, type Position } from './playback.js';
import { indexPage, signalsAt } from './signals.js';

function start(): void {
  const data = JSON.parse(find(document, '#ng-data', HTMLScriptElement).text) as PageData;
  const root = find(document, '#ng-player', HTMLElement);
  const index = indexPage(data);
  const { indexOf } = index;

  /** `neuron`'s activation `delay` steps before row `row`: from the row of that step, or 0 before the sequence began. */
  const earlier = (row: number, delay: number, neuron: string): PageStep | undefined => {
    const time = (data.runs[row]?.time ?? 0) - delay;
    if (time < 0) return { neuron, input: 0, output: 0 };
    const then = data.runs[row - delay];
    if (then === undefined || (then.time ?? 0) !== time) return undefined;
    return then.steps.find((step) => step.neuron === neuron);
  };

  /** For each row, the step counts at which a moment ends: after each activation, but within the softmax group's run only after its last. */
  const stops = data.runs.map(({ steps }) => {
    const together = (i: number) => data.neurons[indexOf.get(steps[i]?.neuron ?? '') ?? -1]?.softmax === true;
    const ends: number[] = [];
    steps.forEach((_step, i) => {
      if (!(together(i) && together(i + 1))) ends.push(i + 1);
    });
    return ends;
  });

  const drawing = new Drawing(find(root, 'svg.ng-network', SVGSVGElement), data, indexOf);
  const playButton = find(root, '[data-action="play"]', HTMLButtonElement);

  // Playback reports each change to `show`, which redraws the drawing and the panel; the panel's
  // clicks call back into playback. `show` runs only after all three exist (first at redraw()).
  const show = ({ row, step, from, playing, advanced }: Position) => {
    const run = data.runs[row]!;
    const { firedById, fired, now, currentIndexes, terms } = signalsAt(data, index, { row, from, step }, earlier);
    const current = now.at(-1);
    const currentIndex = currentIndexes.at(-1) ?? -1;

    root.dataset.row = String(row);
    root.dataset.run = String(run.run);
    if (data.overTime) root.dataset.time = String(run.time ?? 0);
    root.dataset.step = String(step);
    root.dataset.steps = String(run.steps.length);
    root.dataset.playing = String(playing);
    playButton.textContent = playing ? '\u275a\u275a Pause' : '\u25b6 Play';
    drawing.show({ fired, current: currentIndexes, terms, animate: advanced, duration: playback.interval * 0.75 });
    const neuron = data.neurons[currentIndex];
    panel.show({ row, run, step, stops: stops[row]!, fired: firedById, current, now, neuron, terms });
  };

  const playback = new Playback(
    data.runs.map((run) => run.steps.length),
    data.speed,
    show,
    stops,
  );
  const panel = new Panel(root, data, {
    selectRow: (row) => playback.selectRow(row),
    jump: (step) => playback.jump(step),
  });
  wireControls(root, playback);
  playback.redraw();
  if (data.autoplay) playback.setPlaying(true);
}

function wireControls(root: HTMLElement, playback: Playback): void {
  root.querySelectorAll<HTMLButtonElement>('[data-action]').forEach((button) => {
    button.addEventListener('click', () => {
      const action = button.dataset.action;
      if (action === 'play') playback.toggle();
      else if (action === 'forward') playback.forward();
      else if (action === 'back') playback.back();
      // A focused button would also "click" on the space key, fighting the key's own toggle.
      button.blur();
    });
  });

  const speed = find(root, 'input[data-control="speed"]', HTMLInputElement);
  const speedShown = find(root, '.ng-speed output', HTMLOutputElement);
  speed.addEventListener('input', () => {
    playback.speed = Number(speed.value) || 1;
    speedShown.textContent = `${playback.speed}\u00d7`;
  });
  speed.addEventListener('change', () => speed.blur());

  const keys = new Map<string, () => void>([
    [' ', () => playback.toggle()],
    ['Spacebar', () => playback.toggle()],
    ['ArrowRight', () => playback.forward()],
    ['ArrowLeft', () => playback.back()],
    ['ArrowDown', () => playback.selectRow(playback.row + 1)],
    ['ArrowUp', () => playback.selectRow(playback.row - 1)],
    ['Home', () => playback.jump(0)],
    ['End', () => playback.jumpToEnd()],
  ]);
  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const action = keys.get(event.key);
    if (action === undefined) return;
    action();
    event.preventDefault();
  });
  // A focused button would also "click" on the space key's release.
  document.addEventListener('keyup', (event) => {
    if (event.key === ' ') event.preventDefault();
  });
}

start();
