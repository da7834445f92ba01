/**
 * Escaping
 * ========
 *
 * Neuron ids are any non-empty strings, so every picture format escapes them its
 * own way: XML text and attributes (SVG, HTML), Graphviz DOT quoted ids and
 * HTML-like labels, Mermaid node ids and labels.
 */

/**
 * XML 1.0 cannot carry most control characters at all, not even as character
 * references, so they become U+FFFD; the rest is escaped for text and attributes.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/**
 * A DOT quoted id. Graphviz's lexer turns only `\"` back into `"` and keeps every
 * other backslash, so a backslash right before the closing quote would escape it:
 * backslashes, `%`, quotes and line breaks are percent-encoded instead, which keeps
 * distinct ids distinct. (What a reader sees is the label, which shows the id exactly.)
 */
export function dotId(id: string): string {
  const percent = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
  const encoded = id.replace(/[%\\"\u0000-\u001f\u007f]/g, percent);
  return `"${encoded}"`;
}

/**
 * A Mermaid node id for the neuron at `index`: `n_<id>` for ids of letters, digits and
 * underscores (the prefix keeps reserved words like `end`, and ids starting with `o`
 * or `x` that Mermaid reads as edge ends, safe), `u<index>` for any other id.
 */
export function mermaidId(id: string, index: number): string {
  return /^[A-Za-z0-9_]+$/.test(id) ? `n_${id}` : `u${index}`;
}

/**
 * Text inside a quoted Mermaid label: Mermaid's own entity codes (`#quot;`, `#35;`)
 * for the characters its parser or its HTML labels would read as syntax.
 */
export function mermaidText(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/&/g, '#amp;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;')
    .replace(/[\u0000-\u001f\u007f]/g, ' ');
}
