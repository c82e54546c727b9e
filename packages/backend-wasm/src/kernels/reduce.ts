import { tsBackend, type Backend } from '@dlkit/core';
import { isF32, sizeOf, type WasmHandle, type WasmRuntime } from './runtime.js';

/**
 * float32 sums over a contiguous block of axes (a bias gradient's sum over `[batch, h, w]`) in
 * wasm, in f64 accumulators added in the ts kernel's order, so the results are the same bits; the
 * ts kernel pays a per-row dispatch that dominates when the kept dims are few. Other ops, axis
 * sets and dtypes run core's ts kernel.
 */
export function reduceKernels(rt: WasmRuntime): Pick<Backend<WasmHandle>, 'reduce'> {
  const { arena, exports } = rt;
  return {
    reduce: (x, op, axes, outShape) => {
      const contiguous = axes.every((a, i) => i === 0 || a === axes[i - 1]! + 1);
      if (op !== 'sum' || !isF32(x) || axes.length === 0 || !contiguous || x.handle.length === 0) return tsBackend.reduce(x, op, axes, outShape);
      const first = axes[0]!, last = axes[axes.length - 1]!;
      const outer = sizeOf(x.shape.slice(0, first)), size = sizeOf(x.shape.slice(first, last + 1)), inner = sizeOf(x.shape.slice(last + 1));
      arena.reset();
      const px = arena.put(x.handle);
      const out = arena.alloc(outer * inner * 4);
      const acc = arena.alloc(inner * 8);
      exports.sumF32(px, outer, size, inner, out, acc);
      return arena.take(out, outer * inner);
    },
  };
}
