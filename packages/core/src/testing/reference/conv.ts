/**
 * Reference convolutions on NHWC arrays, as direct nested loops over output pixels and filter
 * taps (no im2col, no gemm). Padding follows TensorFlow's `'same'` rule.
 */
import { nd, type NdArray } from './array.js';
import { pair, resolvePads, sameSplit, type RefPadding, type RefPair } from './conv-geometry.js';

/** Options of the reference {@link conv2d}. */
export interface RefConv2dOptions {
  /** Window step (default 1). */
  strides?: RefPair;
  /** 'valid' (default), 'same', a number, or `[[top, bottom], [left, right]]`. */
  padding?: RefPadding;
  /** Spacing of filter taps (default 1). */
  dilations?: RefPair;
  /** Channel groups (default 1). */
  groups?: number;
}

/**
 * `out[n, oh, ow, co] = Σ x[n, oh·sh - top + i·dh, ow·sw - left + j·dw, g·cg + c] · f[i, j, c, co]`
 * over taps `(i, j)` and the `cg` channels of `co`'s group `g` (zero outside the image).
 */
export function conv2d(x: NdArray, f: NdArray, options: RefConv2dOptions = {}): NdArray {
  const [N, H, W, C] = x.shape as [number, number, number, number];
  const [KH, KW, CG, CO] = f.shape as [number, number, number, number];
  const groups = options.groups ?? 1;
  const [sh, sw] = pair(options.strides, 1);
  const [dh, dw] = pair(options.dilations, 1);
  const window: [number, number] = [(KH - 1) * dh + 1, (KW - 1) * dw + 1];
  const p = resolvePads(options.padding ?? 'valid', H, W, window, [sh, sw]);
  const OH = Math.floor((H + p.top + p.bottom - window[0]) / sh) + 1;
  const OW = Math.floor((W + p.left + p.right - window[1]) / sw) + 1;
  const perGroupOut = CO / groups;
  const out = new Float64Array(N * OH * OW * CO);
  for (let n = 0; n < N; n++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++)
        for (let co = 0; co < CO; co++) {
          const g = Math.floor(co / perGroupOut);
          let s = 0;
          for (let i = 0; i < KH; i++)
            for (let j = 0; j < KW; j++) {
              const ih = oh * sh - p.top + i * dh;
              const iw = ow * sw - p.left + j * dw;
              if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
              for (let c = 0; c < CG; c++) {
                s += x.data[((n * H + ih) * W + iw) * C + g * CG + c]! * f.data[((i * KW + j) * CG + c) * CO + co]!;
              }
            }
          out[((n * OH + oh) * OW + ow) * CO + co] = s;
        }
  return nd([N, OH, OW, CO], out, x.dtype);
}

/** Options of the reference {@link conv2dTranspose}. */
export interface RefConv2dTransposeOptions {
  /** Step of the forward conv this transposes (default 1). */
  strides?: RefPair;
  /** Padding of that forward conv. */
  padding?: RefPadding;
  /** Spacing of filter taps (default 1). */
  dilations?: RefPair;
  /** Explicit `[height, width]` of the output. */
  outputSize?: readonly [number, number];
}

/**
 * Transposed convolution with filter `[kh, kw, cOut, cIn]`: every input pixel scatters
 * `x[n, ih, iw, ci] · f[i, j, co, ci]` to output pixel `(ih·sh - top + i·dh, iw·sw - left + j·dw)`.
 * The output size is `outputSize`, else `in·s` for 'same', else `(in - 1)·s + window - pads`.
 */
export function conv2dTranspose(x: NdArray, f: NdArray, options: RefConv2dTransposeOptions = {}): NdArray {
  const [N, H, W, CI] = x.shape as [number, number, number, number];
  const [KH, KW, CO] = f.shape as [number, number, number, number];
  const [sh, sw] = pair(options.strides, 1);
  const [dh, dw] = pair(options.dilations, 1);
  const window: [number, number] = [(KH - 1) * dh + 1, (KW - 1) * dw + 1];
  const padding = options.padding ?? 'valid';
  let OH: number;
  let OW: number;
  if (options.outputSize) [OH, OW] = options.outputSize;
  else if (padding === 'same') [OH, OW] = [H * sh, W * sw];
  else {
    const q = resolvePads(padding, 0, 0, window, [sh, sw]);
    OH = (H - 1) * sh + window[0] - q.top - q.bottom;
    OW = (W - 1) * sw + window[1] - q.left - q.right;
  }
  // The pads are those of the forward conv that maps the output size back to the input size.
  const p = resolvePads(padding, OH, OW, window, [sh, sw]);
  const out = new Float64Array(N * OH * OW * CO);
  for (let n = 0; n < N; n++)
    for (let ih = 0; ih < H; ih++)
      for (let iw = 0; iw < W; iw++)
        for (let i = 0; i < KH; i++)
          for (let j = 0; j < KW; j++) {
            const oh = ih * sh - p.top + i * dh;
            const ow = iw * sw - p.left + j * dw;
            if (oh < 0 || oh >= OH || ow < 0 || ow >= OW) continue;
            for (let co = 0; co < CO; co++)
              for (let ci = 0; ci < CI; ci++) {
                out[((n * OH + oh) * OW + ow) * CO + co]! += x.data[((n * H + ih) * W + iw) * CI + ci]! * f.data[((i * KW + j) * CO + co) * CI + ci]!;
              }
          }
  return nd([N, OH, OW, CO], out, x.dtype);
}

/** Depthwise convolution, filter `[kh, kw, c, mult]`: output channel `c·mult + k` convolves input channel `c` with `f[:, :, c, k]`. */
export function depthwiseConv2d(x: NdArray, f: NdArray, options: Omit<RefConv2dOptions, 'groups'> = {}): NdArray {
  const [N, H, W, C] = x.shape as [number, number, number, number];
  const [KH, KW, , M] = f.shape as [number, number, number, number];
  const [sh, sw] = pair(options.strides, 1);
  const [dh, dw] = pair(options.dilations, 1);
  const window: [number, number] = [(KH - 1) * dh + 1, (KW - 1) * dw + 1];
  const p = resolvePads(options.padding ?? 'valid', H, W, window, [sh, sw]);
  const OH = Math.floor((H + p.top + p.bottom - window[0]) / sh) + 1;
  const OW = Math.floor((W + p.left + p.right - window[1]) / sw) + 1;
  const out = new Float64Array(N * OH * OW * C * M);
  for (let n = 0; n < N; n++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++)
        for (let c = 0; c < C; c++)
          for (let k = 0; k < M; k++) {
            let s = 0;
            for (let i = 0; i < KH; i++)
              for (let j = 0; j < KW; j++) {
                const ih = oh * sh - p.top + i * dh;
                const iw = ow * sw - p.left + j * dw;
                if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                s += x.data[((n * H + ih) * W + iw) * C + c]! * f.data[((i * KW + j) * C + c) * M + k]!;
              }
            out[((n * OH + oh) * OW + ow) * C * M + c * M + k] = s;
          }
  return nd([N, OH, OW, C * M], out, x.dtype);
}

/** Options of the reference {@link conv1d}. */
export interface RefConv1dOptions {
  /** Window step (default 1). */
  strides?: number;
  /** 'valid' (default), 'same', a number, or `[before, after]`. */
  padding?: 'valid' | 'same' | number | readonly [number, number];
  /** Spacing of filter taps (default 1). */
  dilations?: number;
  /** Channel groups (default 1). */
  groups?: number;
}

/** 1-D convolution of `[n, length, cIn]` with `[k, cIn/groups, cOut]`, written directly in one dimension. */
export function conv1d(x: NdArray, f: NdArray, options: RefConv1dOptions = {}): NdArray {
  const [N, L, C] = x.shape as [number, number, number];
  const [K, CG, CO] = f.shape as [number, number, number];
  const s = options.strides ?? 1;
  const d = options.dilations ?? 1;
  const groups = options.groups ?? 1;
  const window = (K - 1) * d + 1;
  const padding = options.padding ?? 'valid';
  const [before, after] =
    padding === 'valid' ? [0, 0] : padding === 'same' ? sameSplit(L, window, s) : typeof padding === 'number' ? [padding, padding] : padding;
  const OL = Math.floor((L + before + after - window) / s) + 1;
  const perGroupOut = CO / groups;
  const out = new Float64Array(N * OL * CO);
  for (let n = 0; n < N; n++)
    for (let o = 0; o < OL; o++)
      for (let co = 0; co < CO; co++) {
        const g = Math.floor(co / perGroupOut);
        let acc = 0;
        for (let i = 0; i < K; i++) {
          const l = o * s - before + i * d;
          if (l < 0 || l >= L) continue;
          for (let c = 0; c < CG; c++) acc += x.data[(n * L + l) * C + g * CG + c]! * f.data[(i * CG + c) * CO + co]!;
        }
        out[(n * OL + o) * CO + co] = acc;
      }
  return nd([N, OL, CO], out, x.dtype);
}
