import type { TensorInfo, TypedArray } from '@dlkit/core';
import type { Arena } from '../arena.js';
import type { KernelExports } from '../module.js';
import type { ThreadPool } from '../pool.js';

/** The storage handle of the wasm backend: a JS typed array, as on the ts backend (garbage collected). */
export type WasmHandle = TypedArray;
/** What a kernel sees of a tensor on this backend. */
export type Info = TensorInfo<WasmHandle>;

/** Below this many multiply-adds a product runs on the calling thread: waking workers costs more. */
export const PARALLEL_MIN_MACS = 1 << 19;

/** What every kernel family shares: the module's exports on the calling thread, the arena, the pool. */
export interface WasmRuntime {
  readonly exports: KernelExports;
  readonly arena: Arena;
  /** The worker pool, or undefined with `threads: 1`. */
  readonly pool: ThreadPool | undefined;
}

/** Whether `x` is float32 (the dtype the wasm kernels compute; others go to the ts kernels). */
export const isF32 = (x: Info): x is Info & { handle: Float32Array } => x.dtype === 'float32';

/** The number of elements of `shape`. */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
