/**
 * Connection marks
 * ================
 *
 * What every picture writes on a connection besides its weight: a delayed connection's
 * delay (`↻1`: the source's output from one step earlier), and `fixed` on a connection
 * that training never changes. SVG, DOT, Mermaid and the HTML player share these words.
 */

/** The mark of a delay of `delay` steps (`↻2`); '' for an immediate connection. */
export function delayMark(delay: number): string {
  return delay > 0 ? `\u21bb${delay}` : '';
}

/** A connection's label: its weight as `format` writes it, then its delay and `fixed`, if any. */
export function connectionText(
  connection: { readonly weight: number; readonly delay: number; readonly trainable: boolean },
  format: (value: number) => string,
): string {
  const marks = [delayMark(connection.delay), connection.trainable ? '' : 'fixed'].filter((mark) => mark !== '');
  return [format(connection.weight), ...marks].join(' ');
}

/** The dash pattern of a delayed connection's line (SVG and Mermaid). */
export const DELAY_DASH = '7 4';
