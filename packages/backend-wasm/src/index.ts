/**
 * @dlkit/backend-wasm — WebAssembly SIMD kernels (fused multiply-add where the engine has relaxed
 * SIMD) with a worker-thread pool: the fast CPU backend of dlkit, in Node and in browsers.
 *
 * ```ts
 * import { registerBackend, setBackend } from '@dlkit/core';
 * import { wasmBackend } from '@dlkit/backend-wasm';
 *
 * const b = await wasmBackend({ threads: 2 });
 * registerBackend(b);
 * setBackend(b.name); // 'wasm'
 * ```
 * @packageDocumentation
 */
import { DTYPES, tsBackend, ValueError, type Backend } from '@dlkit/core';
import { Arena } from './arena.js';
import { binaryKernels } from './kernels/binary.js';
import { convKernels } from './kernels/conv.js';
import { matmulKernels } from './kernels/matmul.js';
import { poolKernels } from './kernels/pool.js';
import { reduceKernels } from './kernels/reduce.js';
import { unaryKernels } from './kernels/unary.js';
import type { WasmHandle, WasmRuntime } from './kernels/runtime.js';
import { compileKernels, instantiate, MAX_PAGES, relaxedSimdSupported } from './module.js';
import { ThreadPool } from './pool.js';

export type { WasmHandle };
export { relaxedSimdSupported };

/** Options of {@link wasmBackend}. */
export interface WasmBackendOptions {
  /**
   * Threads a large matmul or convolution is split over, the calling thread included (default 1).
   * More than 1 needs `SharedArrayBuffer` (always in Node; cross-origin isolated pages in browsers).
   */
  readonly threads?: number;
  /**
   * Whether to use the relaxed-SIMD (fused multiply-add) build: `'auto'` (default) uses it where the
   * engine validates it (setting V8's flag on Node 20), `false` forces the plain SIMD build, `true`
   * requires relaxed SIMD and raises a `ValueError` where it is missing.
   */
  readonly relaxedSimd?: boolean | 'auto';
  /** Registry name (default `'wasm'`, or `'wasm-<threads>t'` when threads > 1). */
  readonly name?: string;
  /** Folder (URL) holding the built `kernels-*.wasm` files; default the package's `wasm/` folder. */
  readonly wasmBase?: URL;
}

/** Memory use of a wasm backend, for checking that a long loop stays flat. */
export interface WasmMemoryStats {
  /** Bytes of the WebAssembly memory (grows to the largest kernel's working set, never shrinks). */
  readonly memoryBytes: number;
  /** The most scratch bytes any one kernel call has used. */
  readonly highWaterBytes: number;
}

/** A dlkit backend whose hot kernels run in WebAssembly: core's `Backend` with typed-array storage. */
export interface WasmBackend extends Backend<WasmHandle> {
  /** Threads large kernels run on (the caller included). */
  readonly threads: number;
  /** Whether the relaxed-SIMD (FMA) build is running. */
  readonly relaxedSimd: boolean;
  /**
   * The wasm memory's current size and high-water mark.
   * @example
   * ```ts
   * const { memoryBytes } = backend.memoryStats(); // flat across the steps of a training loop
   * ```
   */
  memoryStats(): WasmMemoryStats;
  /** Stops the worker threads (the backend then runs only on the calling thread's share: do not use it further). */
  terminate(): void;
}

/**
 * Creates the wasm backend. float32 matmul (any transposes, broadcast batches) and conv2d with both
 * gradients run in WebAssembly SIMD — a packed, cache-blocked GEMM with a 4×8 register-tiled
 * micro-kernel, split over `threads` by output tiles, or for few channels a direct convolution
 * split by output rows; float32 tanh, add/sub/mul/div (same shapes, scalars, trailing
 * broadcasts), average pooling and sums over contiguous axes run in wasm on the calling thread;
 * every other kernel and dtype runs core's ts kernel on the same typed arrays, so the backend
 * stores every dtype ('float32', 'float64', 'int32', 'bool').
 *
 * Storage is JS typed arrays (garbage collected, as on the ts backend): a wasm kernel copies its
 * inputs into wasm memory, computes, and copies the result out, so wasm memory holds no tensor
 * between kernels and stays at the largest call's working set. Nothing is registered on import.
 *
 * @example
 * ```ts
 * import { registerBackend, setBackend, randn } from '@dlkit/core';
 * import { wasmBackend } from '@dlkit/backend-wasm';
 *
 * const b = await wasmBackend({ threads: 2 });
 * registerBackend(b);
 * setBackend(b.name);                     // 'wasm-2t'
 * const y = randn([256, 256]).matmul(randn([256, 256])).relu();
 * setBackend('ts');
 * ```
 */
export async function wasmBackend(options: WasmBackendOptions = {}): Promise<WasmBackend> {
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new ValueError(`wasmBackend: threads must be an integer in [1, 64]; got ${String(threads)}`);
  }
  const want = options.relaxedSimd ?? 'auto';
  const supported = want === false ? false : await relaxedSimdSupported();
  if (want === true && !supported) {
    throw new ValueError('wasmBackend: relaxedSimd: true, but this engine does not compile relaxed SIMD; use \'auto\' or false');
  }
  const shared = threads > 1;
  const module = await compileKernels(supported, shared, options.wasmBase);
  const memory = new WebAssembly.Memory({ initial: 2, maximum: MAX_PAGES, shared });
  const exports = instantiate(module, memory);
  const pool = shared ? await ThreadPool.start(threads, module, memory) : undefined;
  const rt: WasmRuntime = { exports, arena: new Arena(memory, Math.ceil(exports.heapBase() / 65536) * 65536), pool };
  const backend = {
    ...tsBackend,
    name: options.name ?? (threads > 1 ? `wasm-${threads}t` : 'wasm'),
    dtypes: DTYPES,
    hostStorage: true,
    ...matmulKernels(rt),
    ...convKernels(rt),
    ...unaryKernels(rt),
    ...binaryKernels(rt),
    ...poolKernels(rt),
    ...reduceKernels(rt),
  } satisfies Backend<WasmHandle>;
  return Object.freeze({
    ...backend,
    threads,
    relaxedSimd: supported,
    memoryStats: () => rt.arena.stats(),
    terminate: () => pool?.terminate(),
  });
}
