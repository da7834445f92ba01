/**
 * Graphviz DOT
 * ============
 *
 * The network as a DOT digraph, left to right: inputs on the first rank, outputs that
 * feed nothing on the last, neurons as circles coloured by role and labelled with
 * their id and activation (and value, if given), connections coloured by the sign of
 * their weight, as wide as its size, the bias neuron's dashed. Render it with
 * `dot -Tsvg network.dot > network.svg`.
 *
 * Time: a delayed connection is dashed and labelled with its delay (`0.5 ↻1`) and does
 * not constrain the ranks (`constraint=false`), so loops and backward connections
 * leave the left-to-right layers as they are; a product neuron is a double circle
 * whose caption starts with `×`; a connection training never changes says `fixed`.
 *
 * Softmax: the softmax group is a cluster labelled `softmax` (`subgraph cluster_softmax`)
 * on the last rank. Graphviz's default ranking would drop a cluster whose nodes are
 * also ranked from outside it, so a network with the group is ranked with
 * `newrank=true`; one without is written exactly as before.
 *
 * Ids are quoted with `dotId` and shown through HTML-like labels, which show any
 * id exactly (see escape.ts).
 *
 * [Reference]: https://graphviz.org/doc/info/lang.html
 */
import type { Network } from '../graph/network.js';
import { planOf } from '../plan/plan-cache.js';
import { dotId, escapeXml } from './escape.js';
import { formatNumber } from '../format/number.js';
import { colours, weightColour, weightWidth } from './colours.js';
import { checkNetwork, checkOptions, checkValues } from './check-arguments.js';
import { neuronCaption } from './neuron-caption.js';
import { connectionText } from './connection-marks.js';
import { SOFTMAX_LABEL, softmaxGroup } from './softmax-group.js';

export interface DotOptions {
  /** Values to show on neurons, e.g. `net.value(id)` after a run. */
  readonly values?: Readonly<Record<string, number>>;
}

const FONT = 'Helvetica';

/** Text in an HTML-like label: XML-escaped, with tabs and line breaks (which Graphviz drops) as spaces. */
function labelText(text: string): string {
  return escapeXml(text.replace(/[\t\n\r]/g, ' '));
}

export function toDot(net: Network, options?: DotOptions): string {
  checkNetwork('toDot', net);
  const { values } = checkOptions('toDot', options, ['values']);
  checkValues('toDot', values);
  const { graph } = net;
  const plan = planOf(net);
  const group = softmaxGroup(net);
  const newrank = group.length > 0 ? ', newrank=true' : '';
  const lines = [
    'digraph neurograph {',
    `  graph [rankdir=LR, ranksep=1.1, nodesep=0.35, fontname="${FONT}"${newrank}];`,
    `  node [shape=circle, style=filled, penwidth=1.5, margin=0.04, fontname="${FONT}", fontsize=12];`,
    `  edge [fontname="${FONT}", fontsize=10, arrowsize=0.7];`,
  ];

  for (const id of plan.ids) {
    const { role, activation, aggregate } = graph.getNodeAttributes(id);
    const product = aggregate === 'product';
    const style = colours.roles[role];
    const value = values?.[id];
    const valueLine =
      value === undefined
        ? ''
        : `<br/><font point-size="10" color="${colours.value}">= ${escapeXml(formatNumber(value))}</font>`;
    const activationText = labelText(neuronCaption(role, activation, product));
    const description = `<font point-size="9" color="${colours.muted}">${activationText}</font>`;
    const label = `<<b>${labelText(id)}</b><br/>${description}${valueLine}>`;
    const dashed = role === 'bias' ? 'filled,dashed' : 'filled';
    const shape = product ? 'shape=doublecircle, ' : '';
    const look = `${shape}fillcolor="${style.fill}", color="${style.stroke}", style="${dashed}"`;
    lines.push(`  ${dotId(id)} [label=${label}, ${look}];`);
  }

  let largest = 0;
  graph.forEachEdge((_key, { weight }) => (largest = Math.max(largest, Math.abs(weight))));
  graph.forEachEdge((_key, { weight, delay = 0, trainable = true }, from, to) => {
    const colour = weightColour(weight);
    const bias = graph.getNodeAttribute(from, 'role') === 'bias';
    const attributes = [
      `label="${connectionText({ weight, delay, trainable }, formatNumber)}"`,
      `color="${colour}${bias ? '66' : ''}"`,
      `fontcolor="${colour}"`,
      `penwidth=${weightWidth(weight, largest)}`,
      ...(bias || delay > 0 ? ['style=dashed'] : []),
      ...(delay > 0 ? ['constraint=false'] : []),
    ];
    lines.push(`  ${dotId(from)} -> ${dotId(to)} [${attributes.join(', ')}];`);
  });

  const inputs = plan.inputIds;
  const immediate = (id: string) => graph.someOutEdge(id, (_key, attributes) => (attributes.delay ?? 0) === 0);
  const outputs = plan.outputIds.filter((id) => !immediate(id));
  if (inputs.length > 0) lines.push(`  { rank=min; ${inputs.map((id) => `${dotId(id)};`).join(' ')} }`);
  if (outputs.length > 0) lines.push(`  { rank=max; ${outputs.map((id) => `${dotId(id)};`).join(' ')} }`);
  if (group.length > 0) {
    const { fill, stroke, text } = colours.softmax;
    lines.push(
      '  subgraph cluster_softmax {',
      `    graph [label=<<b>${SOFTMAX_LABEL}</b>>, style="rounded,filled", fillcolor="${fill}", color="${stroke}",` +
        ` fontcolor="${text}", fontsize=11, penwidth=1.5];`,
      `    ${group.map((id) => `${dotId(id)};`).join(' ')}`,
      '  }',
    );
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
