import { describe, expect, it } from 'vitest';
import { assembleCsr, CSR, generatedModule } from '../scripts/build-wasm.js';
import { CSR_WASM_BASE64 } from '../src/executors/wasm-csr-module.generated.js';

// The CSR pass is WAT in src/executors/wasm/csr.wat, assembled by wabt into a committed module.
describe('the assembled CSR pass', () => {
  it('is what wabt makes of the WAT source today (run `npm run build:wasm` when this fails)', async () => {
    const bytes = await assembleCsr();
    expect(CSR_WASM_BASE64).toBe(Buffer.from(bytes).toString('base64'));
    expect(
      generatedModule(bytes, CSR)
        .split('\n')
        .every((line) => line.length <= 120),
    ).toBe(true);
  });

  it('validates and instantiates synchronously, its one export the sums', () => {
    const bytes = Buffer.from(CSR_WASM_BASE64, 'base64');
    expect(WebAssembly.validate(bytes)).toBe(true);
    const memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    expect(Object.keys(instance.exports).sort()).toEqual(['sums']);
  });
});
