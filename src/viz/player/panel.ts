/**
 * The panel beside the drawing
 * ============================
 *
 * The input rows (one per recorded run; click to choose), the "Now" box (which
 * neuron fires and the arithmetic of its weighted sum), the outputs so far, the
 * timeline of activations (click to jump) and the step counter; when the page shows
 * time, each row's time step `t` (in the rows, the "Now" box and the counter). A
 * product neuron's arithmetic is a product (Π), a delayed term is marked `↻1`; the
 * softmax group, which fires together, shows each neuron's weighted sum (its logit) and
 * the softmax over them. Text is set only through `textContent`.
 */
import { formatNumberForDrawing } from '../../format/number.js';
import { delayMark } from '../connection-marks.js';
import type { Term } from './signals.js';
import { element, find } from './dom.js';
import type { PageData, PageNeuron, PageRun, PageStep } from './page-data.js';

/** A value from the trace, or `?` where the trace does not say. */
function format(value: number | null | undefined): string {
  return value === null || value === undefined ? '?' : formatNumberForDrawing(value);
}

/** A signal as arithmetic: `0.5×1`, or `0.5×0.75↻1` for a delayed one. */
function term({ connection, source }: Term): string {
  const late = connection.delay === undefined ? '' : delayMark(connection.delay);
  return `${format(connection.weight)}\u00d7${format(source?.output)}${late}`;
}

export interface PanelActions {
  selectRow(row: number): void;
  jump(step: number): void;
}

/** What the panel shows: a run, how far into it, and the neuron firing now. */
export interface PanelState {
  readonly row: number;
  readonly run: PageRun;
  readonly step: number;
  /** The step counts at which the row's moments end (see Playback). */
  readonly stops: readonly number[];
  /** By neuron id: each neuron that fired so far. */
  readonly fired: ReadonlyMap<string, PageStep>;
  /** The last activation shown, and all of the moment's (one, or the softmax group's). */
  readonly current: PageStep | undefined;
  readonly now: readonly PageStep[];
  /** The neuron firing now (the last of the moment's). */
  readonly neuron: PageNeuron | undefined;
  /** The signals into the neurons firing now. */
  readonly terms: readonly Term[];
}

export class Panel {
  readonly #data: PageData;
  readonly #actions: PanelActions;
  readonly #rows: HTMLTableSectionElement;
  readonly #now: HTMLElement;
  readonly #outputs: HTMLElement;
  readonly #timeline: HTMLElement;
  readonly #progress: HTMLElement;
  /** The row whose activations the timeline lists. */
  #timelineRow = -1;

  constructor(root: HTMLElement, data: PageData, actions: PanelActions) {
    this.#data = data;
    this.#actions = actions;
    this.#rows = find(root, '.ng-rows tbody', HTMLTableSectionElement);
    this.#now = find(root, '.ng-now', HTMLElement);
    this.#outputs = find(root, '.ng-outputs', HTMLElement);
    this.#timeline = find(root, '.ng-timeline', HTMLElement);
    this.#progress = find(root, '.ng-progress', HTMLElement);
    this.#buildRows(find(root, '.ng-rows thead', HTMLTableSectionElement));
  }

  show(state: PanelState): void {
    this.#rows.querySelectorAll('tr').forEach((tr, index) => tr.classList.toggle('selected', index === state.row));
    this.#showNow(state);
    this.#showOutputs(state.fired);
    this.#showTimeline(state);
    const time = this.#data.overTime ? `t=${state.run.time ?? 0} \u00b7 ` : '';
    this.#progress.textContent = `${time}step ${state.step} / ${state.run.steps.length}`;
  }

  /** The input rows, built once: run number, inputs, then outputs. */
  #buildRows(head: HTMLTableSectionElement): void {
    const titles = element('tr');
    titles.append(element('th', 'ng-run', 'run'));
    if (this.#data.overTime) titles.append(element('th', 'ng-time', 't'));
    for (const id of this.#data.inputs) titles.append(element('th', '', id));
    this.#data.outputs.forEach((id, i) => titles.append(element('th', i === 0 ? 'ng-first-output' : '', id)));
    head.append(titles);
    this.#data.runs.forEach((run, index) => {
      const tr = element('tr');
      tr.dataset.row = String(index);
      tr.dataset.run = String(run.run);
      tr.append(element('td', 'ng-run', `#${run.run}`));
      if (this.#data.overTime) tr.append(element('td', 'ng-time', String(run.time ?? 0)));
      for (const value of run.inputs) tr.append(element('td', '', format(value)));
      run.outputs.forEach((value, i) => tr.append(element('td', i === 0 ? 'ng-first-output' : '', format(value))));
      tr.addEventListener('click', () => this.#actions.selectRow(index));
      this.#rows.append(tr);
    });
  }

  #showNow({ run, step, current, now, neuron, terms }: PanelState): void {
    this.#now.textContent = '';
    if (current === undefined) {
      const given = this.#data.inputs.map((id, i) => `${id} = ${format(run.inputs[i])}`).join(', ');
      const time = this.#data.overTime ? ` (t=${run.time ?? 0})` : '';
      this.#now.append(element('div', 'ng-what', `Run #${run.run}${time}${given === '' ? '' : `: ${given}`}`));
      this.#now.append(element('div', 'ng-hint', 'Press play, or \u2192 to fire the first neuron.'));
      return;
    }
    if (neuron?.softmax === true) {
      this.#showSoftmax(run, step, now, terms);
      return;
    }
    const role = neuron?.role ?? 'hidden';
    const activation = neuron?.activation ?? '';
    const kind = role === 'input' || role === 'bias' ? role : `${role} \u00b7 ${activation}`;
    const what = element('div', 'ng-what', `${current.neuron} `);
    const time = this.#data.overTime ? ` \u00b7 t=${run.time ?? 0}` : '';
    what.append(element('small', '', `${kind} \u00b7 step ${step} of ${run.steps.length}${time}`));
    this.#now.append(what);
    let math: string;
    if (role === 'input') math = `given ${format(current.output)}`;
    else if (role === 'bias') math = 'always 1';
    else {
      const multiplies = neuron?.product === true;
      const shown = terms.map((t) => (multiplies && terms.length > 1 ? `(${term(t)})` : term(t)));
      const combined = shown.length === 0 ? (multiplies ? '1' : '0') : shown.join(multiplies ? ' \u00d7 ' : ' + ');
      const input = format(current.input);
      const symbol = multiplies ? '\u03a0' : '\u03a3';
      math = `${symbol} = ${combined}\n  = ${input}\n${activation}(${input}) = ${format(current.output)}`;
    }
    this.#now.append(element('div', 'ng-math', math));
  }

  /** The softmax group: each neuron's weighted sum (its logit), then the softmax over them. */
  #showSoftmax(run: PageRun, step: number, now: readonly PageStep[], terms: readonly Term[]): void {
    const what = element('div', 'ng-what', 'softmax group ');
    const time = this.#data.overTime ? ` \u00b7 t=${run.time ?? 0}` : '';
    const steps = now.length === 1 ? `step ${step}` : `steps ${step - now.length + 1}\u2013${step}`;
    what.append(element('small', '', `output \u00b7 softmax \u00b7 ${steps} of ${run.steps.length}${time}`));
    this.#now.append(what);
    const sums = now.map((activation) => {
      const into = terms.filter((t) => t.connection.to === activation.neuron).map(term);
      return `${activation.neuron}: \u03a3 = ${into.length === 0 ? '0' : into.join(' + ')} = ${format(activation.input)}`;
    });
    const logits = now.map((activation) => format(activation.input)).join(', ');
    const outputs = now.map((activation) => format(activation.output)).join(', ');
    this.#now.append(element('div', 'ng-math', `${sums.join('\n')}\nsoftmax(${logits})\n  = ${outputs}`));
  }

  #showOutputs(fired: ReadonlyMap<string, PageStep>): void {
    this.#outputs.textContent = '';
    for (const id of this.#data.outputs) {
      const step = fired.get(id);
      this.#outputs.append(element('dt', '', id));
      this.#outputs.append(element('dd', step ? '' : 'ng-waiting', step ? format(step.output) : 'not yet'));
    }
  }

  /**
   * The row's activations in order, rebuilt when the row changes; the current moment's marked. Each
   * item's step is the end of its moment, so the softmax group's items all show the whole group.
   */
  #showTimeline({ row, run, step, stops, now }: PanelState): void {
    if (this.#timelineRow !== row) {
      this.#timelineRow = row;
      this.#timeline.textContent = '';
      let moment = 0;
      run.steps.forEach((activation, i) => {
        while ((stops[moment] ?? i + 1) < i + 1) moment++;
        const end = stops[moment] ?? i + 1;
        const item = element('li', '', activation.neuron);
        item.dataset.step = String(end);
        item.dataset.neuron = activation.neuron;
        item.addEventListener('click', () => this.#actions.jump(end));
        this.#timeline.append(item);
      });
    }
    const from = step - now.length;
    this.#timeline.querySelectorAll('li').forEach((item, i) => {
      item.classList.toggle('active', i >= from && i < step);
      item.classList.toggle('fired', i < from);
    });
  }
}
