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
  const lines = [
    'digraph neurograph {',
    `  graph [rankdir=LR, ranksep=1.1, nodesep=0.35, fontname="${FONT}"];`,
    `  node [shape=circle, style=filled, penwidth=1.5, margin=0.04, fontname="${FONT}", fontsize=12];`,
    `  edge [fontname="${FONT}", fontsize=10, arrowsize=0.7];`,
  ];

  for (const id of plan.ids) {
    const { role, activation } = graph.getNodeAttributes(id);
    const style = colours.roles[role];
    const value = values?.[id];
    const valueLine =
      value === undefined
        ? ''
        : `<br/><font point-size="10" color="${colours.value}">= ${escapeXml(formatNumber(value))}</font>`;
    const activationText = labelText(neuronCaption(role, activation));
    const description = `<font point-size="9" color="${colours.muted}">${activationText}</font>`;
    const label = `<<b>${labelText(id)}</b><br/>${description}${valueLine}>`;
    const dashed = role === 'bias' ? 'filled,dashed' : 'filled';
    const look = `fillcolor="${style.fill}", color="${style.stroke}", style="${dashed}"`;
    lines.push(`  ${dotId(id)} [label=${label}, ${look}];`);
  }

  let largest = 0;
  graph.forEachEdge((_key, { weight }) => (largest = Math.max(largest, Math.abs(weight))));
  graph.forEachEdge((_key, { weight }, from, to) => {
    const colour = weightColour(weight);
    const bias = graph.getNodeAttribute(from, 'role') === 'bias';
    const attributes = [
      `label="${formatNumber(weight)}"`,
      `color="${colour}${bias ? '66' : ''}"`,
      `fontcolor="${colour}"`,
      `penwidth=${weightWidth(weight, largest)}`,
      ...(bias ? ['style=dashed'] : []),
    ];
    lines.push(`  ${dotId(from)} -> ${dotId(to)} [${attributes.join(', ')}];`);
  });

  const inputs = plan.inputIds;
  const outputs = plan.outputIds.filter((id) => graph.outDegree(id) === 0);
  if (inputs.length > 0) lines.push(`  { rank=min; ${inputs.map((id) => `${dotId(id)};`).join(' ')} }`);
  if (outputs.length > 0) lines.push(`  { rank=max; ${outputs.map((id) => `${dotId(id)};`).join(' ')} }`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
