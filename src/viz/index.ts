/**
 * Pictures of a network: Graphviz DOT, Mermaid, a layered SVG drawing, and an HTML
 * page that plays back a recorded trace. Loaded on its own by the CLI's `draw`.
 */
export { toDot } from './dot.js';
export { toMermaid } from './mermaid.js';
export { toSvg } from './svg.js';
export { toHtml } from './html.js';

export type { DotOptions } from './dot.js';
export type { MermaidOptions } from './mermaid.js';
export type { SvgOptions } from './svg.js';
export type { HtmlOptions } from './html.js';
