/**
 * W5 on a busy machine: paired short slices
 * =========================================
 *
 * `node --import tsx/esm bench/lstm-paired.ts [rounds]` (tsx/esm: see bench/loader-check.ts)
 *
 * W5's table (bench/peers.ts) takes each case's median over nine 100 ms repetitions; when other
 * processes share the CPU, one case's repetitions can land in a busy spell and another's not, and
 * the ratio swings (0.7× to 4× was seen under a load of 8 on 2 cores). Here the hand-written loop
 * and `compile()` are timed in slices of 200 steps, one right after the other (order alternating),
 * for many rounds; each round gives one ratio, and the median of those ratios is reported with its
 * quartiles, as are each case's median per step. Both see the same weights and sequence as W5 and
 * are checked against its float64 reference first.
 */
import { handWrittenLstmPeer } from './peers/lstm-hand-written.js';
import { neurographLstmCompiled } from './peers/lstm-neurograph.js';
import { lstmError, randomLstmModel, randomSequence } from './peers/lstm-workload.js';

const rounds = Number(process.argv[2] ?? 3000);
const SLICE = 200;
const model = randomLstmModel(6, 7, 6, 5);
const sequence = randomSequence(6, 24, 6);
let sink: unknown;

const timers = [handWrittenLstmPeer, neurographLstmCompiled].map((peer) => {
  const runner = peer.lstm(model);
  const error = lstmError(model, runner, sequence);
  if (!(error <= peer.tolerance)) throw new Error(`${peer.name} fails the check: error ${error}`);
  const step = runner.step!.bind(runner);
  return () => {
    let t = 0;
    const start = process.hrtime.bigint();
    for (let i = 0; i < SLICE; i++) {
      sink = step(sequence[t]!);
      t = t + 1 === sequence.length ? 0 : t + 1;
    }
    return Number(process.hrtime.bigint() - start) / SLICE;
  };
});
const [hand, compiled] = timers as [() => number, () => number];

for (let i = 0; i < 500; i++) {
  hand();
  compiled();
}
const handNs: number[] = [];
const compiledNs: number[] = [];
for (let round = 0; round < rounds; round++) {
  if (round % 2 === 0) {
    handNs.push(hand());
    compiledNs.push(compiled());
  } else {
    compiledNs.push(compiled());
    handNs.push(hand());
  }
}
const quantile = (values: readonly number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.floor(p * (values.length - 1))]!;
const ratios = compiledNs.map((ns, round) => ns / handNs[round]!);
console.log(
  `W5 step, ${rounds} rounds of ${SLICE} steps: hand-written ${quantile(handNs, 0.5).toFixed(0)} ns, ` +
    `compile() ${quantile(compiledNs, 0.5).toFixed(0)} ns; compile() / hand-written, median of the rounds' ratios ` +
    `${quantile(ratios, 0.5).toFixed(3)} (quartiles ${quantile(ratios, 0.25).toFixed(3)} – ${quantile(ratios, 0.75).toFixed(3)})`,
);
void sink;
