import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundlePlayer, generatedModule } from '../scripts/build-player.js';
import { PLAYER_SCRIPT, PLAYER_STYLE } from '../src/viz/player/bundle.generated.js';

// The player is TypeScript in src/viz/player/, bundled by esbuild into a committed module.
describe('the bundled HTML player', () => {
  it('is what esbuild makes of the sources today (run `npm run build:player` when this fails)', async () => {
    const bundle = await bundlePlayer();
    expect(PLAYER_SCRIPT).toBe(bundle.script);
    expect(PLAYER_STYLE).toBe(bundle.style);
    expect(
      generatedModule(bundle)
        .split('\n')
        .every((line) => line.length <= 120),
    ).toBe(true);
  });

  it('can be inlined: nothing in it ends its <script> or <style> element or opens a comment', () => {
    expect(PLAYER_SCRIPT).not.toMatch(/<\/script|<!--/i);
    expect(PLAYER_STYLE).not.toMatch(/<\/style|<!--/i);
    // The shared formatter and colours are bundled in, not repeated by hand.
    expect(PLAYER_SCRIPT).toContain('toExponential');
    expect(PLAYER_SCRIPT).toContain('#fcd34d');
  });

  it('keeps Node out of the pictures: no file of src/viz imports a node: module', () => {
    const files = readdirSync(new URL('../src/viz/', import.meta.url), { recursive: true, encoding: 'utf8' });
    const sources = files.filter((file) => file.endsWith('.ts'));
    expect(sources.length).toBeGreaterThan(10);
    for (const file of sources) {
      expect(readFileSync(new URL(`../src/viz/${file}`, import.meta.url), 'utf8'), file).not.toMatch(/from ['"]node:/);
    }
  });
});
