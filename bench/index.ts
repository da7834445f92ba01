/**
 * `npm run bench`: every benchmark section, measured in this one process, printed
 * as Markdown (the README's tables come from here).
 */
import { cpus } from 'node:os';
import { benchEngine } from './engine.js';
import { benchTraining } from './train.js';

// The peers section is loaded lazily, so the other sections do not load TensorFlow.js.
const sections: [string, () => Promise<string>][] = [
  ['Core engine', benchEngine],
  ['Training', benchTraining],
  ['JavaScript peers, side by side', async () => (await import('./peers.js')).benchPeers()],
];
// Run only when named (`npm run bench -- dsr`): up to a minute of training per library.
const optIn: [string, () => Promise<string>][] = [
  ['DSR: training to the criterion (W6)', async () => (await import('./dsr.js')).benchDsr()],
];

const only = process.argv[2];
console.log(
  `neurograph benchmarks — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}\n`,
);
for (const [title, run] of [...sections, ...(only === undefined ? [] : optIn)]) {
  if (only !== undefined && !title.toLowerCase().includes(only.toLowerCase())) continue;
  console.log(`## ${title}\n\n${await run()}\n`);
}
