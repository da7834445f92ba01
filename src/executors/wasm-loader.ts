/**
 * Loading the embedded WebAssembly modules
 * ========================================
 *
 * The kernels ship as base64 bytes in committed modules (wasm-module.generated.ts,
 * wasm-csr-module.generated.ts). Compiling is synchronous (a few kB), decided once by each
 * kernel's owner; instantiating gives a memory of one's own. Null, never a throw, wherever
 * WebAssembly is missing, refuses the bytes (`validate`: the dense kernel's SIMD feature
 * test), or is forbidden (a Content-Security-Policy without 'wasm-unsafe-eval'), so the
 * caller keeps its JavaScript loop.
 */

/** A compiled module (opaque). */
export type WasmModule = object;

/**
 * The part of the WebAssembly JavaScript API used here.
 * NOTE: declared here, not taken from the DOM library: the library builds against ES2022 and Node's types only.
 */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: object };
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
}

/** Wasm pages are 64 KiB. */
export const PAGE = 65536;

/** The largest memory a kernel lays out: its byte offsets are i32, so stay well inside 2 GiB. */
export const MAX_MEMORY_BYTES = 2 ** 31 - PAGE;

function webAssembly(): WebAssemblyApi | null {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  return typeof api === 'object' && api !== null ? api : null;
}

/** The module of `base64` bytes, compiled now, or null where it cannot be here. */
export function compileEmbedded(base64: string): WasmModule | null {
  try {
    const api = webAssembly();
    if (api === null || typeof atob !== 'function') return null;
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    if (!api.validate(bytes)) return null;
    return new api.Module(bytes);
  } catch {
    return null;
  }
}

/**
 * An instance of `module` with a memory of its own of at least `bytes` (imported as env.memory), or null where it
 * cannot be had (too big, or refused).
 */
export function instantiate<Exports>(
  module: WasmModule,
  bytes: number,
): { readonly memory: { readonly buffer: ArrayBuffer }; readonly exports: Exports } | null {
  if (bytes > MAX_MEMORY_BYTES) return null;
  try {
    const api = webAssembly();
    if (api === null) return null;
    const memory = new api.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE)) });
    const instance = new api.Instance(module, { env: { memory } });
    return { memory, exports: instance.exports as Exports };
  } catch {
    return null;
  }
}
