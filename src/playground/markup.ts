/**
 * The page's markup
 * =================
 *
 * Static HTML (no user text in it); page.ts fills in the parts that change. Every
 * control has a visible label or an `aria-label`: Play, Pause, Step, Reset, …
 */
import { FEATURES } from './features.js';
import { ACTIVATIONS, DATASETS, LEARNING_RATES, REGULARIZATION_RATES } from './state.js';

const DATASET_LABELS: Readonly<Record<string, string>> = {
  circle: 'Circle',
  xor: 'Exclusive or',
  gauss: 'Gaussian',
  spiral: 'Spiral',
  plane: 'Plane',
  multiGauss: 'Multi-Gaussian',
};

const options = (values: readonly (string | number)[]) =>
  values.map((value) => `<option value="${value}">${value}</option>`).join('');

export function playgroundMarkup(): string {
  const datasetRadios = (Object.keys(DATASETS) as (keyof typeof DATASETS)[])
    .map(
      (problem) =>
        `<div class="pg-datasets" role="radiogroup" aria-label="${problem} datasets">${DATASETS[problem]
          .map(
            (name) =>
              `<label class="pg-dataset"><input type="radio" name="dataset" value="${name}"> ${DATASET_LABELS[name]}</label>`,
          )
          .join('')}</div>`,
    )
    .join('');
  const features = FEATURES.map(
    (f) =>
      `<label class="pg-feature"><input type="checkbox" name="feature" value="${f.id}" aria-label="feature ${f.label}"> ${f.label}</label>`,
  ).join('');
  return `
<header class="pg-bar">
  <h1>neurograph <span>playground</span></h1>
  <div class="pg-run" role="group" aria-label="training">
    <button type="button" id="pg-reset" aria-label="Reset" title="Reset the network (new weights from the seed)">\u21ba</button>
    <button type="button" id="pg-play" class="pg-primary" aria-label="Play">\u25b6</button>
    <button type="button" id="pg-step" aria-label="Step" title="Train one epoch">Step</button>
    <div class="pg-epoch"><small>Epoch</small><output id="pg-epoch" aria-label="epoch">0</output></div>
  </div>
  <label>Learning rate <select id="pg-rate">${options(LEARNING_RATES)}</select></label>
  <label>Activation <select id="pg-activation">${options(ACTIVATIONS)}</select></label>
  <label>Regularization <select id="pg-reg">${options(['none', 'L1', 'L2'])}</select></label>
  <label>Regularization rate <select id="pg-reg-rate">${options(REGULARIZATION_RATES)}</select></label>
  <label>Problem type <select id="pg-problem"><option value="classification">classification</option><option value="regression">regression</option></select></label>
</header>
<p id="pg-message" role="status" aria-live="polite"></p>
<main class="pg-main">
  <section class="pg-data" aria-labelledby="pg-data-title">
    <h2 id="pg-data-title">Data</h2>
    ${datasetRadios}
    <label class="pg-slider">Ratio of training to test data: <output id="pg-train-out"></output>
      <input type="range" id="pg-train" min="10" max="90" step="10"></label>
    <label class="pg-slider">Noise: <output id="pg-noise-out"></output>
      <input type="range" id="pg-noise" min="0" max="50" step="5"></label>
    <label class="pg-slider">Batch size: <output id="pg-batch-out"></output>
      <input type="range" id="pg-batch" min="1" max="30" step="1"></label>
    <button type="button" id="pg-regenerate">Regenerate</button>
    <h2>Features</h2>
    <div class="pg-features" role="group" aria-label="features">${features}</div>
  </section>
  <section class="pg-network-section" aria-labelledby="pg-network-title">
    <h2 id="pg-network-title">Network</h2>
    <div id="pg-layers" class="pg-layers"></div>
    <div id="pg-network" class="pg-network"></div>
    <p class="pg-hint">Drag from one neuron to another to connect them; click a connection to set its weight or
      delete it; click a neuron to change its activation. Click the output's plane to watch one input think.</p>
    <form id="pg-connect" class="pg-inline" aria-label="connect two neurons">
      <label>From <select id="pg-connect-from"></select></label>
      <label>to <select id="pg-connect-to"></select></label>
      <button type="submit">Connect</button>
    </form>
    <div id="pg-editor" class="pg-editor" role="region" aria-label="selected neuron or connection" hidden></div>
    <section class="pg-trace" aria-labelledby="pg-trace-title">
      <h2 id="pg-trace-title">Trace</h2>
      <div id="pg-trace-controls" class="pg-inline" hidden>
        <button type="button" data-trace="start" aria-label="Back to the trace's start">|\u25c0</button>
        <button type="button" data-trace="back" aria-label="Step back through the trace">\u25c0</button>
        <button type="button" data-trace="play" aria-label="Play the trace">\u25b6 Play</button>
        <button type="button" data-trace="forward" aria-label="Step through the trace">Step \u25b6</button>
      </div>
      <div id="pg-trace" class="pg-trace-panel"></div>
    </section>
  </section>
  <section class="pg-output" aria-labelledby="pg-output-title">
    <h2 id="pg-output-title">Output</h2>
    <dl class="pg-losses">
      <dt>Test loss</dt><dd id="pg-test-loss">\u2013</dd>
      <dt>Training loss</dt><dd id="pg-train-loss">\u2013</dd>
    </dl>
    <canvas id="pg-chart" width="300" height="70" role="img" aria-label="loss over the epochs"></canvas>
    <div class="pg-plane">
      <canvas id="pg-boundary" aria-hidden="true"></canvas>
      <canvas id="pg-points" width="600" height="600" role="img" aria-label="the points and the output over the plane; click a point to trace it"></canvas>
    </div>
    <label><input type="checkbox" id="pg-show-test"> Show test data</label>
    <form id="pg-trace-form" class="pg-inline" aria-label="trace a point">
      <label>x\u2081 <input type="number" id="pg-trace-x1" step="0.1" min="-6" max="6" value="1"></label>
      <label>x\u2082 <input type="number" id="pg-trace-x2" step="0.1" min="-6" max="6" value="1"></label>
      <button type="submit">Trace</button>
    </form>
    <p id="pg-readout" class="pg-readout" aria-live="polite"></p>
    <h2>Keep it</h2>
    <div class="pg-keep">
      <button type="button" id="pg-export">Export JSON</button>
      <label class="pg-file">Import JSON <input type="file" id="pg-import" accept=".json,application/json"></label>
      <button type="button" id="pg-script">Copy as scenario script</button>
      <button type="button" id="pg-link">Copy link</button>
    </div>
  </section>
</main>
<div id="pg-tooltip" class="pg-tooltip" role="tooltip" hidden></div>
<dialog id="pg-dialog" aria-labelledby="pg-dialog-title">
  <h2 id="pg-dialog-title">Scenario script</h2>
  <textarea id="pg-dialog-text" rows="20" cols="80" readonly aria-label="the script"></textarea>
  <div class="pg-inline"><button type="button" id="pg-dialog-copy">Copy</button>
  <button type="button" id="pg-dialog-close">Close</button></div>
</dialog>`;
}
