import type { Shape } from '../../shape.js';

/**
 * How to walk a broadcast elementwise op row by row: the output is `rowCount` contiguous rows of
 * `rowLength`; input `k`'s row `r` starts at `rowStarts[k][r]` and steps by `rowSteps[k]`
 * (0 where it broadcasts). Adjacent dims that every input walks contiguously are merged, so
 * same-shape and scalar cases become one long row. Kernels switch on their op once per row.
 */
export interface RowPlan {
  readonly rowLength: number;
  readonly rowCount: number;
  readonly rowSteps: readonly number[];
  readonly rowStarts: readonly Int32Array[];
}

function broadcastStrides(inShape: Shape, outShape: Shape): number[] {
  const strides = new Array<number>(outShape.length).fill(0);
  let stride = 1;
  for (let d = inShape.length - 1; d >= 0; d--) {
    const outDim = outShape.length - inShape.length + d;
    strides[outDim] = inShape[d] === 1 ? 0 : stride;
    stride *= inShape[d]!;
  }
  return strides;
}

export function planRows(outShape: Shape, inShapes: readonly Shape[]): RowPlan {
  const inputs = inShapes.length;
  const fullStrides = inShapes.map((s) => broadcastStrides(s, outShape));
  // Merge dims from the right (size-1 dims dropped) while every input stays contiguous across the pair.
  const dims: number[] = [];
  const strides: number[][] = inShapes.map(() => []);
  for (let d = outShape.length - 1; d >= 0; d--) {
    const size = outShape[d]!;
    if (size === 1) continue;
    let merge = dims.length > 0;
    for (let k = 0; k < inputs && merge; k++) merge = fullStrides[k]![d] === strides[k]![0]! * dims[0]!;
    if (merge) {
      dims[0] = dims[0]! * size;
    } else {
      dims.unshift(size);
      for (let k = 0; k < inputs; k++) strides[k]!.unshift(fullStrides[k]![d]!);
    }
  }
  const rank = dims.length;
  const rowLength = rank === 0 ? 1 : dims[rank - 1]!;
  let rowCount = 1;
  for (let d = 0; d < rank - 1; d++) rowCount *= dims[d]!;
  // Row starts by an odometer over the outer dims: each step adds a stride and unwinds the dims that wrapped.
  const rowStarts = strides.map(() => new Int32Array(rowCount));
  const index = new Array<number>(Math.max(rank - 1, 0)).fill(0);
  const offsets = new Array<number>(inputs).fill(0);
  for (let r = 0; r < rowCount; r++) {
    for (let k = 0; k < inputs; k++) rowStarts[k]![r] = offsets[k]!;
    for (let d = rank - 2; d >= 0; d--) {
      for (let k = 0; k < inputs; k++) offsets[k] = offsets[k]! + strides[k]![d]!;
      if (++index[d]! < dims[d]!) break;
      for (let k = 0; k < inputs; k++) offsets[k] = offsets[k]! - strides[k]![d]! * dims[d]!;
      index[d] = 0;
    }
  }
  return {
    rowLength,
    rowCount,
    rowSteps: strides.map((s) => (rank === 0 ? 0 : s[rank - 1]!)),
    rowStarts,
  };
}
