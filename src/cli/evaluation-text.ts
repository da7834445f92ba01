/**
 * Evaluations as text
 * ===================
 *
 * What `neurograph evaluate` prints, and `neurograph train` after training: the
 * loss, and for a classification the accuracy with its count and the confusion
 * matrix, rows the true class and columns the predicted one (as scikit-learn's):
 *
 *     loss 0.0871 (categoricalCrossEntropy), accuracy 95.6% (43 of 45)
 *     true \ predicted  o0  o1  o2
 *     o0                15   0   0
 *     o1                 0  14   1
 *     o2                 0   1  14
 */
import { formatNumber } from '../format/number.js';
import type { ConfusionMatrix, Evaluation } from '../train/evaluate.js';

const CORNER = 'true \\ predicted';

/** `95.6%`: a share as a percentage, up to one decimal. */
export function formatPercent(share: number): string {
  return `${formatNumber(share * 100, 1)}%`;
}

/** How many counted steps were classified right (the accuracy is that count over `steps`). */
export function rightCount(evaluation: Evaluation): number {
  return Math.round((evaluation.accuracy ?? 0) * evaluation.steps);
}

/** `loss 0.0871 (mse), accuracy 95.6% (43 of 45)`; the accuracy only for a classification. */
export function formatScores(evaluation: Evaluation, lossName: string): string {
  const loss = `loss ${formatNumber(evaluation.loss, 4)} (${lossName})`;
  if (evaluation.accuracy === null) return loss;
  return `${loss}, accuracy ${formatPercent(evaluation.accuracy)} (${rightCount(evaluation)} of ${evaluation.steps})`;
}

/** The matrix as aligned text, a header of predicted classes, then one row per true class. */
export function formatConfusion({ classes, counts }: ConfusionMatrix): string {
  const first = Math.max(CORNER.length, ...classes.map((label) => label.length));
  const widths = classes.map((label, p) => Math.max(label.length, ...counts.map((row) => String(row[p]).length)));
  const line = (title: string, cells: readonly string[]) =>
    [title.padEnd(first), ...cells.map((cell, p) => cell.padStart(widths[p]!))].join('  ');
  return [
    line(CORNER, classes),
    ...classes.map((label, t) =>
      line(
        label,
        (counts[t] ?? []).map((count) => String(count)),
      ),
    ),
  ].join('\n');
}
