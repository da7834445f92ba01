/**
 * The HTML player's stylesheet and script, inlined into the page by `toHtml`.
 *
 * The script reads the page's `#ng-data` JSON and the drawing's `data-neuron`,
 * `data-from`/`data-to` hooks; it writes text only through `textContent`, so ids
 * never become markup. Plain ES2020 in a string (no template literals inside, so
 * `String.raw` keeps it verbatim), because it runs in the browser, not in Node.
 */

export const PLAYER_STYLE = String.raw`
:root { --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --bg: #f1f5f9; --card: #ffffff; --amber: #f59e0b; --amber-soft: #fef3c7; --blue: #2563eb; --red: #dc2626; }
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: var(--ink); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
.ng-player { max-width: 1180px; margin: 0 auto; padding: 18px 22px 14px; }
.ng-header h1 { margin: 0; font-size: 21px; font-weight: 700; letter-spacing: -0.01em; }
.ng-subtitle { margin: 2px 0 12px; color: var(--muted); }
.ng-card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; box-shadow: 0 1px 2px rgba(15, 23, 42, 0.05); }
.ng-stage { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 14px; align-items: start; }
.ng-picture { padding: 6px; }
.ng-picture svg { display: block; width: 100%; height: auto; max-height: 72vh; }
.ng-panel { padding: 12px 14px 14px; }
.ng-panel h2 { margin: 12px 0 6px; font-size: 11px; font-weight: 700; letter-spacing: 0.08em; text-transform: uppercase; color: var(--muted); }
.ng-panel h2:first-child { margin-top: 0; }
.ng-rows { width: 100%; border-collapse: separate; border-spacing: 0; font-variant-numeric: tabular-nums; }
.ng-rows th, .ng-rows td { padding: 4px 8px; text-align: center; border-bottom: 1px solid var(--line); }
.ng-rows th { font-weight: 600; color: var(--muted); font-size: 12px; }
.ng-rows th.ng-run, .ng-rows td.ng-run { color: #94a3b8; font-size: 11px; width: 1%; }
.ng-rows .ng-first-output { border-left: 2px solid var(--line); }
.ng-rows tbody tr { cursor: pointer; }
.ng-rows tbody tr:hover td { background: #f8fafc; }
.ng-rows tbody tr.selected td { background: var(--amber-soft); font-weight: 700; }
.ng-rows tbody tr.selected td:first-child { box-shadow: inset 3px 0 0 var(--amber); }
.ng-now { min-height: 88px; padding: 8px 10px; border-radius: 8px; background: #f8fafc; border: 1px solid var(--line); }
.ng-now .ng-what { font-weight: 700; }
.ng-now .ng-what small { font-weight: 400; color: var(--muted); }
.ng-now .ng-math { margin-top: 4px; font: 12.5px/1.5 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-word; }
.ng-now .ng-hint { color: var(--muted); }
.ng-outputs { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; margin: 0; font-variant-numeric: tabular-nums; }
.ng-outputs dt { font-weight: 600; }
.ng-outputs dd { margin: 0; font-weight: 700; color: #b45309; }
.ng-outputs dd.ng-waiting { color: #94a3b8; font-weight: 400; }
.ng-controls { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 10px; margin-top: 14px; padding: 10px 12px; }
.ng-controls button { font: inherit; font-weight: 600; padding: 6px 12px; border-radius: 8px; border: 1px solid #cbd5e1; background: #fff; color: var(--ink); cursor: pointer; }
.ng-controls button:hover { background: #f8fafc; }
.ng-controls button.ng-primary { background: var(--ink); border-color: var(--ink); color: #fff; min-width: 92px; }
.ng-speed { display: inline-flex; align-items: center; gap: 6px; color: var(--muted); margin-left: 6px; }
.ng-speed output { min-width: 34px; color: var(--ink); font-variant-numeric: tabular-nums; }
.ng-timeline { display: flex; flex-wrap: wrap; gap: 4px; list-style: none; margin: 0 0 0 6px; padding: 0; flex: 1; }
.ng-timeline li { padding: 3px 9px; border-radius: 999px; border: 1px solid var(--line); color: var(--muted); cursor: pointer; font-size: 12.5px; }
.ng-timeline li.fired { background: #fffbeb; color: var(--ink); border-color: #fcd34d; }
.ng-timeline li.active { background: var(--amber); border-color: var(--amber); color: #fff; font-weight: 700; }
.ng-progress { color: var(--muted); font-variant-numeric: tabular-nums; }
.ng-keys { margin: 8px 2px 0; color: var(--muted); font-size: 12px; }
kbd { font: 11px ui-monospace, monospace; padding: 1px 5px; border: 1px solid #cbd5e1; border-bottom-width: 2px; border-radius: 4px; background: #fff; }
.ng-neuron circle { transition: fill 0.25s, stroke 0.25s, stroke-width 0.25s; }
.ng-neuron.pending { opacity: 0.55; }
.ng-neuron.active circle { stroke: var(--amber); stroke-width: 4px; filter: drop-shadow(0 0 7px rgba(245, 158, 11, 0.85)); }
.ng-connection { transition: stroke-opacity 0.25s; }
.ng-connection.pending { stroke-opacity: 0.16; }
.ng-connection.done { stroke-opacity: 0.45; }
.ng-connection.carrying { stroke-opacity: 1; }
.ng-weight { transition: opacity 0.2s; }
.ng-weight.pending { opacity: 0.45; }
.ng-weight.carrying { opacity: 0; }
.ng-badge text { font-size: 11.5px; font-weight: 700; fill: #fff; }
@media (max-width: 860px) { .ng-stage { grid-template-columns: 1fr; } }
@media (prefers-reduced-motion: reduce) { .ng-neuron circle, .ng-connection, .ng-weight { transition: none; } }
`;

export const PLAYER_SCRIPT = String.raw`
(function () {
  'use strict';
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var AMBER = '#fcd34d';
  var BASE_INTERVAL = 900;
  var data = JSON.parse(document.getElementById('ng-data').textContent);
  var root = document.getElementById('ng-player');
  var svg = root.querySelector('svg.ng-network');
  var reducedMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  var key = function (from, to) { return from + '\u0000' + to; };

  var neuronInfo = new Map();
  data.neurons.forEach(function (n) { neuronInfo.set(n.id, n); });
  var incoming = new Map();
  data.connections.forEach(function (c) {
    if (!incoming.has(c.to)) incoming.set(c.to, []);
    incoming.get(c.to).push(c);
  });
  var neuronEls = new Map();
  svg.querySelectorAll('.ng-neuron').forEach(function (g) { neuronEls.set(g.getAttribute('data-neuron'), g); });
  var pathEls = new Map();
  svg.querySelectorAll('.ng-connection').forEach(function (p) { pathEls.set(key(p.getAttribute('data-from'), p.getAttribute('data-to')), p); });
  var weightEls = new Map();
  svg.querySelectorAll('.ng-weight').forEach(function (w) { weightEls.set(key(w.getAttribute('data-from'), w.getAttribute('data-to')), w); });

  var pulseLayer = document.createElementNS(SVG_NS, 'g');
  pulseLayer.setAttribute('class', 'ng-pulses');
  svg.insertBefore(pulseLayer, svg.querySelector('.ng-neurons'));
  var badgeLayer = document.createElementNS(SVG_NS, 'g');
  badgeLayer.setAttribute('class', 'ng-badges');
  svg.appendChild(badgeLayer);

  var rowsHead = root.querySelector('.ng-rows thead');
  var rowsBody = root.querySelector('.ng-rows tbody');
  var nowBox = root.querySelector('.ng-now');
  var outputsBox = root.querySelector('.ng-outputs');
  var timeline = root.querySelector('.ng-timeline');
  var progress = root.querySelector('.ng-progress');
  var playButton = root.querySelector('[data-action="play"]');
  var speedInput = root.querySelector('[data-control="speed"]');
  var speedOutput = root.querySelector('.ng-speed output');

  var state = { row: 0, step: 0, playing: false, speed: data.speed, timer: 0, frames: [] };

  function fmt(v) {
    if (v === null || v === undefined) return '?';
    if (!isFinite(v)) return String(v);
    var r = Number(v.toFixed(3));
    if (Object.is(r, -0)) r = 0;
    return String(r).replace(/^-/, '\u2212');
  }
  function colourOf(v) { return v > 0 ? '#2563eb' : v < 0 ? '#dc2626' : '#94a3b8'; }
  function mix(a, b, t) {
    var out = '#';
    for (var i = 0; i < 3; i++) {
      var x = parseInt(a.slice(1 + 2 * i, 3 + 2 * i), 16);
      var y = parseInt(b.slice(1 + 2 * i, 3 + 2 * i), 16);
      out += Math.round(x + (y - x) * t).toString(16).padStart(2, '0');
    }
    return out;
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function svgEl(tag, attributes) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, String(attributes[name])); });
    return node;
  }

  // --- the input rows, built once ---------------------------------------------------
  (function buildRows() {
    var head = document.createElement('tr');
    head.appendChild(el('th', 'ng-run', 'run'));
    data.inputs.forEach(function (id) { head.appendChild(el('th', '', id)); });
    data.outputs.forEach(function (id, i) { head.appendChild(el('th', i === 0 ? 'ng-first-output' : '', id)); });
    rowsHead.appendChild(head);
    data.runs.forEach(function (run, index) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-row', String(index));
      tr.setAttribute('data-run', String(run.run));
      tr.appendChild(el('td', 'ng-run', '#' + run.run));
      run.inputs.forEach(function (v) { tr.appendChild(el('td', '', fmt(v))); });
      run.outputs.forEach(function (v, i) { tr.appendChild(el('td', i === 0 ? 'ng-first-output' : '', fmt(v))); });
      tr.addEventListener('click', function () { selectRow(index); });
      rowsBody.appendChild(tr);
    });
  })();

  // --- drawing the state --------------------------------------------------------------
  function stopAnimations() {
    state.frames.forEach(function (id) { cancelAnimationFrame(id); });
    state.frames = [];
    while (pulseLayer.firstChild) pulseLayer.removeChild(pulseLayer.firstChild);
  }

  function render(animate) {
    stopAnimations();
    var run = data.runs[state.row];
    var steps = run.steps;
    var k = state.step;
    var fired = new Map();
    for (var i = 0; i < k; i++) fired.set(steps[i].neuron, steps[i]);
    var current = k > 0 ? steps[k - 1] : null;

    root.setAttribute('data-row', String(state.row));
    root.setAttribute('data-run', String(run.run));
    root.setAttribute('data-step', String(k));
    root.setAttribute('data-steps', String(steps.length));
    root.setAttribute('data-playing', String(state.playing));
    playButton.textContent = state.playing ? '\u275a\u275a Pause' : '\u25b6 Play';

    neuronEls.forEach(function (g, id) {
      var s = fired.get(id);
      var isCurrent = current !== null && current.neuron === id;
      g.classList.toggle('active', isCurrent);
      g.classList.toggle('fired', !!s && !isCurrent);
      g.classList.toggle('pending', !s);
      var circle = g.querySelector('circle');
      circle.style.fill = s ? mix(neuronInfo.get(id).fill, AMBER, Math.min(1, Math.abs(s.output))) : '';
      var value = g.querySelector('.ng-value');
      if (value) value.textContent = s ? fmt(s.output) : '';
    });

    data.connections.forEach(function (c) {
      var k2 = key(c.from, c.to);
      var carrying = current !== null && current.neuron === c.to;
      var state2 = carrying ? 'carrying' : fired.has(c.to) ? 'done' : 'pending';
      [pathEls.get(k2), weightEls.get(k2)].forEach(function (node) {
        if (!node) return;
        node.classList.toggle('carrying', state2 === 'carrying');
        node.classList.toggle('done', state2 === 'done');
        node.classList.toggle('pending', state2 === 'pending');
      });
    });

    while (badgeLayer.firstChild) badgeLayer.removeChild(badgeLayer.firstChild);
    var terms = [];
    if (current !== null) {
      (incoming.get(current.neuron) || []).forEach(function (c) {
        var source = fired.get(c.from);
        var signal = source ? c.weight * source.output : null;
        terms.push({ c: c, source: source, signal: signal });
        if (!source) return;
        var text = fmt(c.weight) + '\u00d7' + fmt(source.output) + ' = ' + fmt(signal);
        var width = text.length * 7.2 + 14;
        var badge = svgEl('g', { 'class': 'ng-badge', 'data-from': c.from, 'data-to': c.to });
        badge.appendChild(svgEl('rect', { x: c.x - width / 2, y: c.y - 10, width: width, height: 20, rx: 10, fill: colourOf(signal) }));
        var label = svgEl('text', { x: c.x, y: c.y + 4, 'text-anchor': 'middle' });
        label.textContent = text;
        badge.appendChild(label);
        badgeLayer.appendChild(badge);
        if (animate && !reducedMotion) pulse(pathEls.get(key(c.from, c.to)), colourOf(signal));
      });
    }

    rowsBody.querySelectorAll('tr').forEach(function (tr, index) { tr.classList.toggle('selected', index === state.row); });
    renderNow(run, current, terms, k);
    renderOutputs(run, fired);
    renderTimeline(steps, k);
    progress.textContent = 'step ' + k + ' / ' + steps.length;
  }

  function renderNow(run, current, terms, k) {
    nowBox.textContent = '';
    if (current === null) {
      var given = data.inputs.map(function (id, i) { return id + ' = ' + fmt(run.inputs[i]); }).join(', ');
      nowBox.appendChild(el('div', 'ng-what', 'Run #' + run.run + (given ? ': ' + given : '')));
      nowBox.appendChild(el('div', 'ng-hint', 'Press play, or \u2192 to fire the first neuron.'));
      return;
    }
    var info = neuronInfo.get(current.neuron);
    var what = el('div', 'ng-what', current.neuron + ' ');
    what.appendChild(el('small', '', info.role + (info.role === 'input' || info.role === 'bias' ? '' : ' \u00b7 ' + info.activation) + ' \u00b7 step ' + k + ' of ' + run.steps.length));
    nowBox.appendChild(what);
    var math;
    if (info.role === 'input') math = 'given ' + fmt(current.output);
    else if (info.role === 'bias') math = 'always 1';
    else {
      var sum = terms.length === 0 ? '0' : terms.map(function (t) { return fmt(t.c.weight) + '\u00d7' + (t.source ? fmt(t.source.output) : '?'); }).join(' + ');
      math = '\u03a3 = ' + sum + '\n  = ' + fmt(current.input) + '\n' + info.activation + '(' + fmt(current.input) + ') = ' + fmt(current.output);
    }
    nowBox.appendChild(el('div', 'ng-math', math));
  }

  function renderOutputs(run, fired) {
    outputsBox.textContent = '';
    data.outputs.forEach(function (id) {
      var s = fired.get(id);
      outputsBox.appendChild(el('dt', '', id));
      outputsBox.appendChild(el('dd', s ? '' : 'ng-waiting', s ? fmt(s.output) : 'not yet'));
    });
  }

  var timelineRow = -1;
  function renderTimeline(steps, k) {
    if (timelineRow !== state.row) {
      timelineRow = state.row;
      timeline.textContent = '';
      steps.forEach(function (s, i) {
        var li = el('li', '', s.neuron);
        li.setAttribute('data-step', String(i + 1));
        li.setAttribute('data-neuron', s.neuron);
        li.addEventListener('click', function () { setPlaying(false); state.step = i + 1; render(false); });
        timeline.appendChild(li);
      });
    }
    timeline.querySelectorAll('li').forEach(function (li, i) {
      li.classList.toggle('active', i === k - 1);
      li.classList.toggle('fired', i < k - 1);
    });
  }

  function pulse(path, colour) {
    if (!path || typeof path.getTotalLength !== 'function') return;
    var length = path.getTotalLength();
    var dot = svgEl('circle', { r: 6, fill: colour, stroke: '#fff', 'stroke-width': 2 });
    pulseLayer.appendChild(dot);
    var duration = Math.min(700, (BASE_INTERVAL / state.speed) * 0.75);
    var start = performance.now();
    function frame(now) {
      var t = Math.min(1, (now - start) / duration);
      var eased = t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2;
      var p = path.getPointAtLength(eased * length);
      dot.setAttribute('cx', String(p.x));
      dot.setAttribute('cy', String(p.y));
      if (t < 1) state.frames.push(requestAnimationFrame(frame));
      else if (dot.parentNode) dot.parentNode.removeChild(dot);
    }
    frame(start);
  }

  // --- playing --------------------------------------------------------------------------
  function interval() { return BASE_INTERVAL / state.speed; }
  function schedule(ms) {
    clearTimeout(state.timer);
    state.timer = setTimeout(tick, ms);
  }
  function tick() {
    state.timer = 0;
    if (!state.playing) return;
    var steps = data.runs[state.row].steps;
    if (state.step < steps.length) {
      state.step++;
      render(true);
      schedule(interval());
    } else if (state.row < data.runs.length - 1) {
      state.row++;
      state.step = 0;
      render(false);
      schedule(interval());
    } else {
      setPlaying(false);
    }
  }
  function setPlaying(playing) {
    if (playing === state.playing) return;
    state.playing = playing;
    clearTimeout(state.timer);
    state.timer = 0;
    if (playing) {
      var atEnd = state.step >= data.runs[state.row].steps.length;
      if (atEnd && state.row === data.runs.length - 1) { state.row = 0; state.step = 0; }
      else if (atEnd) { state.row++; state.step = 0; }
      schedule(250 / state.speed);
    }
    render(false);
  }
  function forward() {
    setPlaying(false);
    if (state.step < data.runs[state.row].steps.length) { state.step++; render(true); }
  }
  function back() {
    setPlaying(false);
    if (state.step > 0) { state.step--; render(false); }
  }
  function jump(step) {
    setPlaying(false);
    state.step = step;
    render(false);
  }
  function selectRow(index) {
    if (index < 0 || index >= data.runs.length) return;
    state.row = index;
    state.step = 0;
    render(false);
  }

  // --- controls -------------------------------------------------------------------------
  root.querySelectorAll('[data-action]').forEach(function (button) {
    button.addEventListener('click', function () {
      var action = button.getAttribute('data-action');
      if (action === 'play') setPlaying(!state.playing);
      else if (action === 'forward') forward();
      else if (action === 'back') back();
      button.blur();
    });
  });
  speedInput.addEventListener('input', function () {
    state.speed = Number(speedInput.value) || 1;
    speedOutput.textContent = state.speed + '\u00d7';
  });
  speedInput.addEventListener('change', function () { speedInput.blur(); });
  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var handled = true;
    switch (event.key) {
      case ' ': case 'Spacebar': setPlaying(!state.playing); break;
      case 'ArrowRight': forward(); break;
      case 'ArrowLeft': back(); break;
      case 'ArrowDown': selectRow(state.row + 1); break;
      case 'ArrowUp': selectRow(state.row - 1); break;
      case 'Home': jump(0); break;
      case 'End': jump(data.runs[state.row].steps.length); break;
      default: handled = false;
    }
    if (handled) event.preventDefault();
  });
  // A focused button would also "click" on the space key's release.
  document.addEventListener('keyup', function (event) {
    if (event.key === ' ') event.preventDefault();
  });

  render(false);
  if (data.autoplay) setPlaying(true);
})();
`;
