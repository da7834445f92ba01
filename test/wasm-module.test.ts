import { describe, expect, it } from 'vitest';
import { assembleDense, generatedModule } from '../scripts/build-wasm.js';
import { DENSE_WASM_BASE64 } from '../src/executors/wasm-module.generated.js';

// The kernels are WAT in src/executors/wasm/, assembled by wabt into a committed module.
describe('the assembled WebAssembly kernels', () => {
  it('are what wabt makes of the WAT source today (run `npm run build:wasm` when this fails)', async () => {
    const bytes = await assembleDense();
    expect(DENSE_WASM_BASE64).toBe(Buffer.from(bytes).toString('base64'));
    expect(
      generatedModule(bytes)
        .split('\n')
        .every((line) => line.length <= 120),
    ).toBe(true);
  });

  it('validate and instantiate synchronously here (Node has WebAssembly SIMD)', () => {
    const bytes = Buffer.from(DENSE_WASM_BASE64, 'base64');
    expect(WebAssembly.validate(bytes)).toBe(true);
    const memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    expect(Object.keys(instance.exports)).toContain('affine_f64');
  });
});
