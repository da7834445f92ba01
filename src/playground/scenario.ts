/**
 * A network as a scenario script
 * ==============================
 *
 * The TypeScript that rebuilds a network with the library's builder calls, neuron by
 * neuron and connection by connection in the document's order, as a scenario in
 * scenarios/ would: `npx tsx playground-net.ts` prints the document, and its `build()`
 * is what `neurograph run` and `neurograph draw` load. No DOM here.
 */
import type { NetworkDocument } from '../graph/serialize.js';

export function scenarioScript(document: NetworkDocument, about: string): string {
  const q = (text: string) => JSON.stringify(text);
  const lines: string[] = [];
  /** Neurons a bias neuron connects to when it is added: the hidden and output neurons before it (not products). */
  const autoConnected = new Set<string>();
  const added: string[] = [];
  for (const { key, attributes } of document.nodes) {
    const { role, activation, label, aggregate } = attributes as {
      role: string;
      activation?: unknown;
      label?: string;
      aggregate?: string;
    };
    const options = [
      ...(activation !== undefined ? [`activation: ${JSON.stringify(activation)}`] : []),
      ...(label !== undefined ? [`label: ${q(label)}`] : []),
      ...(aggregate !== undefined && aggregate !== 'sum' ? [`aggregate: ${q(aggregate)}`] : []),
    ];
    const given = options.length === 0 ? '' : `, { ${options.join(', ')} }`;
    if (role === 'input') lines.push(`  .addInput(${q(key)}${label === undefined ? '' : `, { label: ${q(label)} }`})`);
    else if (role === 'bias') {
      lines.push(`  .addBias(${q(key)})`);
      for (const id of added) autoConnected.add(`${key}\u0000${id}`);
    } else if (role === 'output') lines.push(`  .addOutput(${q(key)}${given})`);
    else lines.push(`  .addNeuron(${q(key)}${given})`);
    if ((role === 'hidden' || role === 'output') && (aggregate === undefined || aggregate === 'sum')) added.push(key);
  }
  const present = new Set<string>();
  for (const { source, target, attributes } of document.edges) {
    const { weight, delay, trainable } = attributes as { weight: number; delay?: number; trainable?: boolean };
    const pair = `${source}\u0000${target}`;
    present.add(pair);
    const options = [
      ...(delay !== undefined && delay > 0 ? [`delay: ${delay}`] : []),
      ...(trainable === false ? ['trainable: false'] : []),
    ];
    if (autoConnected.has(pair) && options.length === 0) {
      lines.push(`  .setWeight(${q(source)}, ${q(target)}, ${weight})`);
    } else {
      if (autoConnected.has(pair)) lines.push(`  .disconnect(${q(source)}, ${q(target)})`);
      const given = options.length === 0 ? '' : `, { ${options.join(', ')} }`;
      lines.push(`  .connect(${q(source)}, ${q(target)}, ${weight}${given})`);
    }
  }
  for (const pair of autoConnected) {
    if (present.has(pair)) continue;
    const [source = '', target = ''] = pair.split('\u0000');
    lines.push(`  .disconnect(${q(source)}, ${q(target)})`);
  }
  const oneLine = about.replace(/\s+/g, ' ').trim();
  return [
    `// ${oneLine}`,
    "import { pathToFileURL } from 'node:url';",
    "import { Network } from 'neurograph';",
    '',
    'export const build = () =>',
    '  new Network()',
    `${lines.map((line) => `  ${line}`).join('\n')};`,
    '',
    "if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {",
    '  console.log(JSON.stringify(build().toJSON(), null, 2));',
    '}',
    '',
  ].join('\n');
}
