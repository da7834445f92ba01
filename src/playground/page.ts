/**
 * The playground page
 * ===================
 *
 * Holds the experiment (the state, the live network, the points, the epoch and the
 * losses), wires every control to it, talks to the training worker and draws at
 * screen rate: each animation frame that follows new weights repaints the decision
 * boundary, the neurons' heat maps, the connections and the loss chart. The state
 * goes into `location.hash` after every change, so the address reproduces the
 * experiment. Changes of data, features, layers or the activation start over from
 * the seed's weights (as TensorFlow's playground does); the graph edits (connect,
 * delete, set a weight, a neuron's activation) keep the trained weights.
 *
 * Hooks for tests: `#pg` carries `data-epoch`, `data-train-loss`, `data-test-loss`
 * and `data-playing`; a refused connection leaves `data-cycle` (the path, joined by
 * spaces) on `#pg-message`; `#pg-readout` carries the traced point's `data-x1`,
 * `data-x2` and `data-output` exactly.
 */
import { CycleError } from '../errors.js';
import { formatNumberForDrawing as format } from '../format/number.js';
import { Network } from '../graph/network.js';
import { featureLabel, featureRow, FEATURE_IDS, type FeatureId } from './features.js';
import { cssColour, neuronValues, outputImage } from './heatmap.js';
import { playgroundMarkup } from './markup.js';
import { buildNetwork, type Data, DOMAIN, makeData, messageOf, OUTPUT, unsupported, withActivations } from './model.js';
import { NetworkView } from './network-view.js';
import type { EpochLoss, FromWorker, ToWorker, TrainingSettings } from './protocol.js';
import { scenarioScript } from './scenario.js';
import {
  ACTIVATIONS,
  DATASETS,
  type DatasetName,
  decodeState,
  encodeState,
  type Edge,
  MAX_LAYERS,
  MAX_NEURONS,
  type PlaygroundActivation,
  type PlaygroundState,
  type Problem,
  problemOf,
  REGULARIZATIONS,
} from './state.js';
import { TraceView, tracePoint } from './trace-view.js';

/** Grid cells per side of the decision boundary and of each neuron's heat map. */
const BOUNDARY_GRID = 80;
const NEURON_GRID = 16;
/** Epochs kept for the loss chart. */
const MAX_HISTORY = 4000;

function byId<T extends HTMLElement>(id: string, type: abstract new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`neurograph playground: the page has no #${id}`);
  return found;
}

export function startPage(root: HTMLElement, createWorker: () => Worker): void {
  root.innerHTML = playgroundMarkup();
  const decoded = decodeState(location.hash);
  let state: PlaygroundState = decoded.state;
  let net: Network;
  let data: Data;
  let epoch = 0;
  let history: EpochLoss[] = [];
  let playing = false;
  let generation = 0;
  /** The edges of the document last sent to the worker, in its order. */
  let sentEdges: (readonly [string, string])[] = [];
  let dirty = true;
  let failed = false;

  const message = byId('pg-message', HTMLElement);
  const say = (text: string, kind: 'info' | 'error' = 'info') => {
    message.textContent = text;
    message.className = kind === 'error' ? 'pg-error' : '';
    delete message.dataset.cycle;
  };

  const view = new NetworkView(byId('pg-network', HTMLElement), byId('pg-tooltip', HTMLElement), {
    connect: (from, to) => connect(from, to),
    editConnection: (from, to) => editConnection(from, to),
    editNeuron: (id) => editNeuron(id),
  });
  const trace = new TraceView(byId('pg-trace', HTMLElement), byId('pg-trace-controls', HTMLElement));

  // The worker: the library's Trainer, off the main thread.
  let worker: Worker | undefined;
  try {
    worker = createWorker();
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => receive(event.data));
    worker.addEventListener('error', (event) => say(`The training worker failed: ${event.message}`, 'error'));
  } catch (error) {
    say(`This browser cannot start the training worker: ${messageOf(error)}`, 'error');
  }
  const send = (m: ToWorker) => worker?.postMessage(m);

  const settings = (): TrainingSettings => ({
    learningRate: state.learningRate,
    batchSize: state.batchSize,
    regularization: state.regularization,
    regularizationRate: state.regularizationRate,
    seed: state.seed,
  });
  const flat = (points: Data['train']) => points.flatMap((p) => [p.x, p.y, p.label]);
  const load = () => {
    generation++;
    const document = net.toJSON();
    sentEdges = document.edges.map((edge) => [edge.source, edge.target] as const);
    failed = false;
    send({ type: 'load', document, train: flat(data.train), test: flat(data.test), settings: settings(), epoch });
    dirty = true;
  };

  const receive = (m: FromWorker) => {
    if (m.generation !== generation) return;
    if (m.type === 'failed') {
      failed = true;
      setPlaying(false);
      say(`Training stopped: ${m.message} Try a smaller learning rate, then Reset.`, 'error');
      return;
    }
    m.weights.forEach((weight, i) => {
      const [from, to] = sentEdges[i] ?? ['', ''];
      if (net.graph.hasEdge(from, to) && Number.isFinite(weight)) net.setWeight(from, to, weight);
    });
    epoch = m.epoch;
    for (const loss of m.losses) {
      if (history.at(-1)?.epoch === loss.epoch) history[history.length - 1] = loss;
      else history.push(loss);
    }
    // The chart needs no more than a few thousand points: keep every other epoch of a long run.
    if (history.length > MAX_HISTORY) history = history.filter((_, i) => i % 2 === 0 || i === history.length - 1);
    dirty = true;
  };

  const writeUrl = () => {
    const hash = `#${encodeState(state)}`;
    if (location.hash !== hash) history_.replaceState(null, '', hash);
  };
  const history_ = window.history;

  /** Starts over from the state: the seed's weights, epoch 0. */
  const rebuild = (newData = false) => {
    const built = buildNetwork(state);
    state = built.state;
    net = built.net;
    if (newData) data = makeData(state);
    epoch = 0;
    history = [];
    trace.clear(view.svg);
    view.render(net);
    refreshControls();
    load();
    writeUrl();
    if (built.problems.length > 0) say(built.problems.join(' '), 'error');
    drawPoints();
  };

  /** After a graph edit that keeps the weights: draw again, retrain from here. */
  const edited = (text: string) => {
    trace.clear(view.svg);
    view.render(net);
    refreshControls();
    load();
    writeUrl();
    say(text);
  };

  const setState = (changes: Partial<PlaygroundState>, restart: 'data' | 'network' | 'settings') => {
    state = { ...state, ...changes };
    if (restart === 'settings') {
      send({ type: 'settings', settings: settings() });
      writeUrl();
      refreshControls();
    } else rebuild(restart === 'data');
  };

  // Graph edits.
  const samePair = (a: Edge, from: string, to: string) => a.from === from && a.to === to;
  const connect = (from: string, to: string) => {
    const weight = Math.round((Math.random() - 0.5) * 1000) / 1000 || 0.1;
    try {
      net.connect(from, to, weight);
    } catch (error) {
      say(`Not connected: ${from} \u2192 ${to}: ${messageOf(error)}`, 'error');
      if (error instanceof CycleError) message.dataset.cycle = error.path.join(' ');
      return;
    }
    state = { ...state, added: [...state.added, { from, to, weight }] };
    edited(`Connected ${from} \u2192 ${to} with weight ${format(weight)}.`);
  };
  const disconnect = (from: string, to: string) => {
    try {
      net.disconnect(from, to);
    } catch (error) {
      say(messageOf(error), 'error');
      return;
    }
    const wasAdded = state.added.some((e) => samePair(e, from, to));
    state = {
      ...state,
      added: state.added.filter((e) => !samePair(e, from, to)),
      weights: state.weights.filter((e) => !samePair(e, from, to)),
      removed: wasAdded ? state.removed : [...state.removed, { from, to }],
    };
    closeEditor();
    edited(`Deleted ${from} \u2192 ${to}.`);
  };
  const setWeight = (from: string, to: string, weight: number) => {
    try {
      net.setWeight(from, to, weight);
    } catch (error) {
      say(messageOf(error), 'error');
      return;
    }
    const inAdded = state.added.some((e) => samePair(e, from, to));
    state = inAdded
      ? { ...state, added: state.added.map((e) => (samePair(e, from, to) ? { from, to, weight } : e)) }
      : { ...state, weights: [...state.weights.filter((e) => !samePair(e, from, to)), { from, to, weight }] };
    edited(`Set ${from} \u2192 ${to} to ${format(weight)}.`);
  };
  const setActivation = (id: string, activation: PlaygroundActivation) => {
    try {
      net = withActivations(net, { [id]: activation });
    } catch (error) {
      say(messageOf(error), 'error');
      return;
    }
    state = { ...state, activations: { ...state.activations, [id]: activation } };
    edited(`${id} is now ${activation}.`);
  };

  // The editor of the selected connection or neuron.
  const editor = byId('pg-editor', HTMLElement);
  const closeEditor = () => {
    editor.hidden = true;
    editor.replaceChildren();
  };
  const editConnection = (from: string, to: string) => {
    if (!net.graph.hasEdge(from, to)) return;
    editor.replaceChildren();
    const title = element('h3', `${from} \u2192 ${to}`);
    const label = element('label', 'Weight ');
    const input = document.createElement('input');
    input.type = 'number';
    input.step = 'any';
    input.id = 'pg-weight';
    input.value = String(net.weight(from, to));
    label.append(input);
    const set = button('Set weight', () => {
      const weight = Number(input.value);
      if (input.value.trim() === '' || !Number.isFinite(weight)) say('A weight must be a finite number.', 'error');
      else setWeight(from, to, weight);
    });
    const remove = button('Delete connection', () => disconnect(from, to));
    const close = button('Close', closeEditor);
    editor.append(title, label, set, remove, close);
    editor.hidden = false;
    input.focus();
  };
  const editNeuron = (id: string) => {
    const role = net.graph.getNodeAttribute(id, 'role');
    if (role !== 'hidden' && role !== 'output') return;
    editor.replaceChildren();
    const current = String(net.graph.getNodeAttribute(id, 'activation') ?? 'sigmoid');
    const label = element('label', 'Activation ');
    const select = document.createElement('select');
    select.id = 'pg-neuron-activation';
    for (const name of ACTIVATIONS)
      select.append(new Option(name, name, false, name === current || (name === 'linear' && current === 'identity')));
    label.append(select);
    const apply = button('Apply', () => setActivation(id, select.value as PlaygroundActivation));
    editor.append(element('h3', `neuron ${id}`), label, apply, button('Close', closeEditor));
    editor.hidden = false;
    select.focus();
  };

  // Controls.
  const play = byId('pg-play', HTMLButtonElement);
  const setPlaying = (on: boolean) => {
    playing = on && !failed;
    play.textContent = playing ? '\u275a\u275a' : '\u25b6';
    play.setAttribute('aria-label', playing ? 'Pause' : 'Play');
    root.dataset.playing = String(playing);
    send({ type: playing ? 'play' : 'pause' });
  };
  play.addEventListener('click', () => setPlaying(!playing));
  byId('pg-step', HTMLButtonElement).addEventListener('click', () => {
    if (playing) setPlaying(false);
    if (!failed) send({ type: 'step' });
  });
  byId('pg-reset', HTMLButtonElement).addEventListener('click', () => {
    setPlaying(false);
    rebuild();
    say('Reset: the first weights from the seed, epoch 0.');
  });

  const rate = byId('pg-rate', HTMLSelectElement);
  rate.addEventListener('change', () => setState({ learningRate: Number(rate.value) }, 'settings'));
  const activation = byId('pg-activation', HTMLSelectElement);
  activation.addEventListener('change', () =>
    setState({ activation: activation.value as PlaygroundActivation, activations: {} }, 'network'),
  );
  const reg = byId('pg-reg', HTMLSelectElement);
  reg.addEventListener('change', () =>
    setState({ regularization: REGULARIZATIONS.find((r) => r === reg.value) ?? 'none' }, 'settings'),
  );
  const regRate = byId('pg-reg-rate', HTMLSelectElement);
  regRate.addEventListener('change', () => setState({ regularizationRate: Number(regRate.value) }, 'settings'));
  const problem = byId('pg-problem', HTMLSelectElement);
  problem.addEventListener('change', () => {
    const p = problem.value as Problem;
    setState({ problem: p, dataset: DATASETS[p][0] }, 'data');
  });
  root.querySelectorAll<HTMLInputElement>('input[name="dataset"]').forEach((radio) => {
    radio.addEventListener('change', () => {
      const dataset = radio.value as DatasetName;
      setState({ dataset, problem: problemOf(dataset) }, 'data');
    });
  });
  const slider = (id: string, key: 'trainShare' | 'noise' | 'batchSize') => {
    const input = byId(id, HTMLInputElement);
    input.addEventListener('input', () => {
      byId(`${id}-out`, HTMLOutputElement).textContent = input.value;
    });
    input.addEventListener('change', () =>
      setState({ [key]: Number(input.value) }, key === 'batchSize' ? 'settings' : 'data'),
    );
  };
  slider('pg-train', 'trainShare');
  slider('pg-noise', 'noise');
  slider('pg-batch', 'batchSize');
  byId('pg-regenerate', HTMLButtonElement).addEventListener('click', () =>
    setState({ seed: (state.seed + 1) % 2 ** 31 }, 'data'),
  );
  root.querySelectorAll<HTMLInputElement>('input[name="feature"]').forEach((box) => {
    box.addEventListener('change', () => {
      const chosen = FEATURE_IDS.filter((id) => (id === box.value ? box.checked : state.features.includes(id)));
      if (chosen.length === 0) {
        box.checked = true;
        say('Keep at least one feature.', 'error');
        return;
      }
      setState({ features: chosen as FeatureId[], ...noEdits() }, 'network');
    });
  });
  /** A change of layers or features renames connections: the graph edits start over. */
  const noEdits = () => ({ added: [], removed: [], weights: [], activations: {} });

  const layers = byId('pg-layers', HTMLElement);
  const changeLayers = (sizes: number[]) => setState({ layers: sizes, ...noEdits() }, 'network');
  const renderLayers = () => {
    layers.replaceChildren();
    const imported = state.network !== undefined;
    const top = element('div', '');
    top.className = 'pg-inline';
    const add = button('+ layer', () => changeLayers([...state.layers, 2]));
    add.setAttribute('aria-label', 'Add a hidden layer');
    add.disabled = imported || state.layers.length >= MAX_LAYERS;
    const remove = button('\u2212 layer', () => changeLayers(state.layers.slice(0, -1)));
    remove.setAttribute('aria-label', 'Remove the last hidden layer');
    remove.disabled = imported || state.layers.length === 0;
    top.append(add, remove, element('span', `${state.layers.length} hidden layers`));
    if (imported) {
      top.append(
        button('Back to layers', () =>
          setState({ network: undefined, ...noEdits() } as Partial<PlaygroundState>, 'network'),
        ),
      );
    }
    layers.append(top);
    state.layers.forEach((size, l) => {
      const row = element('div', '');
      row.className = 'pg-layer';
      const more = button('+', () => changeLayers(state.layers.map((n, i) => (i === l ? n + 1 : n))));
      more.setAttribute('aria-label', `Add a neuron to layer ${l + 1}`);
      more.disabled = imported || size >= MAX_NEURONS;
      const fewer = button('\u2212', () =>
        changeLayers(state.layers.map((n, i) => (i === l ? n - 1 : n)).filter((n) => n > 0)),
      );
      fewer.setAttribute('aria-label', `Remove a neuron from layer ${l + 1}`);
      fewer.disabled = imported;
      row.append(element('span', `layer ${l + 1}: ${size} ${size === 1 ? 'neuron' : 'neurons'}`), more, fewer);
      layers.append(row);
    });
  };

  const connectFrom = byId('pg-connect-from', HTMLSelectElement);
  const connectTo = byId('pg-connect-to', HTMLSelectElement);
  byId('pg-connect', HTMLFormElement).addEventListener('submit', (event) => {
    event.preventDefault();
    connect(connectFrom.value, connectTo.value);
  });

  const refreshControls = () => {
    rate.value = String(state.learningRate);
    if (rate.value !== String(state.learningRate)) {
      rate.append(new Option(String(state.learningRate), String(state.learningRate), true, true));
    }
    activation.value = state.activation;
    reg.value = state.regularization;
    regRate.value = String(state.regularizationRate);
    if (regRate.value !== String(state.regularizationRate)) {
      regRate.append(new Option(String(state.regularizationRate), String(state.regularizationRate), true, true));
    }
    problem.value = state.problem;
    root.querySelectorAll<HTMLInputElement>('input[name="dataset"]').forEach((radio) => {
      radio.checked = radio.value === state.dataset;
    });
    const sliders: [string, number][] = [
      ['pg-train', state.trainShare],
      ['pg-noise', state.noise],
      ['pg-batch', state.batchSize],
    ];
    for (const [id, value] of sliders) {
      byId(id, HTMLInputElement).value = String(value);
      byId(`${id}-out`, HTMLOutputElement).textContent = String(value);
    }
    root.querySelectorAll<HTMLInputElement>('input[name="feature"]').forEach((box) => {
      box.checked = state.features.includes(box.value as FeatureId);
      box.disabled = state.network !== undefined;
    });
    renderLayers();
    const ids = net.neurons;
    const fill = (select: HTMLSelectElement, roles: readonly string[]) => {
      const keep = select.value;
      select.replaceChildren(
        ...ids.filter((id) => roles.includes(net.graph.getNodeAttribute(id, 'role'))).map((id) => new Option(id, id)),
      );
      if (ids.includes(keep)) select.value = keep;
    };
    fill(connectFrom, ['input', 'bias', 'hidden', 'output']);
    fill(connectTo, ['hidden', 'output']);
  };

  // The plane: points, the decision boundary, and a click to trace.
  const boundary = byId('pg-boundary', HTMLCanvasElement);
  const pointsCanvas = byId('pg-points', HTMLCanvasElement);
  const showTest = byId('pg-show-test', HTMLInputElement);
  showTest.addEventListener('change', () => drawPoints());
  const scale = (output: number) => (state.problem === 'classification' ? 2 * output - 1 : output);
  const drawPoints = () => {
    const context = pointsCanvas.getContext('2d');
    if (context === null) return;
    const { width, height } = pointsCanvas;
    context.clearRect(0, 0, width, height);
    const draw = (points: Data['train'], test: boolean) => {
      for (const p of points) {
        const x = ((p.x + DOMAIN) / (2 * DOMAIN)) * width;
        const y = ((DOMAIN - p.y) / (2 * DOMAIN)) * height;
        context.beginPath();
        context.arc(x, y, 7, 0, 2 * Math.PI);
        context.fillStyle = cssColour(state.problem === 'classification' ? 2 * p.label - 1 : p.label);
        context.fill();
        context.lineWidth = test ? 3 : 1.5;
        context.strokeStyle = test ? '#0f172a' : '#ffffff';
        context.stroke();
      }
    };
    draw(data.train, false);
    if (showTest.checked) draw(data.test, true);
  };
  const readout = byId('pg-readout', HTMLElement);
  const traceAt = (x1: number, x2: number) => {
    const svg = view.svg;
    const layout = view.layout;
    if (svg === undefined || layout === undefined) return;
    try {
      const point = tracePoint(net, x1, x2, featureRow(net.inputs, x1, x2));
      const output = point.outputs[net.outputs[0] ?? OUTPUT] ?? Number.NaN;
      readout.dataset.x1 = String(x1);
      readout.dataset.x2 = String(x2);
      readout.dataset.output = String(output);
      readout.textContent = `At x\u2081 = ${format(x1)}, x\u2082 = ${format(x2)} the network answers ${format(output)}.`;
      trace.show(net, svg, layout, point);
    } catch (error) {
      say(`Cannot trace that point: ${messageOf(error)}`, 'error');
    }
  };
  pointsCanvas.addEventListener('click', (event) => {
    const box = pointsCanvas.getBoundingClientRect();
    const x1 = ((event.clientX - box.left) / box.width) * 2 * DOMAIN - DOMAIN;
    const x2 = DOMAIN - ((event.clientY - box.top) / box.height) * 2 * DOMAIN;
    traceAt(Math.round(x1 * 100) / 100, Math.round(x2 * 100) / 100);
  });
  byId('pg-trace-form', HTMLFormElement).addEventListener('submit', (event) => {
    event.preventDefault();
    const x1 = Number(byId('pg-trace-x1', HTMLInputElement).value);
    const x2 = Number(byId('pg-trace-x2', HTMLInputElement).value);
    if (!Number.isFinite(x1) || !Number.isFinite(x2)) say('x\u2081 and x\u2082 must be numbers.', 'error');
    else traceAt(x1, x2);
  });

  // Keep it: export, import, the scenario script, the link.
  byId('pg-export', HTMLButtonElement).addEventListener('click', () => {
    const blob = new Blob([`${JSON.stringify(net.toJSON(), null, 2)}\n`], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'playground-network.json';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    say('Exported the network as playground-network.json (neurograph run / draw open it).');
  });
  byId('pg-import', HTMLInputElement).addEventListener('change', async (event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file === undefined) return;
    try {
      const imported = Network.fromJSON(JSON.parse(await file.text()));
      const why = unsupported(imported);
      if (why !== undefined) {
        say(`Cannot use ${file.name}: ${why}`, 'error');
        return;
      }
      setPlaying(false);
      setState({ network: JSON.stringify(imported.toJSON()), ...noEdits() }, 'network');
      // Keep the imported weights rather than the seed's (rebuild read them from the document).
      const ins = imported.inputs.map((id, i) => `${id} \u2190 ${featureLabel(FEATURE_IDS[i] ?? id)}`);
      say(`Imported ${file.name}: inputs ${ins.join(', ')}.`);
    } catch (error) {
      say(`Cannot import ${file.name}: ${messageOf(error)}`, 'error');
    }
  });
  const dialog = byId('pg-dialog', HTMLDialogElement);
  const dialogText = byId('pg-dialog-text', HTMLTextAreaElement);
  byId('pg-script', HTMLButtonElement).addEventListener('click', () => {
    const about = `A network from the neurograph playground (${state.dataset}, epoch ${epoch}).`;
    dialogText.value = scenarioScript(net.toJSON(), about);
    dialog.showModal();
    void copy(dialogText.value, 'Copied the scenario script.');
  });
  byId('pg-dialog-copy', HTMLButtonElement).addEventListener('click', () => void copy(dialogText.value, 'Copied.'));
  byId('pg-dialog-close', HTMLButtonElement).addEventListener('click', () => dialog.close());
  byId('pg-link', HTMLButtonElement).addEventListener('click', () => void copy(location.href, 'Copied the link.'));
  const copy = async (text: string, done: string) => {
    try {
      await navigator.clipboard.writeText(text);
      say(done);
    } catch {
      say('The browser did not allow copying; select the text and copy it yourself.');
    }
  };

  // Keys: space plays or pauses, → steps one epoch (unless typing in a field or on a focused control).
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (target?.closest('input, select, textarea, button, [role="button"], dialog') != null) return;
    if (event.key === ' ') {
      event.preventDefault();
      setPlaying(!playing);
    }
  });

  // Drawing at screen rate.
  const chart = byId('pg-chart', HTMLCanvasElement);
  const frame = () => {
    if (dirty) {
      dirty = false;
      try {
        paint();
      } catch (error) {
        say(`Cannot draw the network's answers: ${messageOf(error)}`, 'error');
      }
    }
    requestAnimationFrame(frame);
  };
  const paint = () => {
    root.dataset.epoch = String(epoch);
    byId('pg-epoch', HTMLOutputElement).textContent = epoch.toLocaleString('en');
    const last = history.at(-1);
    if (last !== undefined) {
      root.dataset.trainLoss = String(last.train);
      root.dataset.testLoss = String(last.test);
      byId('pg-train-loss', HTMLElement).textContent = last.train.toFixed(3);
      byId('pg-test-loss', HTMLElement).textContent = Number.isNaN(last.test) ? '\u2013' : last.test.toFixed(3);
    }
    view.showWeights(net);
    const image = outputImage(net, BOUNDARY_GRID, scale);
    boundary.width = boundary.height = BOUNDARY_GRID;
    boundary.getContext('2d')?.putImageData(image, 0, 0);
    view.showHeatMaps(neuronValues(net, NEURON_GRID));
    drawChart(chart, history);
  };

  // Start: the state from the address, repaired where it had to be.
  const first = buildNetwork(state);
  state = first.state;
  net = first.net;
  data = makeData(state);
  view.render(net);
  refreshControls();
  drawPoints();
  load();
  writeUrl();
  const problems = [...decoded.problems, ...first.problems];
  if (problems.length > 0) say(`The address asked for things the playground repaired: ${problems.join(' ')}`, 'error');
  setPlaying(false);
  requestAnimationFrame(frame);
}

function element(tag: string, text: string): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}

function button(text: string, action: () => void): HTMLButtonElement {
  const node = document.createElement('button');
  node.type = 'button';
  node.textContent = text;
  node.addEventListener('click', action);
  return node;
}

/** Training loss (grey) and test loss (dark) over the epochs, on one linear scale from 0. */
function drawChart(canvas: HTMLCanvasElement, history: readonly EpochLoss[]): void {
  const context = canvas.getContext('2d');
  if (context === null) return;
  const { width, height } = canvas;
  context.clearRect(0, 0, width, height);
  if (history.length < 2) return;
  let top = 0;
  for (const h of history)
    top = Math.max(top, Number.isFinite(h.train) ? h.train : 0, Number.isFinite(h.test) ? h.test : 0);
  if (top === 0) return;
  const line = (pick: (h: EpochLoss) => number, colour: string) => {
    context.beginPath();
    history.forEach((h, i) => {
      const x = (i / (history.length - 1)) * (width - 2) + 1;
      const y = height - 1 - (Math.min(top, pick(h)) / top) * (height - 2);
      if (i === 0) context.moveTo(x, y);
      else context.lineTo(x, y);
    });
    context.strokeStyle = colour;
    context.lineWidth = 1.5;
    context.stroke();
  };
  line((h) => h.train, '#94a3b8');
  line((h) => h.test, '#0f172a');
}
