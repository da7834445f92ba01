/**
 * `npm run bench`: every benchmark section, measured in this one process, printed
 * as Markdown (the README's tables come from here).
 */
import { cpus } from 'node:os';
import { benchEngine } from './engine.js';
import { loaderWarning } from './loader-check.js';
import { benchTraining } from './train.js';

// The peer, classification and ONNX sections are loaded lazily, so the others do not load
// TensorFlow.js or onnxruntime. The README's tables come in this order.
const sections: [string, () => Promise<string>][] = [
  ['Core engine', benchEngine],
  ['Training', benchTraining],
  ['JavaScript peers, side by side', async () => (await import('./peers.js')).benchPeers()],
  ['Classification training (W7)', async () => (await import('./classification.js')).benchClassification()],
  ['ONNX Runtime (W2)', async () => (await import('./onnx.js')).benchOnnx()],
];
// Run only when named (`npm run bench -- dsr`): up to a minute of training per library.
const optIn: [string, () => Promise<string>][] = [
  ['DSR: training to the criterion (W6)', async () => (await import('./dsr.js')).benchDsr()],
];

const only = process.argv[2];
const warning = loaderWarning();
if (warning !== undefined) console.log(`> ${warning}\n`);
console.log(
  `neurograph benchmarks — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}\n`,
);
for (const [title, run] of [...sections, ...(only === undefined ? [] : optIn)]) {
  if (only !== undefined && !title.toLowerCase().includes(only.toLowerCase())) continue;
  console.log(`## ${title}\n\n${await run()}\n`);
}
