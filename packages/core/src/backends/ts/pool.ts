import type { Pool2dAttrs, TensorInfo } from '../../backend/kernels.js';
import { allocate, type TypedArray } from '../../dtype.js';
import { sizeOf, type Shape } from '../../shape.js';

/**
 * NHWC max and average pooling and their gradients as plain loops: for each output pixel, the
 * in-bounds part of its window (padding never takes part), and for each window pixel a
 * contiguous loop over channels (channels are innermost in NHWC).
 *
 * Windows are never empty: the front end keeps padding smaller than the window. A NaN in a
 * window makes its maximum NaN (as Math.max, NumPy and PyTorch do) and takes its gradient.
 */

interface PoolGeometry {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly channels: number;
  readonly outH: number;
  readonly outW: number;
  readonly fh: number;
  readonly fw: number;
  readonly sh: number;
  readonly sw: number;
  readonly top: number;
  readonly left: number;
}

function poolGeometry(inShape: Shape, outH: number, outW: number, attrs: Pool2dAttrs): PoolGeometry {
  const [batch, inH, inW, channels] = inShape as [number, number, number, number];
  return {
    batch, inH, inW, channels, outH, outW,
    fh: attrs.size[0], fw: attrs.size[1], sh: attrs.strides[0], sw: attrs.strides[1], top: attrs.pads.top, left: attrs.pads.left,
  };
}

/**
 * Two-slot scratch for branch-free selection: `pick[0] = a; pick[1] = b; pick[cond]` compiles to
 * stores and an indexed load, where `cond ? b : a` is a branch that random data mispredicts half
 * the time (4× slower on a 2×2 max pool).
 */
const pick = new Float64Array(2);

/** 1 when `v` should replace the running maximum `m`: larger, or NaN (NaN propagates, as in Math.max and PyTorch). */
function beats(v: number, m: number): number {
  return +(v > m) | (+(v !== v) & +(m === m));
}

export function maxPool2d(x: TensorInfo<TypedArray>, attrs: Pool2dAttrs, outShape: Shape): TypedArray {
  const { batch, inH, inW, channels: C, outH, outW, fh, fw, sh, sw, top, left } = poolGeometry(x.shape, outShape[1]!, outShape[2]!, attrs);
  const a = x.handle;
  const out = allocate(x.dtype, sizeOf(outShape));
  const acc = new Float64Array(C);
  const sel = pick;
  let o = 0;
  for (let n = 0; n < batch; n++) {
    const image = n * inH;
    for (let oh = 0; oh < outH; oh++) {
      const hs = oh * sh - top;
      const h0 = Math.max(hs, 0);
      const h1 = Math.min(hs + fh, inH);
      for (let ow = 0; ow < outW; ow++, o += C) {
        const ws = ow * sw - left;
        const w0 = Math.max(ws, 0);
        const w1 = Math.min(ws + fw, inW);
        const first = ((image + h0) * inW + w0) * C;
        for (let c = 0; c < C; c++) acc[c] = a[first + c]!;
        for (let ih = h0; ih < h1; ih++) {
          for (let iw = w0, s = ((image + ih) * inW + w0) * C; iw < w1; iw++, s += C) {
            if (s === first) continue;
            for (let c = 0; c < C; c++) {
              const v = a[s + c]!;
              const m = acc[c]!;
              sel[0] = m;
              sel[1] = v;
              acc[c] = sel[beats(v, m)]!;
            }
          }
        }
        for (let c = 0; c < C; c++) out[o + c] = acc[c]!;
      }
    }
  }
  return out;
}

export function maxPool2dBackprop(dy: TensorInfo<TypedArray>, x: TensorInfo<TypedArray>, attrs: Pool2dAttrs): TypedArray {
  const { batch, inH, inW, channels: C, outH, outW, fh, fw, sh, sw, top, left } = poolGeometry(x.shape, dy.shape[1]!, dy.shape[2]!, attrs);
  const a = x.handle;
  const g = dy.handle;
  const dx = allocate(x.dtype, a.length);
  // Per channel: the first window position (row-major scan) holding the maximum.
  const best = new Float64Array(C);
  const argBest = new Int32Array(C);
  const sel = pick;
  let o = 0;
  for (let n = 0; n < batch; n++) {
    const image = n * inH;
    for (let oh = 0; oh < outH; oh++) {
      const hs = oh * sh - top;
      const h0 = Math.max(hs, 0);
      const h1 = Math.min(hs + fh, inH);
      for (let ow = 0; ow < outW; ow++, o += C) {
        const ws = ow * sw - left;
        const w0 = Math.max(ws, 0);
        const w1 = Math.min(ws + fw, inW);
        const first = ((image + h0) * inW + w0) * C;
        for (let c = 0; c < C; c++) {
          best[c] = a[first + c]!;
          argBest[c] = first + c;
        }
        for (let ih = h0; ih < h1; ih++) {
          for (let iw = w0, s = ((image + ih) * inW + w0) * C; iw < w1; iw++, s += C) {
            if (s === first) continue;
            for (let c = 0; c < C; c++) {
              const v = a[s + c]!;
              const m = best[c]!;
              const t = beats(v, m);
              sel[0] = m;
              sel[1] = v;
              best[c] = sel[t]!;
              const arg = argBest[c]!;
              argBest[c] = arg + t * (s + c - arg);
            }
          }
        }
        for (let c = 0; c < C; c++) {
          const at = argBest[c]!;
          dx[at] = dx[at]! + g[o + c]!;
        }
      }
    }
  }
  return dx;
}

export function avgPool2d(x: TensorInfo<TypedArray>, attrs: Pool2dAttrs, outShape: Shape): TypedArray {
  const { batch, inH, inW, channels: C, outH, outW, fh, fw, sh, sw, top, left } = poolGeometry(x.shape, outShape[1]!, outShape[2]!, attrs);
  const a = x.handle;
  const out = allocate(x.dtype, sizeOf(outShape));
  const acc = new Float64Array(C);
  let o = 0;
  for (let n = 0; n < batch; n++) {
    const image = n * inH;
    for (let oh = 0; oh < outH; oh++) {
      const hs = oh * sh - top;
      const h0 = Math.max(hs, 0);
      const h1 = Math.min(hs + fh, inH);
      for (let ow = 0; ow < outW; ow++, o += C) {
        const ws = ow * sw - left;
        const w0 = Math.max(ws, 0);
        const w1 = Math.min(ws + fw, inW);
        acc.fill(0);
        for (let ih = h0; ih < h1; ih++) {
          for (let iw = w0, s = ((image + ih) * inW + w0) * C; iw < w1; iw++, s += C) {
            for (let c = 0; c < C; c++) acc[c] = acc[c]! + a[s + c]!;
          }
        }
        const scale = 1 / ((h1 - h0) * (w1 - w0));
        for (let c = 0; c < C; c++) out[o + c] = acc[c]! * scale;
      }
    }
  }
  return out;
}

export function avgPool2dBackprop(dy: TensorInfo<TypedArray>, attrs: Pool2dAttrs, inputShape: Shape): TypedArray {
  const { batch, inH, inW, channels: C, outH, outW, fh, fw, sh, sw, top, left } = poolGeometry(inputShape, dy.shape[1]!, dy.shape[2]!, attrs);
  const g = dy.handle;
  const dx = allocate(dy.dtype, sizeOf(inputShape));
  let o = 0;
  for (let n = 0; n < batch; n++) {
    const image = n * inH;
    for (let oh = 0; oh < outH; oh++) {
      const hs = oh * sh - top;
      const h0 = Math.max(hs, 0);
      const h1 = Math.min(hs + fh, inH);
      for (let ow = 0; ow < outW; ow++, o += C) {
        const ws = ow * sw - left;
        const w0 = Math.max(ws, 0);
        const w1 = Math.min(ws + fw, inW);
        const scale = 1 / ((h1 - h0) * (w1 - w0));
        for (let ih = h0; ih < h1; ih++) {
          for (let iw = w0, s = ((image + ih) * inW + w0) * C; iw < w1; iw++, s += C) {
            for (let c = 0; c < C; c++) dx[s + c] = dx[s + c]! + g[o + c]! * scale;
          }
        }
      }
    }
  }
  return dx;
}

/** PyTorch's adaptive windows along one axis: output `i` covers `[floor(i·in/out), ceil((i+1)·in/out))`. */
function adaptiveWindows(inSize: number, outSize: number): { start: Int32Array; end: Int32Array } {
  const start = new Int32Array(outSize);
  const end = new Int32Array(outSize);
  for (let i = 0; i < outSize; i++) {
    start[i] = Math.floor((i * inSize) / outSize);
    end[i] = Math.ceil(((i + 1) * inSize) / outSize);
  }
  return { start, end };
}

export function adaptiveAvgPool2d(x: TensorInfo<TypedArray>, outShape: Shape): TypedArray {
  const [batch, inH, inW, C] = x.shape as [number, number, number, number];
  const outH = outShape[1]!;
  const outW = outShape[2]!;
  const rows = adaptiveWindows(inH, outH);
  const cols = adaptiveWindows(inW, outW);
  const a = x.handle;
  const out = allocate(x.dtype, sizeOf(outShape));
  const acc = new Float64Array(C);
  let o = 0;
  for (let n = 0; n < batch; n++) {
    const image = n * inH;
    for (let oh = 0; oh < outH; oh++) {
      const h0 = rows.start[oh]!;
      const h1 = rows.end[oh]!;
      for (let ow = 0; ow < outW; ow++, o += C) {
        const w0 = cols.start[ow]!;
        const w1 = cols.end[ow]!;
        acc.fill(0);
        for (let ih = h0; ih < h1; ih++) {
          for (let iw = w0, s = ((image + ih) * inW + w0) * C; iw < w1; iw++, s += C) {
            for (let c = 0; c < C; c++) acc[c] = acc[c]! + a[s + c]!;
          }
        }
        const scale = 1 / ((h1 - h0) * (w1 - w0));
        for (let c = 0; c < C; c++) out[o + c] = acc[c]! * scale;
      }
    }
  }
  return out;
}

export function adaptiveAvgPool2dBackprop(dy: TensorInfo<TypedArray>, inputShape: Shape): TypedArray {
  const [batch, inH, inW, C] = inputShape as [number, number, number, number];
  const outH = dy.shape[1]!;
  const outW = dy.shape[2]!;
  const rows = adaptiveWindows(inH, outH);
  const cols = adaptiveWindows(inW, outW);
  const g = dy.handle;
  const dx = allocate(dy.dtype, sizeOf(inputShape));
  let o = 0;
  for (let n = 0; n < batch; n++) {
    const image = n * inH;
    for (let oh = 0; oh < outH; oh++) {
      const h0 = rows.start[oh]!;
      const h1 = rows.end[oh]!;
      for (let ow = 0; ow < outW; ow++, o += C) {
        const w0 = cols.start[ow]!;
        const w1 = cols.end[ow]!;
        const scale = 1 / ((h1 - h0) * (w1 - w0));
        for (let ih = h0; ih < h1; ih++) {
          for (let iw = w0, s = ((image + ih) * inW + w0) * C; iw < w1; iw++, s += C) {
            for (let c = 0; c < C; c++) dx[s + c] = dx[s + c]! + g[o + c]! * scale;
          }
        }
      }
    }
  }
  return dx;
}
