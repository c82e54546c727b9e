import { tsBackend, type Backend, type Shape } from '@dlkit/core';
import { gemm } from './gemm.js';
import { isF32, sizeOf, type WasmHandle, type WasmRuntime } from './runtime.js';

/** Element offset of each output batch's matrix in an input whose batch dims broadcast to `outBatch`. */
function batchOffsets(inBatch: Shape, outBatch: Shape, matrixSize: number): Int32Array {
  const count = sizeOf(outBatch);
  const offsets = new Int32Array(count);
  const lead = outBatch.length - inBatch.length;
  for (let t = 0; t < count; t++) {
    let offset = 0;
    let rest = t;
    let inStride = 1;
    for (let d = outBatch.length - 1; d >= lead; d--) {
      const size = outBatch[d]!;
      const index = rest % size;
      rest = Math.floor(rest / size);
      const inSize = inBatch[d - lead]!;
      if (inSize !== 1) offset += index * inStride;
      inStride *= inSize;
    }
    offsets[t] = offset * matrixSize;
  }
  return offsets;
}

/**
 * float32 matmul in wasm: both operands copied into wasm memory once, transposes read through
 * strides by the GEMM's packing (no transposed copy), broadcast batches as offsets. Other dtypes
 * run core's ts kernel.
 */
export function matmulKernels(rt: WasmRuntime): Pick<Backend<WasmHandle>, 'matmul'> {
  return {
    matmul: (a, b, transposeA, transposeB, outShape) => {
      const size = sizeOf(outShape);
      if (!isF32(a) || !isF32(b) || size === 0) return tsBackend.matmul(a, b, transposeA, transposeB, outShape);
      const ra = a.shape.length, rb = b.shape.length;
      const aRows = a.shape[ra - 2]!, aCols = a.shape[ra - 1]!;
      const bRows = b.shape[rb - 2]!, bCols = b.shape[rb - 1]!;
      const m = transposeA ? aCols : aRows;
      const k = transposeA ? aRows : aCols;
      const n = transposeB ? bRows : bCols;
      const outBatch = outShape.slice(0, -2);
      const { arena } = rt;
      arena.reset();
      const pa = arena.put(a.handle);
      const pb = arena.put(b.handle);
      const pc = arena.alloc(size * 4);
      gemm(rt, {
        a: pa, ars: transposeA ? 1 : aCols, acs: transposeA ? aCols : 1,
        b: pb, brs: transposeB ? 1 : bCols, bcs: transposeB ? bCols : 1,
        c: pc, m, n, k,
        aOffsets: batchOffsets(a.shape.slice(0, -2), outBatch, aRows * aCols),
        bOffsets: batchOffsets(b.shape.slice(0, -2), outBatch, bRows * bCols),
      });
      return arena.take(pc, size);
    },
  };
}
