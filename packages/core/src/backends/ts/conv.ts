import type { Conv2dAttrs, TensorInfo } from '../../backend/kernels.js';
import { allocate, type TypedArray } from '../../dtype.js';
import { sizeOf, type Shape } from '../../shape.js';
import { gemm, gemmPackedA, type PackA } from './gemm.js';

/**
 * NHWC convolution as a matrix product, one group at a time. Each output pixel is a row of
 * `kh·kw·cInPerGroup` input values (its "patch"), so the convolution is `patches · filter` with the
 * filter viewed as `[kh·kw·cIn/groups, cOut]`.
 *
 * - Forward: the patches are never built: the gemm's A-packing callback gathers them straight
 *   from the image into the micro-kernel's packed strips (im2col fused with packing), copying
 *   contiguous channel runs (a whole `kw·cIn` row segment when groups = 1 and dilation is 1).
 * - Input gradient: for stride 1 and enough input channels it is itself a convolution (of `dy`
 *   with the spatially flipped, in/out-swapped filter and padding `(k-1)·d - pad`), run the same
 *   fused way; otherwise patch gradients come from a gemm and are scattered back (col2im).
 * - Filter gradient: `patchesᵀ · dy`, with patches built in row chunks (a few MB at most) by a
 *   run-copying im2col, or read in place from the input for 1×1 / stride-1 / unpadded filters.
 * - Depthwise convolutions (one input channel per group) run direct loops over channels instead.
 */
const MAX_PATCH_ELEMENTS = 1 << 21;
/**
 * The stride-1 input gradient runs as a convolution when the input has at least this many channels
 * per group (its gemm has that many columns); with fewer, gemm + col2im is faster (measured: 2–3×
 * faster at 1–4 channels, on par at 8, slower above).
 */
const FLIP_MIN_CHANNELS = 8;
/** Runs at least this long are copied with `set(subarray)`; shorter ones with a plain loop. */
const SET_THRESHOLD = 64;

interface ConvGeometry {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly outH: number;
  readonly outW: number;
  readonly outC: number;
  readonly kh: number;
  readonly kw: number;
  readonly groupInC: number;
  readonly groupOutC: number;
  readonly patchSize: number;
  readonly rows: number;
  readonly chunkRows: number;
}

function geometry(xShape: Shape, filterShape: Shape, outShape: Shape, attrs: Conv2dAttrs): ConvGeometry {
  const [batch, inH, inW, inC] = xShape as [number, number, number, number];
  const [kh, kw, groupInC, outC] = filterShape as [number, number, number, number];
  const [, outH, outW] = outShape as [number, number, number, number];
  const patchSize = kh * kw * groupInC;
  const rows = batch * outH * outW;
  const chunkRows = Math.max(1, Math.min(rows, Math.floor(MAX_PATCH_ELEMENTS / Math.max(patchSize, 1))));
  return { batch, inH, inW, inC, outH, outW, outC, kh, kw, groupInC, groupOutC: outC / attrs.groups, patchSize, rows, chunkRows };
}

/**
 * How the patch of output pixel `row` is read from an NHWC source: pixel `(oh, ow)` of image `n`
 * reads source pixel `(oh·sh - padTop + i·dh, ow·sw - padLeft + j·dw)` for tap `(i, j)`, channels
 * `channelOffset .. channelOffset + groupC`. Out-of-bounds taps read zero. Pads may be negative.
 */
interface PatchSource {
  readonly data: TypedArray;
  readonly srcH: number;
  readonly srcW: number;
  readonly srcC: number;
  readonly outH: number;
  readonly outW: number;
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
  readonly dh: number;
  readonly dw: number;
  readonly padTop: number;
  readonly padLeft: number;
  readonly channelOffset: number;
  readonly groupC: number;
}

/**
 * Writes patch values `[p0, p0 + count)` of output pixel `row` to `dst[d], dst[d + step], ...`:
 * step 1 builds a patch row (im2col), step 4 one row of a packed gemm strip.
 */
function writePatch(s: PatchSource, row: number, p0: number, count: number, dst: TypedArray | Float64Array, d: number, step: number): void {
  const { data: x, srcH, srcW, srcC, kh, kw, dh, dw, groupC } = s;
  const pixels = s.outH * s.outW;
  const n = Math.floor(row / pixels);
  const rem = row - n * pixels;
  const oh = Math.floor(rem / s.outW);
  const ow = rem - oh * s.outW;
  const ih0 = oh * s.sh - s.padTop;
  const iw0 = ow * s.sw - s.padLeft;
  const imageBase = n * srcH * srcW * srcC + s.channelOffset;
  const rowRuns = groupC === srcC && dw === 1;
  if (p0 === 0 && count === kh * kw * groupC && ih0 >= 0 && iw0 >= 0 && ih0 + (kh - 1) * dh < srcH && iw0 + (kw - 1) * dw < srcW) {
    // The whole window is inside the image: no bounds checks, one run per filter row (or per tap).
    const rowRun = kw * groupC;
    for (let i = 0; i < kh; i++) {
      let src = imageBase + ((ih0 + i * dh) * srcW + iw0) * srcC;
      if (rowRuns) {
        if (step === 1 && rowRun >= SET_THRESHOLD) {
          dst.set(x.subarray(src, src + rowRun), d);
          d += rowRun;
        } else {
          for (let t = 0; t < rowRun; t++, d += step) dst[d] = x[src + t]!;
        }
      } else {
        for (let j = 0; j < kw; j++, src += dw * srcC) {
          for (let t = 0; t < groupC; t++, d += step) dst[d] = x[src + t]!;
        }
      }
    }
    return;
  }
  // Whole kw·C row segments are contiguous in the source when the group spans every channel and taps are adjacent.
  let tap = Math.floor(p0 / groupC);
  let c = p0 - tap * groupC;
  let i = Math.floor(tap / kw);
  let j = tap - i * kw;
  let left = count;
  while (left > 0) {
    const ih = ih0 + i * dh;
    const iw = iw0 + j * dw;
    let run: number;
    if (ih < 0 || ih >= srcH) {
      // The rest of this filter row is padding.
      run = Math.min((kw - j) * groupC - c, left);
      for (let t = 0; t < run; t++, d += step) dst[d] = 0;
    } else if (rowRuns && iw >= 0 && iw0 + kw - 1 < srcW) {
      run = Math.min((kw - j) * groupC - c, left);
      const src = imageBase + (ih * srcW + iw) * srcC + c;
      if (step === 1 && run >= SET_THRESHOLD) {
        dst.set(x.subarray(src, src + run), d);
        d += run;
      } else {
        for (let t = 0; t < run; t++, d += step) dst[d] = x[src + t]!;
      }
    } else {
      run = Math.min(groupC - c, left);
      if (iw < 0 || iw >= srcW) {
        for (let t = 0; t < run; t++, d += step) dst[d] = 0;
      } else {
        const src = imageBase + (ih * srcW + iw) * srcC + c;
        if (step === 1 && run >= SET_THRESHOLD) {
          dst.set(x.subarray(src, src + run), d);
          d += run;
        } else {
          for (let t = 0; t < run; t++, d += step) dst[d] = x[src + t]!;
        }
      }
    }
    left -= run;
    // Advance (i, j, c) past the run.
    const next = c + run;
    const taps = Math.floor(next / groupC);
    c = next - taps * groupC;
    j += taps;
    while (j >= kw) {
      j -= kw;
      i++;
    }
  }
}

/** A {@link PackA} that gathers patch rows straight into the gemm's packed A strips. */
function patchPacker(s: PatchSource): PackA {
  return (dst, ic, mc, pc, kc) => {
    let base = 0;
    for (let ir = 0; ir < mc; ir += 4, base += 4 * kc) {
      for (let r = 0; r < 4; r++) {
        if (ir + r < mc) writePatch(s, ic + ir + r, pc, kc, dst, base + r, 4);
        else for (let p = 0, d = base + r; p < kc; p++, d += 4) dst[d] = 0;
      }
    }
  };
}

/** The patch source of group `group` of a forward convolution of `x`. */
function forwardSource(x: TypedArray, g: ConvGeometry, attrs: Conv2dAttrs, group: number): PatchSource {
  return {
    data: x, srcH: g.inH, srcW: g.inW, srcC: g.inC, outH: g.outH, outW: g.outW, kh: g.kh, kw: g.kw,
    sh: attrs.strides[0], sw: attrs.strides[1], dh: attrs.dilations[0], dw: attrs.dilations[1],
    padTop: attrs.pads.top, padLeft: attrs.pads.left, channelOffset: group * g.groupInC, groupC: g.groupInC,
  };
}

/** Fills `patches` with the patch rows `[rowStart, rowEnd)` of a source (im2col). */
function im2col(s: PatchSource, patchSize: number, rowStart: number, rowEnd: number, patches: TypedArray): void {
  for (let row = rowStart, d = 0; row < rowEnd; row++, d += patchSize) writePatch(s, row, 0, patchSize, patches, d, 1);
}

/** Adds the patch rows `[rowStart, rowEnd)` back into the image they came from (im2col's adjoint). */
function col2im(patches: TypedArray, g: ConvGeometry, attrs: Conv2dAttrs, group: number, rowStart: number, rowEnd: number, dx: TypedArray): void {
  const { inH, inW, inC, outH, outW, kh, kw, groupInC, patchSize } = g;
  const [sh, sw] = attrs.strides;
  const [dh, dw] = attrs.dilations;
  const channelOffset = group * groupInC;
  const pixels = outH * outW;
  for (let row = rowStart; row < rowEnd; row++) {
    const n = Math.floor(row / pixels);
    const rem = row - n * pixels;
    const oh = Math.floor(rem / outW);
    const ow = rem - oh * outW;
    let src = (row - rowStart) * patchSize;
    for (let i = 0; i < kh; i++) {
      const ih = oh * sh - attrs.pads.top + i * dh;
      if (ih < 0 || ih >= inH) {
        src += kw * groupInC;
        continue;
      }
      for (let j = 0; j < kw; j++, src += groupInC) {
        const iw = ow * sw - attrs.pads.left + j * dw;
        if (iw < 0 || iw >= inW) continue;
        const dst = ((n * inH + ih) * inW + iw) * inC + channelOffset;
        for (let c = 0; c < groupInC; c++) dx[dst + c] = dx[dst + c]! + patches[src + c]!;
      }
    }
  }
}

/** Whether every patch is one input pixel's channels (1×1 filter, stride 1, no padding): patches are a view of x. */
function patchesAreInput(g: ConvGeometry, attrs: Conv2dAttrs): boolean {
  const { pads, strides } = attrs;
  return g.kh === 1 && g.kw === 1 && strides[0] === 1 && strides[1] === 1 && pads.top === 0 && pads.left === 0 && g.outH === g.inH && g.outW === g.inW;
}

function isDepthwise(g: ConvGeometry, attrs: Conv2dAttrs): boolean {
  return attrs.groups > 1 && g.groupInC === 1;
}

export function conv2d(x: TensorInfo<TypedArray>, filter: TensorInfo<TypedArray>, attrs: Conv2dAttrs, outShape: Shape): TypedArray {
  const g = geometry(x.shape, filter.shape, outShape, attrs);
  const out = allocate(x.dtype, sizeOf(outShape));
  if (g.rows === 0) return out;
  if (isDepthwise(g, attrs)) {
    depthwiseForward(x.handle, filter.handle, g, attrs, out);
    return out;
  }
  const direct = patchesAreInput(g, attrs);
  for (let group = 0; group < attrs.groups; group++) {
    const b = { data: filter.handle, offset: group * g.groupOutC, rowStride: g.outC, colStride: 1 };
    if (direct) {
      gemm(g.rows, g.groupOutC, g.patchSize, { data: x.handle, offset: group * g.groupInC, rowStride: g.inC, colStride: 1 }, b, out, group * g.groupOutC, g.outC, false);
      continue;
    }
    gemmPackedA(
      g.rows, g.groupOutC, g.patchSize,
      patchPacker(forwardSource(x.handle, g, attrs, group)),
      b,
      out, group * g.groupOutC, g.outC, false,
    );
  }
  return out;
}

/**
 * The filter of the stride-1 input gradient seen as a forward convolution of `dy`:
 * `w'[kh-1-i, kw-1-j, co, g·cInG + ci] = w[i, j, ci, g·cOutG + co]`, laid out `[kh, kw, cOut/groups, cIn]`.
 */
function flippedFilter(w: TypedArray, g: ConvGeometry, groups: number): TypedArray {
  const { kh, kw, groupInC, groupOutC, outC, inC } = g;
  const out = allocateLike(w, kh * kw * groupOutC * inC);
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const srcTap = (i * kw + j) * groupInC * outC;
      const dstTap = ((kh - 1 - i) * kw + (kw - 1 - j)) * groupOutC * inC;
      for (let grp = 0; grp < groups; grp++) {
        for (let ci = 0; ci < groupInC; ci++) {
          const src = srcTap + ci * outC + grp * groupOutC;
          const dst = dstTap + grp * groupInC + ci;
          for (let co = 0; co < groupOutC; co++) out[dst + co * inC] = w[src + co]!;
        }
      }
    }
  }
  return out;
}

function allocateLike(like: TypedArray, size: number): TypedArray {
  return new (like.constructor as new (n: number) => TypedArray)(size);
}

export function conv2dBackpropInput(dy: TensorInfo<TypedArray>, filter: TensorInfo<TypedArray>, attrs: Conv2dAttrs, inputShape: Shape): TypedArray {
  const g = geometry(inputShape, filter.shape, dy.shape, attrs);
  const dx = allocate(dy.dtype, sizeOf(inputShape));
  if (g.rows === 0 || dx.length === 0) return dx;
  if (isDepthwise(g, attrs)) {
    depthwiseBackpropInput(dy.handle, filter.handle, g, attrs, dx);
    return dx;
  }
  const [sh, sw] = attrs.strides;
  const [dh, dw] = attrs.dilations;
  if (sh === 1 && sw === 1 && g.groupInC >= FLIP_MIN_CHANNELS) {
    // dx = conv(dy, flipped filter) with stride 1, the same dilation and padding (k-1)·d - pad.
    const w2 = flippedFilter(filter.handle, g, attrs.groups);
    const dxRows = g.batch * g.inH * g.inW;
    for (let group = 0; group < attrs.groups; group++) {
      const source: PatchSource = {
        data: dy.handle, srcH: g.outH, srcW: g.outW, srcC: g.outC, outH: g.inH, outW: g.inW, kh: g.kh, kw: g.kw,
        sh: 1, sw: 1, dh, dw, padTop: (g.kh - 1) * dh - attrs.pads.top, padLeft: (g.kw - 1) * dw - attrs.pads.left,
        channelOffset: group * g.groupOutC, groupC: g.groupOutC,
      };
      gemmPackedA(
        dxRows, g.groupInC, g.kh * g.kw * g.groupOutC,
        patchPacker(source),
        { data: w2, offset: group * g.groupInC, rowStride: g.inC, colStride: 1 },
        dx, group * g.groupInC, g.inC, false,
      );
    }
    return dx;
  }
  const patches = allocate(dy.dtype, g.chunkRows * g.patchSize);
  for (let group = 0; group < attrs.groups; group++) {
    for (let r0 = 0; r0 < g.rows; r0 += g.chunkRows) {
      const r1 = Math.min(g.rows, r0 + g.chunkRows);
      // patch gradients = dy_g · filter_gᵀ
      gemm(
        r1 - r0, g.patchSize, g.groupOutC,
        { data: dy.handle, offset: r0 * g.outC + group * g.groupOutC, rowStride: g.outC, colStride: 1 },
        { data: filter.handle, offset: group * g.groupOutC, rowStride: 1, colStride: g.outC },
        patches, 0, g.patchSize, false,
      );
      col2im(patches, g, attrs, group, r0, r1, dx);
    }
  }
  return dx;
}

export function conv2dBackpropFilter(x: TensorInfo<TypedArray>, dy: TensorInfo<TypedArray>, attrs: Conv2dAttrs, filterShape: Shape): TypedArray {
  const g = geometry(x.shape, filterShape, dy.shape, attrs);
  const dw = allocate(x.dtype, sizeOf(filterShape));
  if (g.rows === 0 || dw.length === 0) return dw;
  if (isDepthwise(g, attrs)) {
    depthwiseBackpropFilter(x.handle, dy.handle, g, attrs, dw);
    return dw;
  }
  if (patchesAreInput(g, attrs)) {
    for (let group = 0; group < attrs.groups; group++) {
      gemm(
        g.groupInC, g.groupOutC, g.rows,
        { data: x.handle, offset: group * g.groupInC, rowStride: 1, colStride: g.inC },
        { data: dy.handle, offset: group * g.groupOutC, rowStride: g.outC, colStride: 1 },
        dw, group * g.groupOutC, g.outC, false,
      );
    }
    return dw;
  }
  const patches = allocate(x.dtype, g.chunkRows * g.patchSize);
  for (let group = 0; group < attrs.groups; group++) {
    const source = forwardSource(x.handle, g, attrs, group);
    for (let r0 = 0; r0 < g.rows; r0 += g.chunkRows) {
      const r1 = Math.min(g.rows, r0 + g.chunkRows);
      im2col(source, g.patchSize, r0, r1, patches);
      // filter gradient += patchesᵀ · dy_g, accumulated over row chunks
      gemm(
        g.patchSize, g.groupOutC, r1 - r0,
        { data: patches, offset: 0, rowStride: 1, colStride: g.patchSize },
        { data: dy.handle, offset: r0 * g.outC + group * g.groupOutC, rowStride: g.outC, colStride: 1 },
        dw, group * g.groupOutC, g.outC, true,
      );
    }
  }
  return dw;
}

// ---- depthwise (cIn groups of one channel, `mult = cOut / cIn` filters each) ----

/**
 * The three depthwise kernels in one loop nest: for each output pixel and in-bounds tap, a loop
 * over channels. `mode` 0: `out += x·w`; 1: `dx += dy·w` (here `a` is dy, `out` is dx);
 * 2: `dw += x·dy` (`b` is dy, `out` a float64 accumulator shaped like the filter).
 */
function depthwise(mode: 0 | 1 | 2, a: TypedArray, b: TypedArray, g: ConvGeometry, attrs: Conv2dAttrs, out: TypedArray | Float64Array): void {
  const { batch, inH, inW, inC, outH, outW, outC, kh, kw, groupOutC: mult } = g;
  const [sh, sw] = attrs.strides;
  const [dh, dw] = attrs.dilations;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        const o = ((n * outH + oh) * outW + ow) * outC;
        for (let i = 0; i < kh; i++) {
          const ih = oh * sh - attrs.pads.top + i * dh;
          if (ih < 0 || ih >= inH) continue;
          for (let j = 0; j < kw; j++) {
            const iw = ow * sw - attrs.pads.left + j * dw;
            if (iw < 0 || iw >= inW) continue;
            const s = ((n * inH + ih) * inW + iw) * inC;
            const t = (i * kw + j) * outC;
            if (mult === 1) {
              if (mode === 0) for (let c = 0; c < inC; c++) out[o + c] = out[o + c]! + a[s + c]! * b[t + c]!;
              else if (mode === 1) for (let c = 0; c < inC; c++) out[s + c] = out[s + c]! + a[o + c]! * b[t + c]!;
              else for (let c = 0; c < inC; c++) out[t + c] = out[t + c]! + a[s + c]! * b[o + c]!;
            } else if (mode === 0) {
              for (let c = 0, q = 0; c < inC; c++) {
                const xv = a[s + c]!;
                for (let k = 0; k < mult; k++, q++) out[o + q] = out[o + q]! + xv * b[t + q]!;
              }
            } else if (mode === 1) {
              for (let c = 0, q = 0; c < inC; c++) {
                let sum = 0;
                for (let k = 0; k < mult; k++, q++) sum += a[o + q]! * b[t + q]!;
                out[s + c] = out[s + c]! + sum;
              }
            } else {
              for (let c = 0, q = 0; c < inC; c++) {
                const xv = a[s + c]!;
                for (let k = 0; k < mult; k++, q++) out[t + q] = out[t + q]! + xv * b[o + q]!;
              }
            }
          }
        }
      }
    }
  }
}

function depthwiseForward(x: TypedArray, w: TypedArray, g: ConvGeometry, attrs: Conv2dAttrs, out: TypedArray): void {
  depthwise(0, x, w, g, attrs, out);
}

function depthwiseBackpropInput(dy: TypedArray, w: TypedArray, g: ConvGeometry, attrs: Conv2dAttrs, dx: TypedArray): void {
  depthwise(1, dy, w, g, attrs, dx);
}

function depthwiseBackpropFilter(x: TypedArray, dy: TypedArray, g: ConvGeometry, attrs: Conv2dAttrs, dw: TypedArray): void {
  const acc = new Float64Array(dw.length);
  depthwise(2, x, dy, g, attrs, acc);
  for (let i = 0; i < dw.length; i++) dw[i] = acc[i]!;
}
