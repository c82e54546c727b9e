import { tsBackend, type Backend, type Conv2dAttrs, type Shape } from '@dlkit/core';
import { convDirect, convDirectFilter, convDirectInput, useDirectConv, useDirectConvInput, type ConvGeometry } from './conv-direct.js';
import { gemm } from './gemm.js';
import { isF32, sizeOf, type WasmHandle, type WasmRuntime } from './runtime.js';

// The module's im2col/col2im argument list after the matrix address, as one tuple.
const colArgs = (g: ConvGeometry, a: Conv2dAttrs): [number, number, number, number, number, number, number, number, number, number, number, number, number, number] =>
  [g.nb, g.h, g.w, g.cin, g.kh, g.kw, a.strides[0], a.strides[1], a.dilations[0], a.dilations[1], a.pads.top, a.pads.left, g.oh, g.ow];

const geometry = (x: Shape, f: Shape, y: Shape): ConvGeometry =>
  ({ nb: x[0]!, h: x[1]!, w: x[2]!, cin: x[3]!, kh: f[0]!, kw: f[1]!, cout: f[3]!, oh: y[1]!, ow: y[2]! });

/**
 * NHWC conv2d and both gradients through the SIMD GEMM, so all three reuse the tuned, threaded
 * product: forward `cols · F` (the patch matrix `cols` packed straight from the image), input gradient
 * `col2im(dY · Fᵀ)`, filter gradient `(dYᵀ · cols)ᵀ`, the transposes read through strides.
 * Few channels take the direct kernels instead (conv-direct.ts: forward and filter gradient for
 * cout ≤ 16, input gradient for cin ≤ 8), where the GEMM's tile is mostly padding.
 * Grouped (depthwise) convolutions and non-float32 dtypes run core's ts kernels.
 */
export function convKernels(rt: WasmRuntime): Pick<Backend<WasmHandle>, 'conv2d' | 'conv2dBackpropInput' | 'conv2dBackpropFilter'> {
  const { arena, exports } = rt;
  return {
    conv2d: (x, filter, attrs, outShape) => {
      if (!isF32(x) || !isF32(filter) || attrs.groups !== 1 || sizeOf(outShape) === 0) return tsBackend.conv2d(x, filter, attrs, outShape);
      const g = geometry(x.shape, filter.shape, outShape);
      if (useDirectConv(g)) return convDirect(rt, x.handle, filter.handle, g, attrs);
      const rows = g.nb * g.oh * g.ow, taps = g.kh * g.kw * g.cin;
      arena.reset();
      const px = arena.put(x.handle);
      const pf = arena.put(filter.handle);
      const out = arena.alloc(rows * g.cout * 4);
      // The GEMM packs the patch matrix straight from the image (never written out).
      const geom = arena.alloc(14 * 4);
      arena.i32(geom, 14).set([px, ...colArgs(g, attrs).slice(1)]);
      gemm(rt, { a: 0, ars: 0, acs: 0, aConv: geom, b: pf, brs: g.cout, bcs: 1, c: out, m: rows, n: g.cout, k: taps });
      return arena.take(out, rows * g.cout);
    },
    conv2dBackpropInput: (dy, filter, attrs, inputShape) => {
      if (!isF32(dy) || !isF32(filter) || attrs.groups !== 1 || sizeOf(inputShape) === 0 || sizeOf(dy.shape) === 0) {
        return tsBackend.conv2dBackpropInput(dy, filter, attrs, inputShape);
      }
      const g = geometry(inputShape, filter.shape, dy.shape);
      if (useDirectConvInput(g)) return convDirectInput(rt, dy.handle, filter.handle, g, attrs);
      const rows = g.nb * g.oh * g.ow, taps = g.kh * g.kw * g.cin;
      arena.reset();
      const pdy = arena.put(dy.handle);
      const pf = arena.put(filter.handle);
      const cols = arena.alloc(rows * taps * 4);
      const dx = arena.alloc(sizeOf(inputShape) * 4);
      // dCols [rows, taps] = dY [rows, cout] · Fᵀ, F stored [taps, cout].
      gemm(rt, { a: pdy, ars: g.cout, acs: 1, b: pf, brs: 1, bcs: g.cout, c: cols, m: rows, n: taps, k: g.cout });
      exports.col2im(cols, ...colArgs(g, attrs), dx);
      return arena.take(dx, sizeOf(inputShape));
    },
    conv2dBackpropFilter: (x, dy, attrs, filterShape) => {
      if (!isF32(x) || !isF32(dy) || attrs.groups !== 1 || sizeOf(filterShape) === 0 || sizeOf(dy.shape) === 0) {
        return tsBackend.conv2dBackpropFilter(x, dy, attrs, filterShape);
      }
      const g = geometry(x.shape, filterShape, dy.shape);
      if (useDirectConv(g)) return convDirectFilter(rt, x.handle, dy.handle, g, attrs);
      const rows = g.nb * g.oh * g.ow, taps = g.kh * g.kw * g.cin;
      arena.reset();
      const px = arena.put(x.handle);
      const pdy = arena.put(dy.handle);
      const cols = arena.alloc(rows * taps * 4);
      const dft = arena.alloc(taps * g.cout * 4);
      exports.im2col(px, ...colArgs(g, attrs), cols);
      // dFᵀ [cout, taps] = dYᵀ · cols: the big patch matrix is then B, read along its rows (vector
      // packing), rather than A read down its columns; the small result is transposed on the way out.
      gemm(rt, { a: pdy, ars: 1, acs: g.cout, b: cols, brs: taps, bcs: 1, c: dft, m: g.cout, n: taps, k: rows });
      const t = arena.f32().subarray(dft >> 2, (dft >> 2) + taps * g.cout);
      const df = new Float32Array(taps * g.cout);
      for (let o = 0; o < g.cout; o++) for (let p = 0; p < taps; p++) df[p * g.cout + o] = t[o * taps + p]!;
      return df;
    },
  };
}
