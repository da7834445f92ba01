/**
 * Mermaid
 * =======
 *
 * The network as a Mermaid flowchart (left to right), which GitHub and most
 * Markdown viewers render from a ```mermaid block: inputs as stadiums, bias neurons
 * as hexagons, the rest as circles, each labelled with its id and activation;
 * connections labelled with their weight, coloured by its sign (`linkStyle`), the
 * bias neuron's dotted.
 *
 * Time: a delayed connection is dotted and dashed, labelled with its delay
 * (`0.5 ↻1`); a product neuron is a double circle whose caption starts with `×`; a
 * connection training never changes says `fixed`.
 *
 * Softmax: the softmax group is a subgraph labelled `softmax` (`softmax_group`, which no
 * node id can be), styled like a faint output neuron.
 *
 * Node ids are `n_<id>` (or `u<index>` for ids Mermaid cannot carry) and labels are
 * quoted with Mermaid's entity codes, so any id is safe (see escape.ts).
 *
 * [Reference]: https://mermaid.js.org/syntax/flowchart.html
 */
import type { Network } from '../graph/network.js';
import { planOf } from '../plan/plan-cache.js';
import { mermaidId, mermaidText } from './escape.js';
import { formatNumber } from '../format/number.js';
import { colours, weightColour, weightWidth } from './colours.js';
import { checkNetwork, checkOptions, checkValues } from './check-arguments.js';
import { neuronCaption } from './neuron-caption.js';
import { connectionText, DELAY_DASH } from './connection-marks.js';
import { SOFTMAX_LABEL, softmaxGroup } from './softmax-group.js';

export interface MermaidOptions {
  /** Values to show on neurons, e.g. `net.value(id)` after a run. */
  readonly values?: Readonly<Record<string, number>>;
}

const SHAPES = {
  input: ['([', '])'],
  bias: ['{{', '}}'],
  hidden: ['((', '))'],
  output: ['((', '))'],
} as const;
const DOUBLE_CIRCLE = ['(((', ')))'] as const;
/** The softmax group's subgraph id: node ids start with `n_` or `u`, so none is this. */
const GROUP_ID = 'softmax_group';

export function toMermaid(net: Network, options?: MermaidOptions): string {
  checkNetwork('toMermaid', net);
  const { values } = checkOptions('toMermaid', options, ['values']);
  checkValues('toMermaid', values);
  const { graph } = net;
  const plan = planOf(net);
  const nodeId = new Map(plan.ids.map((id, index) => [id, mermaidId(id, index)]));
  const lines = ['flowchart LR'];

  for (const id of plan.ids) {
    const { role, activation, aggregate } = graph.getNodeAttributes(id);
    const product = aggregate === 'product';
    const value = values?.[id];
    const text = [`<b>${mermaidText(id)}</b>`, mermaidText(neuronCaption(role, activation, product))];
    if (value !== undefined) text.push(`= ${formatNumber(value)}`);
    const [open, close] = product ? DOUBLE_CIRCLE : SHAPES[role];
    lines.push(`  ${nodeId.get(id)!}${open}"${text.join('<br/>')}"${close}`);
  }
  const group = softmaxGroup(net);
  if (group.length > 0) {
    lines.push(`  subgraph ${GROUP_ID} ["<b>${SOFTMAX_LABEL}</b>"]`);
    for (const id of group) lines.push(`    ${nodeId.get(id)!}`);
    lines.push('  end');
  }

  let largest = 0;
  graph.forEachEdge((_key, { weight }) => (largest = Math.max(largest, Math.abs(weight))));
  const linkStyles: string[] = [];
  let index = 0;
  graph.forEachEdge((_key, { weight, delay = 0, trainable = true }, from, to) => {
    const bias = graph.getNodeAttribute(from, 'role') === 'bias';
    const arrow = bias || delay > 0 ? '-.->' : '-->';
    const text = mermaidText(connectionText({ weight, delay, trainable }, formatNumber));
    lines.push(`  ${nodeId.get(from)!} ${arrow}|"${text}"| ${nodeId.get(to)!}`);
    const dash = bias ? ',opacity:0.5' : delay > 0 ? `,stroke-dasharray:${DELAY_DASH}` : '';
    const width = weightWidth(weight, largest);
    linkStyles.push(`  linkStyle ${index} stroke:${weightColour(weight)},stroke-width:${width}px${dash}`);
    index++;
  });
  // NOTE: a loop, not lines.push(...linkStyles): a big network has more links than a call has room for arguments.
  for (const line of linkStyles) lines.push(line);
  if (group.length > 0) {
    const { fill, stroke, text } = colours.softmax;
    lines.push(`  style ${GROUP_ID} fill:${fill},stroke:${stroke},stroke-width:1.5px,color:${text}`);
  }

  for (const role of ['input', 'bias', 'hidden', 'output'] as const) {
    const members = plan.ids.filter((id) => graph.getNodeAttribute(id, 'role') === role);
    if (members.length === 0) continue;
    const { fill, stroke } = colours.roles[role];
    lines.push(`  classDef ${role} fill:${fill},stroke:${stroke},stroke-width:2px`);
    lines.push(`  class ${members.map((id) => nodeId.get(id)!).join(',')} ${role}`);
  }
  return `${lines.join('\n')}\n`;
}
