/**
 * Small DOM helpers for the player: elements with text set through `textContent`
 * (so ids never become markup), SVG elements, and lookups that fail loudly when the
 * page lacks a part the player needs.
 */

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** An HTML element with a class and text. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = '',
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className !== '') node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** An SVG element with attributes. */
export function svgElement<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string | number>>,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** The one element matching `selector` under `root`, of the given class. */
export function find<T extends Element>(root: ParentNode, selector: string, type: abstract new () => T): T {
  const found = root.querySelector(selector);
  if (!(found instanceof type)) throw new Error(`neurograph player: the page has no ${selector}`);
  return found;
}

/** Every element matching `selector` under `root`, keyed by the number in its `attribute`. */
export function byIndex<T extends Element>(root: ParentNode, selector: string, attribute: string): Map<number, T> {
  const found = new Map<number, T>();
  root.querySelectorAll<T>(selector).forEach((node) => found.set(Number(node.getAttribute(attribute)), node));
  return found;
}
