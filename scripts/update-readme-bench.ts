/**
 * Puts a benchmark run's figures into the README
 * ==============================================
 *
 * `npm run bench > out/bench.md && npx tsx scripts/update-readme-bench.ts out/bench.md`
 *
 * The README's Benchmarks section keeps its prose; its tables (in order) and its list of
 * targets are replaced by those of the run, and its "Measured on" line names the run's
 * date and machine. A run whose tables do not match the README's in number is refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const [benchFile] = process.argv.slice(2);
if (benchFile === undefined) {
  console.error('usage: tsx scripts/update-readme-bench.ts <output of npm run bench>');
  process.exit(2);
}

const bench = readFileSync(benchFile, 'utf8');
const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf('## Benchmarks');
const end = readme.indexOf('\n## ', start + 1);
if (start < 0 || end < 0) throw new Error('README.md has no Benchmarks section');
const section = readme.slice(start, end);

/** Markdown tables (runs of lines starting with "|") and target lists ("- … target …"). */
const tablePattern = /(?:^\|.*\n)+/gm;
const targetPattern = /(?:^- .*\(target .*\n)+/gm;
const tables = bench.match(tablePattern) ?? [];
const targets = bench.match(targetPattern) ?? [];
const readmeTables = section.match(tablePattern) ?? [];
if (tables.length !== readmeTables.length || targets.length !== 1) {
  throw new Error(
    `the run has ${tables.length} tables and ${targets.length} target lists; the README has ${readmeTables.length} tables`,
  );
}

let table = 0;
let updated = section.replace(tablePattern, () => tables[table++]!).replace(targetPattern, () => targets[0]!);

const machine = /^neurograph benchmarks — (\S+), Node (\S+), (.*)$/m.exec(bench);
if (machine !== null) {
  const [, date, node, cpu] = machine;
  updated = updated.replace(
    /Measured on\n?\s*[\s\S]*?\(a shared virtual machine/,
    `Measured on\n${date}, ${cpu} (a shared virtual machine`,
  );
  updated = updated.replace(/Node v\d+\.\d+\.\d+\./, `Node ${node}.`);
}

writeFileSync('README.md', readme.slice(0, start) + updated + readme.slice(end));
console.log(`README.md: ${tables.length} tables and the targets updated from ${benchFile}`);
