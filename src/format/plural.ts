/**
 * Counts in words
 * ===============
 *
 * The one way neurograph writes "1 epoch" and "2 epochs": every count a message, table or picture shows goes
 * through `count`, so no output reads "1 connections".
 */

/** `count(1, 'epoch')` → `1 epoch`, `count(2, 'epoch')` → `2 epochs`; `plural` for words not made with an s. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
