import type { Conv2dAttrs } from '@dlkit/core';
import { TASK_KERNELS } from '../module.js';
import { PARALLEL_MIN_MACS, type WasmRuntime } from './runtime.js';

const TASK_CONV_DIRECT = TASK_KERNELS.indexOf('convDirectTask');
const TASK_CONV_DIRECT_FILTER = TASK_KERNELS.indexOf('convDirectFilterTask');
const TASK_CONV_DIRECT_INPUT = TASK_KERNELS.indexOf('convDirectInputTask');

/** One convolution's shapes: `[nb, h, w, cin]` input, `[kh, kw, cin, cout]` filter, `[nb, oh, ow, cout]` output. */
export interface ConvGeometry {
  readonly nb: number; readonly h: number; readonly w: number; readonly cin: number;
  readonly kh: number; readonly kw: number; readonly cout: number; readonly oh: number; readonly ow: number;
}

/** Whether the forward convolution runs the direct kernel: few output channels, where the GEMM's 8-wide tile is mostly padding. */
export const useDirectConv = (g: ConvGeometry): boolean => g.cout <= 16;

/**
 * Copies NHWC `x` into wasm memory zero-padded by the convolution's top/left pads, cropped or
 * extended to exactly the rows and columns the output windows read; returns its byte address and
 * padded height and width.
 */
export function putPadded(rt: WasmRuntime, x: Float32Array, g: ConvGeometry, a: Conv2dAttrs): { ptr: number; hp: number; wp: number } {
  const hp = (g.oh - 1) * a.strides[0] + (g.kh - 1) * a.dilations[0] + 1;
  const wp = (g.ow - 1) * a.strides[1] + (g.kw - 1) * a.dilations[1] + 1;
  const { top, left } = a.pads;
  if (top === 0 && left === 0 && hp === g.h && wp === g.w) return { ptr: rt.arena.put(x), hp, wp };
  const ptr = rt.arena.alloc(g.nb * hp * wp * g.cin * 4);
  const mem = rt.arena.f32();
  const base = ptr >> 2;
  mem.fill(0, base, base + g.nb * hp * wp * g.cin);
  const y0 = Math.max(0, -top), y1 = Math.min(g.h, hp - top);
  const x0 = Math.max(0, -left), x1 = Math.min(g.w, wp - left);
  if (x1 <= x0) return { ptr, hp, wp };
  for (let b = 0; b < g.nb; b++) {
    for (let iy = y0; iy < y1; iy++) {
      const src = ((b * g.h + iy) * g.w + x0) * g.cin;
      mem.set(x.subarray(src, src + (x1 - x0) * g.cin), base + ((b * hp + iy + top) * wp + x0 + left) * g.cin);
    }
  }
  return { ptr, hp, wp };
}

/**
 * NHWC conv2d `[nb, h, w, cin] × [kh, kw, cin, cout] → [nb, oh, ow, cout]` by the module's direct
 * kernel (cout ≤ 16): the image zero-padded once, the filter padded to a multiple of 4 output channels, the
 * output rows split over the worker pool when the product is big enough.
 */
export function convDirect(rt: WasmRuntime, x: Float32Array, filter: Float32Array, g: ConvGeometry, a: Conv2dAttrs): Float32Array {
  const { arena, exports, pool } = rt;
  arena.reset();
  const { ptr: px, hp, wp } = putPadded(rt, x, g, a);
  const cp = Math.ceil(g.cout / 4) * 4;
  const taps = g.kh * g.kw * g.cin;
  const pf = arena.alloc(taps * cp * 4);
  const mem = arena.f32();
  const fb = pf >> 2;
  mem.fill(0, fb, fb + taps * cp);
  for (let t = 0; t < taps; t++) mem.set(filter.subarray(t * g.cout, (t + 1) * g.cout), fb + t * cp);
  const size = g.nb * g.oh * g.ow * g.cout;
  const out = arena.alloc(size * 4);
  const args = arena.alloc(17 * 4);
  arena.i32(args, 17).set([px, g.nb, hp, wp, g.cin, g.kh, g.kw, a.strides[0], a.strides[1], a.dilations[0], a.dilations[1],
    g.oh, g.ow, pf, g.cout, cp, out]);
  const tasks = pool !== undefined && size * taps >= PARALLEL_MIN_MACS ? pool.size : 1;
  if (tasks === 1) exports.convDirectTask(args, 0, 1);
  else pool!.run(TASK_CONV_DIRECT, args, exports.convDirectTask);
  return arena.take(out, size);
}

/**
 * The filter gradient `[kh, kw, cin, cout]` of the direct convolution (cout ≤ 16) from NHWC `x`
 * `[nb, h, w, cin]` and `dy` `[nb, oh, ow, cout]`: each task sums its share of the output rows
 * into its own padded `[taps, cp]` total (after a block of rows' sums), then the totals are added
 * and unpadded here.
 */
export function convDirectFilter(rt: WasmRuntime, x: Float32Array, dy: Float32Array, g: ConvGeometry, a: Conv2dAttrs): Float32Array {
  const { arena, exports, pool } = rt;
  arena.reset();
  const { ptr: px, hp, wp } = putPadded(rt, x, g, a);
  // The kernel reads dy in whole vectors: 16 bytes past its end stay readable.
  const pdy = arena.alloc(dy.length * 4 + 16);
  arena.f32().set(dy, pdy >> 2);
  const cp = Math.ceil(g.cout / 4) * 4;
  const taps = g.kh * g.kw * g.cin;
  const tasks = pool !== undefined && taps * g.cout * g.nb * g.oh * g.ow >= PARALLEL_MIN_MACS ? pool.size : 1;
  const accBytes = taps * cp * 8;
  const acc = arena.alloc(accBytes * tasks);
  const args = arena.alloc(18 * 4);
  arena.i32(args, 18).set([px, g.nb, hp, wp, g.cin, g.kh, g.kw, a.strides[0], a.strides[1], a.dilations[0], a.dilations[1],
    g.oh, g.ow, pdy, g.cout, cp, acc, accBytes]);
  if (tasks === 1) exports.convDirectFilterTask(args, 0, 1);
  else pool!.run(TASK_CONV_DIRECT_FILTER, args, exports.convDirectFilterTask);
  const mem = arena.f32();
  const df = new Float32Array(taps * g.cout);
  for (let t = 0; t < tasks; t++) {
    const base = (acc + t * accBytes) / 4 + taps * cp;
    for (let p = 0; p < taps; p++) for (let o = 0; o < g.cout; o++) df[p * g.cout + o]! += mem[base + p * cp + o]!;
  }
  return df;
}

/**
 * Whether the input gradient runs the direct kernel: few input channels (LeNet's C3 has 6), where
 * `dY · Fᵀ` is a thin GEMM dominated by packing; from 16 (a 3×3 layer of 16 → 32) the GEMM is as fast.
 */
export const useDirectConvInput = (g: ConvGeometry): boolean => g.cin <= 8;

/**
 * The input gradient `[nb, h, w, cin]` of the convolution from `dy` `[nb, oh, ow, cout]` by the
 * module's direct kernel (cin ≤ 8): each dy pixel's `dy · Fᵀ[tap]` is added onto its window in a
 * zero-padded scratch, cropped to dx; the images are split over the worker pool.
 */
export function convDirectInput(rt: WasmRuntime, dy: Float32Array, filter: Float32Array, g: ConvGeometry, a: Conv2dAttrs): Float32Array {
  const { arena, exports, pool } = rt;
  const { kh, kw, cin, cout } = g;
  arena.reset();
  const pdy = arena.put(dy);
  const cp = Math.ceil(cin / 4) * 4;
  const taps = kh * kw;
  // Each tap's filter transposed to [cout, cp]: the kernel reads a dy channel's weights as vectors over cin.
  const pf = arena.alloc(taps * cout * cp * 4);
  const mem = arena.f32();
  const fb = pf >> 2;
  mem.fill(0, fb, fb + taps * cout * cp);
  for (let t = 0; t < taps; t++) {
    for (let ci = 0; ci < cin; ci++) for (let co = 0; co < cout; co++) mem[fb + (t * cout + co) * cp + ci] = filter[(t * cin + ci) * cout + co]!;
  }
  const hp = (g.oh - 1) * a.strides[0] + (kh - 1) * a.dilations[0] + 1;
  const wp = (g.ow - 1) * a.strides[1] + (kw - 1) * a.dilations[1] + 1;
  const xp = arena.alloc(g.nb * hp * wp * cp * 4);
  const size = g.nb * g.h * g.w * cin;
  const dx = arena.alloc(size * 4);
  const args = arena.alloc(22 * 4);
  arena.i32(args, 22).set([pdy, g.nb, hp, wp, cin, kh, kw, a.strides[0], a.strides[1], a.dilations[0], a.dilations[1],
    g.oh, g.ow, pf, cout, cp, xp, dx, g.h, g.w, a.pads.top, a.pads.left]);
  const tasks = pool !== undefined && g.nb > 1 && dy.length * taps * cin >= PARALLEL_MIN_MACS ? pool.size : 1;
  if (tasks === 1) exports.convDirectInputTask(args, 0, 1);
  else pool!.run(TASK_CONV_DIRECT_INPUT, args, exports.convDirectInputTask);
  return arena.take(dx, size);
}
