/**
 * The package as a consumer gets it: `npm pack`, installed from the tarball into an
 * empty project (its dependencies from the registry), then used from .mjs, .cjs and
 * type-checked .ts, and through its bin without tsx.
 *
 * neurograph is an ES module package. `require('neurograph')` works where Node can
 * require ES modules (20.19+, 22.12+), which this test pins; older Node versions refuse
 * with Node's own ERR_REQUIRE_ESM, which says to use import().
 *
 * The tarball is packed from a copy of the checkout, so its `prepack` build runs there
 * and never rebuilds the dist/ that other tests are using. One install serves every check.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, temporaryDirectory } from './support/cli.js';

const run = promisify(execFile);
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
/** What `npm pack` needs from the checkout to build the package. */
const PACKED_FROM = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'README.md',
  'bin',
  'src',
  'scripts',
];

let work: string;
let project: string;

/** Runs a command in the consumer project; resolves to its exit code and output, whether it failed or not. */
async function inProject(command: string, args: readonly string[]) {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: project, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const node = (...args: string[]) => inProject(process.execPath, args);
const neurograph = (...args: string[]) => node(join('node_modules', 'neurograph', 'bin', 'neurograph.js'), ...args);

/** The seed's XOR, written once per module system. */
const XOR = `
const xor = new Network()
  .addInput('a').addInput('b')
  .addNeuron('and', { activation: 'step' })
  .addOutput('xor', { activation: 'step' })
  .connect('a', 'xor', 1).connect('b', 'xor', 1)
  .connect('a', 'and', 0.5).connect('b', 'and', 0.5).connect('and', 'xor', -2);
`;

beforeAll(async () => {
  work = temporaryDirectory('package');
  const checkout = join(work, 'checkout');
  for (const entry of PACKED_FROM) {
    if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(checkout, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(checkout, 'node_modules'), 'dir');
  await run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: checkout });
  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error('npm pack wrote no tarball');

  project = join(work, 'consumer');
  mkdirSync(project);
  // An empty ES module project, as `tsc --init`'s settings (verbatimModuleSyntax) and top-level await want it.
  writeFileSync(join(project, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n');
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', join(work, tarball)], { cwd: project });
}, 300_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('the package installed from npm pack into an empty project', () => {
  it('ships dist/ and the bin, and installs neither tsx nor esbuild', () => {
    const installed = join(project, 'node_modules');
    const manifest = JSON.parse(readFileSync(join(installed, 'neurograph', 'package.json'), 'utf8'));
    expect(existsSync(join(installed, 'neurograph', 'dist', 'index.js'))).toBe(true);
    expect(existsSync(join(installed, 'neurograph', 'dist', 'index.d.ts'))).toBe(true);
    expect(existsSync(join(installed, 'neurograph', 'dist', 'cli', 'main.js'))).toBe(true);
    expect(manifest.scripts?.prepare).toBeUndefined();
    expect(existsSync(join(installed, 'tsx'))).toBe(false);
    expect(existsSync(join(installed, 'esbuild'))).toBe(false);
  });

  it('works from an ES module (.mjs)', async () => {
    writeFileSync(
      join(project, 'xor.mjs'),
      `import { Network } from 'neurograph';\n${XOR}\n` +
        'console.log(JSON.stringify([[0, 0], [0, 1], [1, 0], [1, 1]].map((row) => xor.run(row).xor)));\n',
    );
    expect(await node('xor.mjs')).toMatchObject({ code: 0, stdout: '[0,1,1,0]\n' });
  });

  it('works from CommonJS (.cjs) through require(), errors and all', async () => {
    writeFileSync(
      join(project, 'xor.cjs'),
      `const { Network, InputError } = require('neurograph');\n${XOR}\n` +
        'let refused;\ntry { xor.run({ a: 1 }); } catch (error) { refused = error instanceof InputError; }\n' +
        'console.log(JSON.stringify([[0, 0], [0, 1], [1, 0], [1, 1]].map((row) => xor.run(row).xor)), refused);\n',
    );
    expect(await node('xor.cjs')).toMatchObject({ code: 0, stdout: '[0,1,1,0] true\n' });
  });

  it('type-checks from TypeScript under `tsc --init` defaults, and with node10 resolution (main, types)', async () => {
    expect((await inProject(process.execPath, [TSC, '--init'])).code).toBe(0);
    writeFileSync(
      join(project, 'train.ts'),
      [
        "import { Network, Trainer, NeurographError, type Sample } from 'neurograph';",
        '',
        'const net = Network.layered([2, 3, 1], { seed: 1 });',
        'const samples: Sample[] = [',
        '  { input: [0, 0], output: [0] },',
        '  { input: [1, 1], output: [1] },',
        '];',
        'const result = await new Trainer(net, { learningRate: 0.5, epochs: 10 }).train(samples);',
        'const epochs: number = result.epochs;',
        'const y: number | undefined = net.run([1, 0]).y0;',
        'const error: NeurographError | undefined = undefined;',
        '// @ts-expect-error run() takes numbers, so the types are really there',
        "net.run(['one', 'zero']);",
        'export { epochs, y, error };',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(project, 'legacy.ts'),
      "import { Network } from 'neurograph';\nexport const built: Network = new Network().addInput('a');\n",
    );
    writeFileSync(
      join(project, 'tsconfig.legacy.json'),
      JSON.stringify({
        // `tsc --init` before TypeScript 5.9, with the resolution that reads only main and types.
        compilerOptions: {
          target: 'es2016',
          module: 'commonjs',
          moduleResolution: 'node10',
          esModuleInterop: true,
          strict: true,
          skipLibCheck: true,
          types: [],
          noEmit: true,
        },
        files: ['legacy.ts'],
      }),
    );
    const [modern, legacy] = await Promise.all([
      inProject(process.execPath, [TSC, '--noEmit', '-p', '.']),
      inProject(process.execPath, [TSC, '-p', 'tsconfig.legacy.json']),
    ]);
    expect(modern).toMatchObject({ code: 0, stdout: '' });
    expect(legacy).toMatchObject({ code: 0, stdout: '' });
  });

  it('its bin runs and draws a .json network, and runs a .mjs scenario, without tsx', async () => {
    writeFileSync(
      join(project, 'xor-scenario.mjs'),
      `import { Network } from 'neurograph';\nexport const build = () => {${XOR}  return xor;\n};\n`,
    );
    writeFileSync(
      join(project, 'write-json.mjs'),
      "import { writeFileSync } from 'node:fs';\nimport { build } from './xor-scenario.mjs';\n" +
        "writeFileSync('net.json', JSON.stringify(build().toJSON()));\n",
    );
    expect((await node('write-json.mjs')).code).toBe(0);
    const [ran, drawn, scenario] = await Promise.all([
      neurograph('run', 'net.json', '--inputs', '1,0'),
      neurograph('draw', 'net.json'),
      neurograph('run', 'xor-scenario.mjs', '--inputs', 'a=1,b=1'),
    ]);
    expect(ran).toEqual({ code: 0, stdout: 'a  b  xor\n1  0    1\n', stderr: '' });
    expect(drawn.code).toBe(0);
    expect(drawn.stdout).toMatch(/^<svg[^>]*>/);
    expect(drawn.stdout).toContain('data-neuron="xor"');
    expect(scenario).toEqual({ code: 0, stdout: 'a  b  xor\n1  1    0\n', stderr: '' });
  });

  it('a TypeScript scenario without tsx installed: one line saying how to get it, exit 2', async () => {
    writeFileSync(
      join(project, 'scenario.ts'),
      "export const build = (): never => { throw new Error('not reached'); };\n",
    );
    const { code, stdout, stderr } = await neurograph('run', 'scenario.ts');
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(/^neurograph run: scenario\.ts is TypeScript, [^\n]*`npm install tsx`[^\n]*\n$/);
  });
});
