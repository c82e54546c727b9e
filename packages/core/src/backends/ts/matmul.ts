import type { TensorInfo } from '../../backend/kernels.js';
import { allocate, type TypedArray } from '../../dtype.js';
import { sizeOf, stridesOf, type Shape } from '../../shape.js';
import { gemm } from './gemm.js';

/** Offset of each output batch's matrix in an input whose batch dims broadcast to `outBatch`. */
function batchOffsets(inBatch: Shape, outBatch: Shape, matrixSize: number): Int32Array {
  const count = sizeOf(outBatch);
  const offsets = new Int32Array(count);
  const lead = outBatch.length - inBatch.length;
  const inStrides = stridesOf(inBatch);
  const outStrides = stridesOf(outBatch);
  for (let b = 0; b < count; b++) {
    let offset = 0;
    for (let d = lead; d < outBatch.length; d++) {
      const index = Math.floor(b / outStrides[d]!) % outBatch[d]!;
      if (inBatch[d - lead] !== 1) offset += index * inStrides[d - lead]!;
    }
    offsets[b] = offset * matrixSize;
  }
  return offsets;
}

export function matmul(
  a: TensorInfo<TypedArray>, b: TensorInfo<TypedArray>,
  transposeA: boolean, transposeB: boolean, outShape: Shape,
): TypedArray {
  const ra = a.shape.length;
  const rb = b.shape.length;
  const [aRows, aCols] = [a.shape[ra - 2]!, a.shape[ra - 1]!];
  const [bRows, bCols] = [b.shape[rb - 2]!, b.shape[rb - 1]!];
  const m = transposeA ? aCols : aRows;
  const k = transposeA ? aRows : aCols;
  const n = transposeB ? bRows : bCols;
  const outBatch = outShape.slice(0, -2);
  const out = allocate(a.dtype, sizeOf(outShape));
  const batches = sizeOf(outBatch);
  if (!transposeA && batches > 1 && sizeOf(b.shape.slice(0, -2)) === 1 && sizeOf(a.shape.slice(0, -2)) === batches) {
    // One B for every batch (a Linear layer on [batch, T, features]): the batches of A are one
    // [batches·m, k] matrix, so one gemm packs B once instead of once per batch.
    gemm(
      batches * m, n, k,
      { data: a.handle, offset: 0, rowStride: aCols, colStride: 1 },
      { data: b.handle, offset: 0, rowStride: transposeB ? 1 : bCols, colStride: transposeB ? bCols : 1 },
      out, 0, n, false,
    );
    return out;
  }
  const aOffsets = batchOffsets(a.shape.slice(0, -2), outBatch, aRows * aCols);
  const bOffsets = batchOffsets(b.shape.slice(0, -2), outBatch, bRows * bCols);
  for (let batch = 0; batch < aOffsets.length; batch++) {
    gemm(
      m, n, k,
      { data: a.handle, offset: aOffsets[batch]!, rowStride: transposeA ? 1 : aCols, colStride: transposeA ? aCols : 1 },
      { data: b.handle, offset: bOffsets[batch]!, rowStride: transposeB ? 1 : bCols, colStride: transposeB ? bCols : 1 },
      out, batch * m * n, n, false,
    );
  }
  return out;
}
