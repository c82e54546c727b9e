import type { Conv2dAttrs, TensorInfo } from '../../backend/kernels.js';
import { allocate, type TypedArray } from '../../dtype.js';
import { sizeOf, type Shape } from '../../shape.js';
import { gemm } from './gemm.js';

/**
 * NHWC convolution as im2col + gemm, one group at a time. Each output pixel becomes a row of
 * `kh·kw·cInPerGroup` input values (a "column" patch), so the convolution is one matrix product
 * with the filter viewed as `[kh·kw·cIn/groups, cOut]`. Rows are processed in chunks so the patch
 * matrix stays a few MB whatever the batch size.
 */
const MAX_PATCH_ELEMENTS = 1 << 21;

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

/** Fills `patches` with the patch rows `[rowStart, rowEnd)` of group `group` (zeros where the window hangs over padding). */
function im2col(x: TypedArray, g: ConvGeometry, attrs: Conv2dAttrs, group: number, rowStart: number, rowEnd: number, patches: TypedArray): void {
  const { inH, inW, inC, outH, outW, kh, kw, groupInC, patchSize } = g;
  const [sh, sw] = attrs.strides;
  const [dh, dw] = attrs.dilations;
  const channelOffset = group * groupInC;
  for (let row = rowStart; row < rowEnd; row++) {
    const n = Math.floor(row / (outH * outW));
    const rem = row - n * outH * outW;
    const oh = Math.floor(rem / outW);
    const ow = rem - oh * outW;
    let dst = (row - rowStart) * patchSize;
    for (let i = 0; i < kh; i++) {
      const ih = oh * sh - attrs.pads.top + i * dh;
      for (let j = 0; j < kw; j++, dst += groupInC) {
        const iw = ow * sw - attrs.pads.left + j * dw;
        if (ih < 0 || ih >= inH || iw < 0 || iw >= inW) {
          patches.fill(0, dst, dst + groupInC);
          continue;
        }
        const src = ((n * inH + ih) * inW + iw) * inC + channelOffset;
        for (let c = 0; c < groupInC; c++) patches[dst + c] = x[src + c]!;
      }
    }
  }
}

/** Adds the patch rows `[rowStart, rowEnd)` back into the image they came from (im2col's adjoint). */
function col2im(patches: TypedArray, g: ConvGeometry, attrs: Conv2dAttrs, group: number, rowStart: number, rowEnd: number, dx: TypedArray): void {
  const { inH, inW, inC, outH, outW, kh, kw, groupInC, patchSize } = g;
  const [sh, sw] = attrs.strides;
  const [dh, dw] = attrs.dilations;
  const channelOffset = group * groupInC;
  for (let row = rowStart; row < rowEnd; row++) {
    const n = Math.floor(row / (outH * outW));
    const rem = row - n * outH * outW;
    const oh = Math.floor(rem / outW);
    const ow = rem - oh * outW;
    let src = (row - rowStart) * patchSize;
    for (let i = 0; i < kh; i++) {
      const ih = oh * sh - attrs.pads.top + i * dh;
      for (let j = 0; j < kw; j++, src += groupInC) {
        const iw = ow * sw - attrs.pads.left + j * dw;
        if (ih < 0 || ih >= inH || iw < 0 || iw >= inW) continue;
        const dst = ((n * inH + ih) * inW + iw) * inC + channelOffset;
        for (let c = 0; c < groupInC; c++) dx[dst + c] = dx[dst + c]! + patches[src + c]!;
      }
    }
  }
}

export function conv2d(x: TensorInfo<TypedArray>, filter: TensorInfo<TypedArray>, attrs: Conv2dAttrs, outShape: Shape): TypedArray {
  const g = geometry(x.shape, filter.shape, outShape, attrs);
  const out = allocate(x.dtype, sizeOf(outShape));
  const patches = allocate(x.dtype, g.chunkRows * g.patchSize);
  for (let group = 0; group < attrs.groups; group++) {
    for (let r0 = 0; r0 < g.rows; r0 += g.chunkRows) {
      const r1 = Math.min(g.rows, r0 + g.chunkRows);
      im2col(x.handle, g, attrs, group, r0, r1, patches);
      gemm(
        r1 - r0, g.groupOutC, g.patchSize,
        { data: patches, offset: 0, rowStride: g.patchSize, colStride: 1 },
        { data: filter.handle, offset: group * g.groupOutC, rowStride: g.outC, colStride: 1 },
        out, r0 * g.outC + group * g.groupOutC, g.outC, false,
      );
    }
  }
  return out;
}

export function conv2dBackpropInput(dy: TensorInfo<TypedArray>, filter: TensorInfo<TypedArray>, attrs: Conv2dAttrs, inputShape: Shape): TypedArray {
  const g = geometry(inputShape, filter.shape, dy.shape, attrs);
  const dx = allocate(dy.dtype, sizeOf(inputShape));
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
  const patches = allocate(x.dtype, g.chunkRows * g.patchSize);
  for (let group = 0; group < attrs.groups; group++) {
    for (let r0 = 0; r0 < g.rows; r0 += g.chunkRows) {
      const r1 = Math.min(g.rows, r0 + g.chunkRows);
      im2col(x.handle, g, attrs, group, r0, r1, patches);
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
