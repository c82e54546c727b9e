import type { Pool2dAttrs, Shape, TensorInfo } from '@dlkit/core';
import type { Gpu } from '../gpu.js';
import type { GpuStorage } from '../storage.js';
import { FLOAT_HELPERS, gridGroups, gridStride } from '../wgsl.js';
import { unflatten } from './conv.js';

// NHWC float32 pooling, one thread per output (or, for gradients, per input) element.
// p: n, batch, inH, inW, channels, outH, outW, kh, kw, strideH, strideW, top, left.
const GEOMETRY = `
  let batch = i32(p[1]); let inH = i32(p[2]); let inW = i32(p[3]); let C = i32(p[4]);
  let outH = i32(p[5]); let outW = i32(p[6]); let kh = i32(p[7]); let kw = i32(p[8]);
  let sh = i32(p[9]); let sw = i32(p[10]); let top = i32(p[11]); let left = i32(p[12]);`;

const size = (shape: Shape): number => shape.reduce((s, d) => s * d, 1);

function params(n: number, x: Shape, out: Shape, attrs: Pool2dAttrs): Uint32Array {
  return Uint32Array.from([n, x[0]!, x[1]!, x[2]!, x[3]!, out[1]!, out[2]!, attrs.size[0], attrs.size[1], attrs.strides[0], attrs.strides[1], attrs.pads.top, attrs.pads.left]);
}

function shader(inputs: number, body: string): string {
  const bindings = Array.from({ length: inputs }, (_, k) => `@group(0) @binding(${k}) var<storage, read> in${k}: array<f32>;`).join('\n');
  return `${FLOAT_HELPERS}
${bindings}
@group(0) @binding(${inputs}) var<storage, read_write> o: array<f32>;
@group(0) @binding(${inputs + 1}) var<storage, read> p: array<u32>;
// The flat index of the first maximum of window (oh, ow) of image nb, channel c: larger, or the first NaN.
fn windowArgMax(nb: i32, oh: i32, ow: i32, c: i32) -> i32 {
  ${GEOMETRY}
  var best = 0.0;
  var at = -1;
  for (var y = max(oh * sh - top, 0); y < min(oh * sh - top + kh, inH); y++) {
    for (var z = max(ow * sw - left, 0); z < min(ow * sw - left + kw, inW); z++) {
      let s = ((nb * inH + y) * inW + z) * C + c;
      let v = in${inputs - 1}[s];
      if (at < 0 || (v > best && !isnan(best)) || (isnan(v) && !isnan(best))) { best = v; at = s; }
    }
  }
  return at;
}
${gridStride('p[0]')}
    ${GEOMETRY}
    ${body}
  }
}`;
}

/** The maximum of each window; a window holding NaN gives NaN. */
export function maxPool2d(gpu: Gpu, x: TensorInfo<GpuStorage>, attrs: Pool2dAttrs, outShape: Shape): GpuStorage | undefined {
  if (x.dtype !== 'float32') return undefined;
  const n = size(outShape);
  const out = gpu.allocate(n);
  if (n === 0) return out;
  gpu.dispatch('maxPool2d', () => shader(1, `${unflatten('i', [['c', 'C'], ['ow', 'outW'], ['oh', 'outH'], ['nb', 'batch']])}
    o[i] = in0[windowArgMax(nb, oh, ow, c)];`), [x.handle], out, params(n, x.shape, outShape, attrs), [gridGroups(n)]);
  return out;
}

/** Each input element sums the `dy` of the windows whose first maximum it is. */
export function maxPool2dBackprop(gpu: Gpu, dy: TensorInfo<GpuStorage>, x: TensorInfo<GpuStorage>, attrs: Pool2dAttrs): GpuStorage | undefined {
  if (x.dtype !== 'float32') return undefined;
  const n = size(x.shape);
  const out = gpu.allocate(n);
  if (n === 0) return out;
  gpu.dispatch('maxPool2dBackprop', () => shader(2, `${unflatten('i', [['c', 'C'], ['iw', 'inW'], ['ih', 'inH'], ['nb', 'batch']])}
    var acc = 0.0;
    for (var y = 0; y < kh; y++) {
      let hs = ih + top - y;
      if (hs < 0 || hs % sh != 0 || hs / sh >= outH) { continue; }
      for (var z = 0; z < kw; z++) {
        let ws = iw + left - z;
        if (ws < 0 || ws % sw != 0 || ws / sw >= outW) { continue; }
        if (windowArgMax(nb, hs / sh, ws / sw, c) == i32(i)) { acc += in0[((nb * outH + hs / sh) * outW + ws / sw) * C + c]; }
      }
    }
    o[i] = acc;`), [dy.handle, x.handle], out, params(n, x.shape, dy.shape, attrs), [gridGroups(n)]);
  return out;
}

/** Mean over the in-bounds part of each window (padding is not counted). */
export function avgPool2d(gpu: Gpu, x: TensorInfo<GpuStorage>, attrs: Pool2dAttrs, outShape: Shape): GpuStorage | undefined {
  if (x.dtype !== 'float32') return undefined;
  const n = size(outShape);
  const out = gpu.allocate(n);
  if (n === 0) return out;
  gpu.dispatch('avgPool2d', () => shader(1, `${unflatten('i', [['c', 'C'], ['ow', 'outW'], ['oh', 'outH'], ['nb', 'batch']])}
    var acc = 0.0;
    var count = 0;
    for (var y = max(oh * sh - top, 0); y < min(oh * sh - top + kh, inH); y++) {
      for (var z = max(ow * sw - left, 0); z < min(ow * sw - left + kw, inW); z++) {
        acc += in0[((nb * inH + y) * inW + z) * C + c];
        count++;
      }
    }
    o[i] = acc / f32(count);`), [x.handle], out, params(n, x.shape, outShape, attrs), [gridGroups(n)]);
  return out;
}

/** Gradient of avgPool2d: each input element gathers `dy / count` of the windows holding it. */
export function avgPool2dBackprop(gpu: Gpu, dy: TensorInfo<GpuStorage>, attrs: Pool2dAttrs, inputShape: Shape): GpuStorage | undefined {
  if (dy.dtype !== 'float32') return undefined;
  const n = size(inputShape);
  const out = gpu.allocate(n);
  if (n === 0) return out;
  gpu.dispatch('avgPool2dBackprop', () => shader(1, `${unflatten('i', [['c', 'C'], ['iw', 'inW'], ['ih', 'inH'], ['nb', 'batch']])}
    var acc = 0.0;
    for (var y = 0; y < kh; y++) {
      let hs = ih + top - y;
      if (hs < 0 || hs % sh != 0 || hs / sh >= outH) { continue; }
      let h0 = hs - top;
      let rows = min(h0 + kh, inH) - max(h0, 0);
      for (var z = 0; z < kw; z++) {
        let ws = iw + left - z;
        if (ws < 0 || ws % sw != 0 || ws / sw >= outW) { continue; }
        let w0 = ws - left;
        let cols = min(w0 + kw, inW) - max(w0, 0);
        acc += in0[((nb * outH + hs / sh) * outW + ws / sw) * C + c] / f32(rows * cols);
      }
    }
    o[i] = acc;`), [dy.handle], out, params(n, inputShape, dy.shape, attrs), [gridGroups(n)]);
  return out;
}
