import type { Conv2dAttrs, Shape, TensorInfo } from '@dlkit/core';
import type { Gpu } from '../gpu.js';
import type { GpuStorage } from '../storage.js';
import { gridGroups, gridStride } from '../wgsl.js';

// Direct NHWC convolutions in float32, one thread per output element. p: n, then the geometry
// (batch, inH, inW, inC, outH, outW, outC, kh, kw, strideH, strideW, dilationH, dilationW, top,
// left, groups) at p[1..16].
const GEOMETRY = `
  let batch = i32(p[1]); let inH = i32(p[2]); let inW = i32(p[3]); let inC = i32(p[4]);
  let outH = i32(p[5]); let outW = i32(p[6]); let outC = i32(p[7]); let kh = i32(p[8]); let kw = i32(p[9]);
  let sh = i32(p[10]); let sw = i32(p[11]); let dh = i32(p[12]); let dw = i32(p[13]); let top = i32(p[14]); let left = i32(p[15]);
  let cpg = inC / i32(p[16]); let opg = outC / i32(p[16]);`;

const BINDINGS = `
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> o: array<f32>;
@group(0) @binding(3) var<storage, read> p: array<u32>;`;

/** WGSL splitting flat index `index` into named coordinates, innermost dim first. */
export function unflatten(index: string, names: readonly [string, string][]): string {
  return `var rest = i32(${index});\n${names.map(([name, extent]) => `    let ${name} = rest % ${extent}; rest = rest / ${extent};`).join('\n')}`;
}

const size = (shape: Shape): number => shape.reduce((s, d) => s * d, 1);

function params(n: number, x: Shape, out: Shape, filter: Shape, attrs: Conv2dAttrs): Uint32Array {
  return Uint32Array.from([
    n, x[0]!, x[1]!, x[2]!, x[3]!, out[1]!, out[2]!, out[3]!, filter[0]!, filter[1]!,
    attrs.strides[0], attrs.strides[1], attrs.dilations[0], attrs.dilations[1], attrs.pads.top, attrs.pads.left, attrs.groups,
  ]);
}

/** Cross-correlation of float32 NHWC `x` with `[kh, kw, cIn/groups, cOut]` filters into `outShape`. */
export function conv2d(gpu: Gpu, x: TensorInfo<GpuStorage>, filter: TensorInfo<GpuStorage>, attrs: Conv2dAttrs, outShape: Shape): GpuStorage | undefined {
  if (x.dtype !== 'float32') return undefined;
  const n = size(outShape);
  const out = gpu.allocate(n);
  if (n === 0) return out;
  gpu.dispatch('conv2d', () => `${BINDINGS}
${gridStride('p[0]')}
    ${GEOMETRY}
    ${unflatten('i', [['co', 'outC'], ['ow', 'outW'], ['oh', 'outH'], ['nb', 'batch']])}
    let g = co / opg;
    var acc = 0.0;
    for (var y = 0; y < kh; y++) {
      let ih = oh * sh - top + y * dh;
      if (ih < 0 || ih >= inH) { continue; }
      for (var z = 0; z < kw; z++) {
        let iw = ow * sw - left + z * dw;
        if (iw < 0 || iw >= inW) { continue; }
        let xBase = ((nb * inH + ih) * inW + iw) * inC + g * cpg;
        let fBase = (y * kw + z) * cpg * outC + co;
        for (var c = 0; c < cpg; c++) { acc += a[xBase + c] * b[fBase + c * outC]; }
      }
    }
    o[i] = acc;
  }
}`, [x.handle, filter.handle], out, params(n, x.shape, outShape, filter.shape, attrs), [gridGroups(n)]);
  return out;
}

/** Gradient of conv2d with respect to its input: each input element gathers the outputs it fed. */
export function conv2dBackpropInput(gpu: Gpu, dy: TensorInfo<GpuStorage>, filter: TensorInfo<GpuStorage>, attrs: Conv2dAttrs, inputShape: Shape): GpuStorage | undefined {
  if (dy.dtype !== 'float32') return undefined;
  const n = size(inputShape);
  const out = gpu.allocate(n);
  if (n === 0) return out;
  gpu.dispatch('conv2dBackpropInput', () => `${BINDINGS}
${gridStride('p[0]')}
    ${GEOMETRY}
    ${unflatten('i', [['c', 'inC'], ['iw', 'inW'], ['ih', 'inH'], ['nb', 'batch']])}
    let g = c / cpg;
    let ci = c % cpg;
    var acc = 0.0;
    for (var y = 0; y < kh; y++) {
      let hs = ih + top - y * dh;
      if (hs < 0 || hs % sh != 0 || hs / sh >= outH) { continue; }
      for (var z = 0; z < kw; z++) {
        let ws = iw + left - z * dw;
        if (ws < 0 || ws % sw != 0 || ws / sw >= outW) { continue; }
        let dyBase = ((nb * outH + hs / sh) * outW + ws / sw) * outC + g * opg;
        let fBase = ((y * kw + z) * cpg + ci) * outC + g * opg;
        for (var k = 0; k < opg; k++) { acc += a[dyBase + k] * b[fBase + k]; }
      }
    }
    o[i] = acc;
  }
}`, [dy.handle, filter.handle], out, params(n, inputShape, dy.shape, filter.shape, attrs), [gridGroups(n)]);
  return out;
}

/** Gradient of conv2d with respect to its filter: each filter element sums over batch and output positions. */
export function conv2dBackpropFilter(gpu: Gpu, x: TensorInfo<GpuStorage>, dy: TensorInfo<GpuStorage>, attrs: Conv2dAttrs, filterShape: Shape): GpuStorage | undefined {
  if (x.dtype !== 'float32') return undefined;
  const n = size(filterShape);
  const out = gpu.allocate(n);
  if (n === 0) return out;
  gpu.dispatch('conv2dBackpropFilter', () => `${BINDINGS}
${gridStride('p[0]')}
    ${GEOMETRY}
    ${unflatten('i', [['co', 'outC'], ['ci', 'cpg'], ['z', 'kw'], ['y', 'kh']])}
    let c = (co / opg) * cpg + ci;
    var acc = 0.0;
    for (var nb = 0; nb < batch; nb++) {
      for (var oh = 0; oh < outH; oh++) {
        let ih = oh * sh - top + y * dh;
        if (ih < 0 || ih >= inH) { continue; }
        for (var ow = 0; ow < outW; ow++) {
          let iw = ow * sw - left + z * dw;
          if (iw < 0 || iw >= inW) { continue; }
          acc += a[((nb * inH + ih) * inW + iw) * inC + c] * b[((nb * outH + oh) * outW + ow) * outC + co];
        }
      }
    }
    o[i] = acc;
  }
}`, [x.handle, dy.handle], out, params(n, x.shape, dy.shape, filterShape, attrs), [gridGroups(n)]);
  return out;
}
