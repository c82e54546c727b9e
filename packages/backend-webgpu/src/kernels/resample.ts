import type { NearestMode, Shape, TensorInfo } from '@dlkit/core';
import { f32Bits, type Gpu } from '../gpu.js';
import type { GpuStorage } from '../storage.js';
import { gridGroups, gridStride } from '../wgsl.js';
import { unflatten } from './conv.js';

/**
 * Resizing and adaptive average pooling are separable linear maps: output row `o` is a weighted
 * sum of a few source rows (its taps), columns likewise. The tap tables are built here once per
 * call in float64 (as the ts kernels build theirs), and one WGSL kernel gathers through them. A
 * gradient is the same kernel through the transposed tables: input row `h` gathers every output row
 * that has a tap on it, with that tap's weight.
 */
type Taps = readonly (readonly [index: number, weight: number])[][];

/** PyTorch's bilinear source index and blend weight per output index: taps lo and hi (hi clamped). */
function bilinearTaps(inSize: number, outSize: number, alignCorners: boolean): Taps {
  const scale = alignCorners ? (outSize > 1 ? (inSize - 1) / (outSize - 1) : 0) : inSize / outSize;
  return Array.from({ length: outSize }, (_, o) => {
    const src = alignCorners ? o * scale : Math.max((o + 0.5) * scale - 0.5, 0);
    const lo = Math.min(Math.floor(src), inSize - 1);
    const frac = src - lo;
    return [[lo, 1 - frac], [Math.min(lo + 1, inSize - 1), frac]];
  });
}

/** The source pixel of each output index (see core's NearestMode). */
function nearestTaps(inSize: number, outSize: number, mode: NearestMode): Taps {
  return Array.from({ length: outSize }, (_, o) => {
    const index = mode === 'nearest' ? Math.floor((o * inSize) / outSize) : Math.floor(((2 * o + 1) * inSize) / (2 * outSize));
    return [[Math.min(index, inSize - 1), 1]];
  });
}

/** PyTorch's adaptive windows `floor(i·in/out) .. ceil((i+1)·in/out)`, each row weighted 1/length. */
function adaptiveTaps(inSize: number, outSize: number): Taps {
  return Array.from({ length: outSize }, (_, i) => {
    const start = Math.floor((i * inSize) / outSize);
    const end = Math.ceil(((i + 1) * inSize) / outSize);
    return Array.from({ length: end - start }, (_, k) => [start + k, 1 / (end - start)] as const);
  });
}

/** The taps of the adjoint map: source index `h` lists every (output index, weight) that reads it. */
function transposeTaps(taps: Taps, inSize: number): Taps {
  const out: [number, number][][] = Array.from({ length: inSize }, () => []);
  taps.forEach((list, o) => list.forEach(([h, w]) => out[h]!.push([o, w])));
  return out;
}

// Unused table slots have this index and are skipped.
const NONE = 0xffffffff;

/** A table as u32 pairs (index, weight bits), every entry padded to the longest. */
function table(taps: Taps): { width: number; words: number[] } {
  const width = Math.max(1, ...taps.map((t) => t.length));
  const words = taps.flatMap((list) => Array.from({ length: width }, (_, k) => (list[k] ? [list[k]![0], f32Bits(list[k]![1])] : [NONE, 0])).flat());
  return { width, words };
}

/** Gathers NHWC `source` through the row and column tap tables into `outShape`. */
function gatherTaps(gpu: Gpu, source: TensorInfo<GpuStorage>, rows: Taps, cols: Taps, outShape: Shape): GpuStorage {
  const n = outShape.reduce((s, d) => s * d, 1);
  const out = gpu.allocate(n);
  if (n === 0) return out;
  const r = table(rows);
  const c = table(cols);
  const [batch, srcH, srcW, channels] = source.shape as [number, number, number, number];
  // p: n, batch, srcH, srcW, C, outH, outW, row width, column width, row table, column table.
  const params = Uint32Array.from([n, batch, srcH, srcW, channels, outShape[1]!, outShape[2]!, r.width, c.width, ...r.words, ...c.words]);
  gpu.dispatch('resample', () => `
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read_write> o: array<f32>;
@group(0) @binding(2) var<storage, read> p: array<u32>;
${gridStride('p[0]')}
    let batch = p[1]; let srcH = p[2]; let srcW = p[3]; let C = p[4]; let outH = p[5]; let outW = p[6];
    let th = p[7]; let tw = p[8];
    let rowTable = 9u;
    let colTable = 9u + outH * th * 2u;
    ${unflatten('i', [['c', 'i32(C)'], ['ow', 'i32(outW)'], ['oh', 'i32(outH)'], ['nb', 'i32(batch)']])}
    var acc = 0.0;
    for (var t = 0u; t < th; t++) {
      let rt = rowTable + (u32(oh) * th + t) * 2u;
      if (p[rt] == ${NONE}u) { continue; }
      let wh = bitcast<f32>(p[rt + 1u]);
      for (var u = 0u; u < tw; u++) {
        let ct = colTable + (u32(ow) * tw + u) * 2u;
        if (p[ct] == ${NONE}u) { continue; }
        acc += wh * bitcast<f32>(p[ct + 1u]) * a[((u32(nb) * srcH + p[rt]) * srcW + p[ct]) * C + u32(c)];
      }
    }
    o[i] = acc;
  }
}`, [source.handle], out, params, [gridGroups(n)]);
  return out;
}

const float = (x: TensorInfo<GpuStorage>): boolean => x.dtype === 'float32';

/** Bilinear resize of float32 NHWC `x` to `outShape`. */
export function resizeBilinear(gpu: Gpu, x: TensorInfo<GpuStorage>, alignCorners: boolean, outShape: Shape): GpuStorage | undefined {
  if (!float(x)) return undefined;
  return gatherTaps(gpu, x, bilinearTaps(x.shape[1]!, outShape[1]!, alignCorners), bilinearTaps(x.shape[2]!, outShape[2]!, alignCorners), outShape);
}

/** Gradient of resizeBilinear. */
export function resizeBilinearBackprop(gpu: Gpu, dy: TensorInfo<GpuStorage>, alignCorners: boolean, inputShape: Shape): GpuStorage | undefined {
  if (!float(dy)) return undefined;
  const [inH, inW] = [inputShape[1]!, inputShape[2]!];
  const rows = transposeTaps(bilinearTaps(inH, dy.shape[1]!, alignCorners), inH);
  return gatherTaps(gpu, dy, rows, transposeTaps(bilinearTaps(inW, dy.shape[2]!, alignCorners), inW), inputShape);
}

/** Nearest-neighbour resize of float32 NHWC `x` to `outShape`. */
export function resizeNearest(gpu: Gpu, x: TensorInfo<GpuStorage>, mode: NearestMode, outShape: Shape): GpuStorage | undefined {
  if (!float(x)) return undefined;
  return gatherTaps(gpu, x, nearestTaps(x.shape[1]!, outShape[1]!, mode), nearestTaps(x.shape[2]!, outShape[2]!, mode), outShape);
}

/** Gradient of resizeNearest. */
export function resizeNearestBackprop(gpu: Gpu, dy: TensorInfo<GpuStorage>, mode: NearestMode, inputShape: Shape): GpuStorage | undefined {
  if (!float(dy)) return undefined;
  const [inH, inW] = [inputShape[1]!, inputShape[2]!];
  return gatherTaps(gpu, dy, transposeTaps(nearestTaps(inH, dy.shape[1]!, mode), inH), transposeTaps(nearestTaps(inW, dy.shape[2]!, mode), inW), inputShape);
}

/** Adaptive average pooling of float32 NHWC `x` to `outShape`. */
export function adaptiveAvgPool2d(gpu: Gpu, x: TensorInfo<GpuStorage>, outShape: Shape): GpuStorage | undefined {
  if (!float(x)) return undefined;
  return gatherTaps(gpu, x, adaptiveTaps(x.shape[1]!, outShape[1]!), adaptiveTaps(x.shape[2]!, outShape[2]!), outShape);
}

/** Gradient of adaptiveAvgPool2d. */
export function adaptiveAvgPool2dBackprop(gpu: Gpu, dy: TensorInfo<GpuStorage>, inputShape: Shape): GpuStorage | undefined {
  if (!float(dy)) return undefined;
  const [inH, inW] = [inputShape[1]!, inputShape[2]!];
  return gatherTaps(gpu, dy, transposeTaps(adaptiveTaps(inH, dy.shape[1]!), inH), transposeTaps(adaptiveTaps(inW, dy.shape[2]!), inW), inputShape);
}
