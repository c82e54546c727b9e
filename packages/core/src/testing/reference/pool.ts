/**
 * Reference pooling on NHWC arrays: the explicit list of in-bounds values of each window.
 */
import { build, nd, type NdArray } from './array.js';
import { pair, resolvePads, type RefPadding, type RefPair } from './conv-geometry.js';

/** Options of the reference pooling ops. */
export interface RefPoolOptions {
  /** Window `[h, w]` or one number. */
  size: RefPair;
  /** Step (defaults to the window size). */
  strides?: RefPair;
  /** 'valid' (default), 'same', a number, or `[[top, bottom], [left, right]]`. */
  padding?: RefPadding;
}

function pool(x: NdArray, options: RefPoolOptions, reduce: (values: number[]) => number): NdArray {
  const [N, H, W, C] = x.shape as [number, number, number, number];
  const size = pair(options.size, 1);
  const [sh, sw] = options.strides === undefined ? size : pair(options.strides, 1);
  const p = resolvePads(options.padding ?? 'valid', H, W, size, [sh, sw]);
  const OH = Math.floor((H + p.top + p.bottom - size[0]) / sh) + 1;
  const OW = Math.floor((W + p.left + p.right - size[1]) / sw) + 1;
  const out = new Float64Array(N * OH * OW * C);
  for (let n = 0; n < N; n++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++)
        for (let c = 0; c < C; c++) {
          const values: number[] = [];
          for (let i = 0; i < size[0]; i++)
            for (let j = 0; j < size[1]; j++) {
              const ih = oh * sh - p.top + i;
              const iw = ow * sw - p.left + j;
              if (ih >= 0 && ih < H && iw >= 0 && iw < W) values.push(x.data[((n * H + ih) * W + iw) * C + c]!);
            }
          out[((n * OH + oh) * OW + ow) * C + c] = reduce(values);
        }
  return nd([N, OH, OW, C], out, x.dtype);
}

/** Max over the in-bounds part of each window (padding never wins). */
export function maxPool2d(x: NdArray, options: RefPoolOptions): NdArray {
  return pool(x, options, (v) => Math.max(...v));
}

/** Mean over the in-bounds part of each window (padding not counted). */
export function avgPool2d(x: NdArray, options: RefPoolOptions): NdArray {
  return pool(x, options, (v) => v.reduce((s, a) => s + a, 0) / v.length);
}

/** Adaptive average pooling: output `i` averages inputs `floor(i·in/out) .. ceil((i+1)·in/out) - 1` per axis. */
export function adaptiveAvgPool2d(x: NdArray, size: RefPair): NdArray {
  const [N, H, W, C] = x.shape as [number, number, number, number];
  const [OH, OW] = pair(size, 1);
  return build([N, OH, OW, C], x.dtype, ([n, oh, ow, c]) => {
    const h0 = Math.floor((oh! * H) / OH);
    const h1 = Math.ceil(((oh! + 1) * H) / OH);
    const w0 = Math.floor((ow! * W) / OW);
    const w1 = Math.ceil(((ow! + 1) * W) / OW);
    let s = 0;
    for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) s += x.data[((n! * H + h) * W + w) * C + c!]!;
    return s / ((h1 - h0) * (w1 - w0));
  });
}
