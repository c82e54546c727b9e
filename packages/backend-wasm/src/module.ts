/**
 * Finding, checking and compiling the kernel module: the relaxed-SIMD (FMA) build where the engine
 * validates it, else the plain SIMD build; the shared-memory variant when a worker pool uses it.
 */
import { BackendError } from '@dlkit/core';

/** The functions the kernel module exports (see assembly/index.ts). */
export interface KernelExports {
  heapBase(): number;
  gemmScratchBytes(): number;
  gemmTask(args: number, task: number, tasks: number): void;
  convDirectTask(args: number, task: number, tasks: number): void;
  convDirectFilterTask(args: number, task: number, tasks: number): void;
  convDirectInputTask(args: number, task: number, tasks: number): void;
  tanhF32(x: number, n: number, out: number): void;
  binaryF32(op: number, a: number, na: number, b: number, nb: number, n: number, out: number): void;
  avgPool2dF32(x: number, nb: number, h: number, w: number, c: number, oh: number, ow: number,
    fh: number, fw: number, sh: number, sw: number, pt: number, pl: number, out: number): void;
  avgPool2dBackpropF32(dy: number, nb: number, h: number, w: number, c: number, oh: number, ow: number,
    fh: number, fw: number, sh: number, sw: number, pt: number, pl: number, dx: number): void;
  sumF32(x: number, outer: number, size: number, inner: number, out: number, acc: number): void;
  im2col(x: number, nb: number, h: number, w: number, cin: number, kh: number, kw: number,
    sh: number, sw: number, dh: number, dw: number, pt: number, pl: number, oh: number, ow: number, out: number): void;
  col2im(cols: number, nb: number, h: number, w: number, cin: number, kh: number, kw: number,
    sh: number, sw: number, dh: number, dw: number, pt: number, pl: number, oh: number, ow: number, dx: number): void;
}

/** Kernels a worker may run, by index (the pool passes the index, the worker looks the name up). */
export const TASK_KERNELS = ['gemmTask', 'convDirectTask', 'convDirectFilterTask', 'convDirectInputTask'] as const;

/** The memory the modules are built for: 2 initial pages, 32768 maximum (see scripts/build-wasm.mjs). */
export const MAX_PAGES = 32768;

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

// (module (func (result v128) (f32x4.relaxed_madd (v128.const 0) (v128.const 0) (v128.const 0))))
const RELAXED_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b,
  0x03, 0x02, 0x01, 0x00,
  0x0a, 0x3d, 0x01, 0x3b, 0x00,
  ...[0, 1, 2].flatMap(() => [0xfd, 0x0c, ...new Array<number>(16).fill(0)]),
  0xfd, 0x85, 0x02, 0x0b,
]);

/**
 * Whether this engine compiles relaxed SIMD (checked by validating a tiny module that uses
 * `f32x4.relaxed_madd`). Node 20 does so only behind a V8 flag, which is set here at run time
 * (NODE_OPTIONS refuses it); browsers ship it.
 * @example
 * ```ts
 * import { relaxedSimdSupported } from '@dlkit/backend-wasm';
 * console.log(await relaxedSimdSupported()); // true on Node 20+ and current browsers
 * ```
 */
export async function relaxedSimdSupported(): Promise<boolean> {
  if (WebAssembly.validate(RELAXED_PROBE)) return true;
  if (!isNode) return false;
  const v8 = await import('node:v8');
  v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  return WebAssembly.validate(RELAXED_PROBE);
}

/** Where the built `.wasm` files are: `wasm/` next to src/ and dist/ (the package root's). */
const defaultBase = new URL(/* @vite-ignore */ '../wasm/', import.meta.url);

/** Reads and compiles `kernels-<simd|relaxed>[-shared].wasm` from `base` (a folder URL). */
export async function compileKernels(relaxed: boolean, shared: boolean, base: URL = defaultBase): Promise<WebAssembly.Module> {
  const file = new URL(`kernels-${relaxed ? 'relaxed' : 'simd'}${shared ? '-shared' : ''}.wasm`, base);
  let bytes: Uint8Array;
  try {
    if (isNode && file.protocol === 'file:') {
      const { readFile } = await import('node:fs/promises');
      bytes = await readFile(file);
    } else {
      const response = await fetch(file);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      bytes = new Uint8Array(await response.arrayBuffer());
    }
  } catch (error) {
    throw new BackendError(`wasmBackend: cannot read the kernel module ${file.href} (${(error as Error).message}); `
      + 'build it with `pnpm --filter @dlkit/backend-wasm build:wasm`, or pass `wasmBase` pointing at the folder holding it');
  }
  return WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
}

/** Instantiates `module` on `memory`. */
export function instantiate(module: WebAssembly.Module, memory: WebAssembly.Memory): KernelExports {
  return new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
}
