/**
 * Puts a benchmark run's figures into the README
 * ==============================================
 *
 * `npm run bench > out/bench.md && npx tsx scripts/update-readme-bench.ts out/bench.md`
 *
 * The README's Benchmarks section keeps its prose. It marks where each section of the run
 * goes with an HTML comment, `<!-- bench: Core engine -->`, named as the run's `## ` heading;
 * from one marker to the next, the README's tables (runs of lines starting with "|") are
 * replaced in order by those of the run's section of that name, and the list of targets
 * ("- … (target …" lines) by the run's. A section's tables must match the README's in number
 * (else nothing is written); sections the run does not have are left alone, so a run of one
 * section (`npm run bench -- onnx`) updates only its tables. The "Measured on" line names the
 * run's date and machine when the run has every marked section.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const [benchFile] = process.argv.slice(2);
if (benchFile === undefined) {
  console.error('usage: tsx scripts/update-readme-bench.ts <output of npm run bench>');
  process.exit(2);
}

const tablePattern = /(?:^\|.*\n)+/gm;
const targetPattern = /(?:^- .*\(target .*\n)+/gm;
const markerPattern = /^<!-- bench: (.+?) -->$/gm;

const bench = readFileSync(benchFile, 'utf8');
const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf('## Benchmarks');
const end = readme.indexOf('\n## ', start + 1);
if (start < 0 || end < 0) throw new Error('README.md has no Benchmarks section');
const section = readme.slice(start, end);

/** The run's sections by their `## ` heading. */
const runSections = new Map<string, string>();
const headings = [...bench.matchAll(/^## (.+)$/gm)];
headings.forEach((heading, k) => {
  const from = heading.index + heading[0].length;
  runSections.set(heading[1]!.trim(), bench.slice(from, headings[k + 1]?.index ?? bench.length));
});

/** The README's marked parts: the marker's name and where its part starts and ends in `section`. */
const markers = [...section.matchAll(markerPattern)];
if (markers.length === 0) throw new Error('README.md: the Benchmarks section has no <!-- bench: … --> markers');

const problems: string[] = [];
const updatedSections: string[] = [];
let updated = section.slice(0, markers[0]!.index);
markers.forEach((marker, k) => {
  const name = marker[1]!;
  const part = section.slice(marker.index, markers[k + 1]?.index ?? section.length);
  const run = runSections.get(name);
  if (run === undefined) {
    updated += part;
    return;
  }
  const tables = run.match(tablePattern) ?? [];
  const readmeTables = part.match(tablePattern) ?? [];
  if (tables.length !== readmeTables.length) {
    problems.push(`"${name}": the run has ${tables.length} tables, the README ${readmeTables.length}`);
    updated += part;
    return;
  }
  let table = 0;
  updated += part.replace(tablePattern, () => tables[table++]!);
  updatedSections.push(name);
});
if (problems.length > 0) throw new Error(`README.md not written: ${problems.join('; ')}`);
if (updatedSections.length === 0)
  throw new Error(
    `README.md not written: the run has none of the marked sections (${[...runSections.keys()].join(', ')})`,
  );

const targets = bench.match(targetPattern) ?? [];
if (targets.length > 1) throw new Error(`README.md not written: the run has ${targets.length} target lists`);
if (targets.length === 1) {
  if ((updated.match(targetPattern) ?? []).length !== 1) throw new Error('README.md: expected one list of targets');
  updated = updated.replace(targetPattern, () => targets[0]!);
}

const complete = markers.every((marker) => runSections.has(marker[1]!));
const machine = /^neurograph benchmarks — (\S+), Node (\S+), (.*)$/m.exec(bench);
if (complete && machine !== null) {
  const [, date, node, cpu] = machine;
  updated = updated.replace(
    /Measured on\n?\s*[\s\S]*?\(a shared virtual machine/,
    `Measured on\n${date}, ${cpu} (a shared virtual machine`,
  );
  updated = updated.replace(/Node v\d+\.\d+\.\d+\./, `Node ${node}.`);
}

writeFileSync('README.md', readme.slice(0, start) + updated + readme.slice(end));
const skipped = [...runSections.keys()].filter((name) => !markers.some((marker) => marker[1] === name));
console.log(
  `README.md: the tables of ${updatedSections.join(', ')}${targets.length === 1 ? ' and the targets' : ''} updated from ${benchFile}` +
    (complete ? '' : ' (not every section: the "Measured on" line is unchanged)') +
    (skipped.length > 0 ? `; not in the README: ${skipped.join(', ')}` : ''),
);
