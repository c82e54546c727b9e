import type { NearestMode, TensorInfo } from '../../backend/kernels.js';
import { allocate, type TypedArray } from '../../dtype.js';
import { sizeOf, type Shape } from '../../shape.js';

/**
 * NHWC bilinear and nearest-neighbour resizing and their gradients. Resizing is separable: each
 * axis gets a table of source pixels (and blend weights) once per call, then one pass over output
 * pixels runs a contiguous loop over channels. The gradients walk the same tables and add.
 */

/** Per output index along one axis: the two source indices and the weight of the upper one. */
interface LerpAxis {
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly frac: Float64Array;
}

/** PyTorch's `area_pixel_compute_source_index` + `compute_source_index_and_lambda`. */
function lerpAxis(inSize: number, outSize: number, alignCorners: boolean): LerpAxis {
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const frac = new Float64Array(outSize);
  const scale = alignCorners ? (outSize > 1 ? (inSize - 1) / (outSize - 1) : 0) : inSize / outSize;
  for (let o = 0; o < outSize; o++) {
    const src = alignCorners ? o * scale : Math.max((o + 0.5) * scale - 0.5, 0);
    const i0 = Math.min(Math.floor(src), inSize - 1);
    lo[o] = i0;
    hi[o] = Math.min(i0 + 1, inSize - 1);
    frac[o] = src - i0;
  }
  return { lo, hi, frac };
}

/** Source index per output index: `floor(o·in/out)` or `floor((o + 0.5)·in/out)`, clamped to `in - 1` (exact in doubles). */
function nearestAxis(inSize: number, outSize: number, mode: NearestMode): Int32Array {
  const src = new Int32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const index = mode === 'nearest' ? Math.floor((o * inSize) / outSize) : Math.floor(((2 * o + 1) * inSize) / (2 * outSize));
    src[o] = Math.min(index, inSize - 1);
  }
  return src;
}

/** `[batch, inH, inW, channels, outH, outW]` of a resize from `inShape` to `outShape`. */
function dims(inShape: Shape, outShape: Shape): [number, number, number, number, number, number] {
  return [inShape[0]!, inShape[1]!, inShape[2]!, inShape[3]!, outShape[1]!, outShape[2]!];
}

export function resizeBilinear(x: TensorInfo<TypedArray>, alignCorners: boolean, outShape: Shape): TypedArray {
  const [batch, inH, inW, C, outH, outW] = dims(x.shape, outShape);
  const rows = lerpAxis(inH, outH, alignCorners);
  const cols = lerpAxis(inW, outW, alignCorners);
  const a = x.handle;
  const out = allocate(x.dtype, sizeOf(outShape));
  let o = 0;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      const top = (n * inH + rows.lo[oh]!) * inW;
      const bottom = (n * inH + rows.hi[oh]!) * inW;
      const fh = rows.frac[oh]!;
      for (let ow = 0; ow < outW; ow++, o += C) {
        const left = cols.lo[ow]!;
        const right = cols.hi[ow]!;
        const fw = cols.frac[ow]!;
        const tl = (top + left) * C;
        const tr = (top + right) * C;
        const bl = (bottom + left) * C;
        const br = (bottom + right) * C;
        const wtl = (1 - fh) * (1 - fw);
        const wtr = (1 - fh) * fw;
        const wbl = fh * (1 - fw);
        const wbr = fh * fw;
        for (let c = 0; c < C; c++) {
          out[o + c] = wtl * a[tl + c]! + wtr * a[tr + c]! + wbl * a[bl + c]! + wbr * a[br + c]!;
        }
      }
    }
  }
  return out;
}

export function resizeBilinearBackprop(dy: TensorInfo<TypedArray>, alignCorners: boolean, inputShape: Shape): TypedArray {
  const [batch, inH, inW, C, outH, outW] = dims(inputShape, dy.shape);
  const rows = lerpAxis(inH, outH, alignCorners);
  const cols = lerpAxis(inW, outW, alignCorners);
  const g = dy.handle;
  const dx = allocate(dy.dtype, sizeOf(inputShape));
  let o = 0;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      const top = (n * inH + rows.lo[oh]!) * inW;
      const bottom = (n * inH + rows.hi[oh]!) * inW;
      const fh = rows.frac[oh]!;
      for (let ow = 0; ow < outW; ow++, o += C) {
        const left = cols.lo[ow]!;
        const right = cols.hi[ow]!;
        const fw = cols.frac[ow]!;
        const tl = (top + left) * C;
        const tr = (top + right) * C;
        const bl = (bottom + left) * C;
        const br = (bottom + right) * C;
        const wtl = (1 - fh) * (1 - fw);
        const wtr = (1 - fh) * fw;
        const wbl = fh * (1 - fw);
        const wbr = fh * fw;
        for (let c = 0; c < C; c++) {
          const v = g[o + c]!;
          dx[tl + c] = dx[tl + c]! + wtl * v;
          dx[tr + c] = dx[tr + c]! + wtr * v;
          dx[bl + c] = dx[bl + c]! + wbl * v;
          dx[br + c] = dx[br + c]! + wbr * v;
        }
      }
    }
  }
  return dx;
}

export function resizeNearest(x: TensorInfo<TypedArray>, mode: NearestMode, outShape: Shape): TypedArray {
  const [batch, inH, inW, C, outH, outW] = dims(x.shape, outShape);
  const rows = nearestAxis(inH, outH, mode);
  const cols = nearestAxis(inW, outW, mode);
  const a = x.handle;
  const out = allocate(x.dtype, sizeOf(outShape));
  let o = 0;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      const row = (n * inH + rows[oh]!) * inW;
      for (let ow = 0; ow < outW; ow++, o += C) {
        const s = (row + cols[ow]!) * C;
        for (let c = 0; c < C; c++) out[o + c] = a[s + c]!;
      }
    }
  }
  return out;
}

export function resizeNearestBackprop(dy: TensorInfo<TypedArray>, mode: NearestMode, inputShape: Shape): TypedArray {
  const [batch, inH, inW, C, outH, outW] = dims(inputShape, dy.shape);
  const rows = nearestAxis(inH, outH, mode);
  const cols = nearestAxis(inW, outW, mode);
  const g = dy.handle;
  const dx = allocate(dy.dtype, sizeOf(inputShape));
  let o = 0;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      const row = (n * inH + rows[oh]!) * inW;
      for (let ow = 0; ow < outW; ow++, o += C) {
        const s = (row + cols[ow]!) * C;
        for (let c = 0; c < C; c++) dx[s + c] = dx[s + c]! + g[o + c]!;
      }
    }
  }
  return dx;
}
