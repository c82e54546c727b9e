import { PARALLEL_MIN_MACS, type WasmRuntime } from './runtime.js';

/** Operands of a (batched) product already in wasm memory, as the module's `gemmTask` reads them. */
export interface GemmArgs {
  /** Byte address of A and its element strides: A(i, p) at `a + 4·(i·ars + p·acs)`. */
  readonly a: number; readonly ars: number; readonly acs: number;
  /** Byte address of B and its element strides: B(p, j) at `b + 4·(p·brs + j·bcs)`. */
  readonly b: number; readonly brs: number; readonly bcs: number;
  /** Byte address of row-major C [batch, m, n]. */
  readonly c: number;
  readonly m: number; readonly n: number; readonly k: number;
  /** Element offsets of each product's A and B from `a` and `b` (length = batch); default one product at offset 0. */
  readonly aOffsets?: readonly number[] | Int32Array;
  readonly bOffsets?: readonly number[] | Int32Array;
  /** Byte address of convolution geometry words: A is then that convolution's patch matrix, read from the image (`a` unused). */
  readonly aConv?: number;
}

/**
 * Runs `C = A · B` for every product of `g` with the module's SIMD GEMM, split over the worker pool
 * by output tiles (or by products) when it is big enough, else on this thread.
 */
export function gemm(rt: WasmRuntime, g: GemmArgs): void {
  const { arena, exports, pool } = rt;
  const batch = g.aOffsets?.length ?? 1;
  const tasks = pool !== undefined && g.m * g.n * g.k * batch >= PARALLEL_MIN_MACS ? pool.size : 1;
  const offs = arena.alloc(batch * 8);
  const words = arena.i32(offs, batch * 2);
  for (let t = 0; t < batch; t++) {
    words[t] = (g.aOffsets?.[t] ?? 0) * 4;
    words[batch + t] = (g.bOffsets?.[t] ?? 0) * 4;
  }
  const scratchBytes = exports.gemmScratchBytes();
  const scratch = arena.alloc(scratchBytes * tasks);
  const args = arena.alloc(16 * 4);
  arena.i32(args, 16).set([g.a, g.ars, g.acs, g.b, g.brs, g.bcs, g.c, g.m, g.n, g.k, batch, offs, offs + batch * 4, scratch, scratchBytes, g.aConv ?? 0]);
  if (tasks === 1) exports.gemmTask(args, 0, 1);
  else pool!.run(0, args, exports.gemmTask);
}
