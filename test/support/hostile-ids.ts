/**
 * Ids that would break generated source if any were spliced into it: quotes, backslashes,
 * comment ends, line breaks, template holes, line and paragraph separators, markup, Unicode.
 * Tests of generated code build one network from these and one from plain ids, and compare
 * the source texts.
 */
export const hostileSourceIds: readonly string[] = [
  "'; throw new Error('x'); //",
  '"); process.exit(1); ("',
  '\\',
  '*/ throw 1; /*',
  'line\nbreak',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a hostile id, on purpose
  '${globalThis.pwned = 1}',
  '`',
  '\u2028\u2029',
  '</script><script>alert(1)</script>',
  'ünïcødé 🧠',
];
