// The wasm kernels against core's ts kernels (themselves checked by the conformance suite) on
// sizes large enough to take the threaded path and every GEMM edge: partial 4×8 tiles, several
// depth blocks, row, column and batch splits, transposed operands, broadcast batches.
import { tsBackend, type Conv2dAttrs, type Pool2dAttrs, type Shape } from '@dlkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wasmBackend, type WasmBackend } from '@dlkit/backend-wasm';
import { ensureWasmBuilt } from './build.js';

function seeded(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}
const size = (shape: Shape): number => shape.reduce((a, b) => a * b, 1);
const info = (shape: Shape, seed: number) => ({ handle: seeded(size(shape), seed), shape, dtype: 'float32' as const });

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol: number): void {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!) / (1 + Math.abs(want[i]!)));
  expect(worst).toBeLessThan(tol);
}

const matmulCases: readonly { a: Shape; b: Shape; tA: boolean; tB: boolean; out: Shape }[] = [
  { a: [300, 520], b: [520, 70], tA: false, tB: false, out: [300, 70] },      // rows split, 3 depth blocks
  { a: [37, 300], b: [1100, 300], tA: false, tB: true, out: [37, 1100] },     // columns split, 2 column blocks
  { a: [260, 133], b: [260, 61], tA: true, tB: false, out: [133, 61] },       // partial tiles both ways
  { a: [129, 45], b: [77, 129], tA: true, tB: true, out: [45, 77] },
  { a: [6, 40, 64], b: [64, 50], tA: false, tB: false, out: [6, 40, 50] },    // batch split, broadcast B
  { a: [2, 1, 64, 40], b: [3, 64, 50], tA: true, tB: false, out: [2, 3, 40, 50] },
];

const convCases: readonly { x: Shape; f: Shape; attrs: Conv2dAttrs; y: Shape }[] = [
  { x: [8, 16, 16, 16], f: [3, 3, 16, 32], attrs: { strides: [1, 1], dilations: [1, 1], pads: { top: 1, bottom: 1, left: 1, right: 1 }, groups: 1 }, y: [8, 16, 16, 32] },
  { x: [2, 15, 13, 3], f: [5, 4, 3, 6], attrs: { strides: [2, 1], dilations: [1, 2], pads: { top: 2, bottom: 1, left: 0, right: 3 }, groups: 1 }, y: [2, 7, 10, 6] },
  // 320 taps: the GEMM's depth blocks (256) cut a tap's channel run; 98 rows: a partial row panel.
  { x: [2, 9, 9, 20], f: [4, 4, 20, 12], attrs: { strides: [1, 1], dilations: [1, 1], pads: { top: 1, bottom: 0, left: 1, right: 0 }, groups: 1 }, y: [2, 7, 7, 12] },
  // LeNet-5's C1 on 28×28 digits (padding 2): the direct kernel, threaded.
  { x: [64, 28, 28, 1], f: [5, 5, 1, 6], attrs: { strides: [1, 1], dilations: [1, 1], pads: { top: 2, bottom: 2, left: 2, right: 2 }, groups: 1 }, y: [64, 28, 28, 6] },
  // Outputs 2 wide (only single-pixel columns), a right pad the windows never reach.
  { x: [3, 6, 5, 2], f: [3, 3, 2, 5], attrs: { strides: [2, 2], dilations: [1, 1], pads: { top: 0, bottom: 0, left: 1, right: 2 }, groups: 1 }, y: [3, 2, 3, 5] },
  // Stride 1: dilated with uneven pads, and pads as wide as the filter.
  { x: [2, 11, 10, 5], f: [3, 4, 5, 7], attrs: { strides: [1, 1], dilations: [2, 1], pads: { top: 2, bottom: 1, left: 0, right: 3 }, groups: 1 }, y: [2, 10, 10, 7] },
  { x: [1, 5, 6, 2], f: [3, 3, 2, 3], attrs: { strides: [1, 1], dilations: [1, 1], pads: { top: 3, bottom: 3, left: 3, right: 3 }, groups: 1 }, y: [1, 9, 10, 3] },
  // Around the direct input gradient's limit: cin 8 at stride 2; cin 9 takes the GEMM.
  { x: [2, 9, 8, 8], f: [3, 3, 8, 5], attrs: { strides: [2, 2], dilations: [1, 1], pads: { top: 1, bottom: 1, left: 1, right: 1 }, groups: 1 }, y: [2, 5, 4, 5] },
  { x: [1, 6, 7, 9], f: [2, 3, 9, 4], attrs: { strides: [1, 1], dilations: [1, 1], pads: { top: 0, bottom: 0, left: 0, right: 0 }, groups: 1 }, y: [1, 5, 5, 4] },
  // LeNet-5's C3: the direct kernel with two full groups of 8 output channels.
  { x: [64, 14, 14, 6], f: [5, 5, 6, 16], attrs: { strides: [1, 1], dilations: [1, 1], pads: { top: 0, bottom: 0, left: 0, right: 0 }, groups: 1 }, y: [64, 10, 10, 16] },
  // cout 1..17 around the direct kernel's limit (16) and its groups of 8 channels: cin 1 with
  // 'same' padding at stride 1, cin 3 with 'same' at stride 2.
  ...Array.from({ length: 17 }, (_, i) => i + 1).flatMap((cout) => [
    { x: [3, 17, 19, 1], f: [5, 5, 1, cout], attrs: { strides: [1, 1] as [number, number], dilations: [1, 1] as [number, number], pads: { top: 2, bottom: 2, left: 2, right: 2 }, groups: 1 }, y: [3, 17, 19, cout] },
    { x: [2, 15, 13, 3], f: [3, 3, 3, cout], attrs: { strides: [2, 2] as [number, number], dilations: [1, 1] as [number, number], pads: { top: 1, bottom: 1, left: 1, right: 1 }, groups: 1 }, y: [2, 8, 7, cout] },
  ]),
];

for (const threads of [1, 2]) {
  describe(`wasm kernels vs ts kernels, ${threads} thread(s)`, () => {
    let b: WasmBackend;
    beforeAll(async () => {
      ensureWasmBuilt();
      b = await wasmBackend({ threads });
    });
    afterAll(() => b.terminate());

    for (const c of matmulCases) {
      it(`matmul ${c.a.join('x')}${c.tA ? 'ᵀ' : ''} · ${c.b.join('x')}${c.tB ? 'ᵀ' : ''}`, () => {
        const a = info(c.a, 1), bb = info(c.b, 2);
        expectClose(b.matmul(a, bb, c.tA, c.tB, c.out), tsBackend.matmul(a, bb, c.tA, c.tB, c.out), 1e-5);
      });
    }

    // Same shape, scalars, trailing broadcasts of vector and odd periods (7, 3, 1) on either side;
    // [3, 1, 7] is not periodic and takes the ts kernel. float32 + − × ÷ round alike everywhere.
    const binaryCases: readonly [Shape, Shape, Shape][] = [
      [[3, 5, 7], [3, 5, 7], [3, 5, 7]], [[3, 5, 7], [], [3, 5, 7]], [[], [3, 5, 7], [3, 5, 7]],
      [[64, 6, 6, 6], [6], [64, 6, 6, 6]], [[7], [3, 5, 7], [3, 5, 7]], [[1, 5, 7], [3, 5, 7], [3, 5, 7]],
      [[4, 3], [3], [4, 3]], [[3, 5, 7], [3, 1, 7], [3, 5, 7]], [[1], [1], [1]],
    ];
    for (const op of ['add', 'sub', 'mul', 'div'] as const) {
      it(`binary ${op} on same shapes, scalars and trailing broadcasts equals the ts kernel`, () => {
        for (const [sa, sb, out] of binaryCases) {
          const a = info(sa, 6), bb = info(sb, 7);
          expect(Array.from(b.binary(a, bb, op, out)), `${sa.join('x')} ${op} ${sb.join('x')}`).toEqual(Array.from(tsBackend.binary(a, bb, op, out)));
        }
      });
    }

    // LeNet's 2×2 windows (channels 6: a vector and a 2-lane tail; 16), and 3×2 windows at strides
    // 2×1 with pads, so edge windows count fewer inputs.
    const poolCases: readonly { x: Shape; attrs: Pool2dAttrs; y: Shape }[] = [
      { x: [64, 28, 28, 6], attrs: { size: [2, 2], strides: [2, 2], pads: { top: 0, bottom: 0, left: 0, right: 0 } }, y: [64, 14, 14, 6] },
      { x: [4, 10, 10, 16], attrs: { size: [2, 2], strides: [2, 2], pads: { top: 0, bottom: 0, left: 0, right: 0 } }, y: [4, 5, 5, 16] },
      { x: [3, 7, 9, 5], attrs: { size: [3, 2], strides: [2, 1], pads: { top: 1, bottom: 1, left: 0, right: 1 } }, y: [3, 4, 9, 5] },
    ];
    for (const c of poolCases) {
      it(`avgPool2d ${c.x.join('x')} and its gradient`, () => {
        const x = info(c.x, 8), dy = info(c.y, 9);
        expectClose(b.avgPool2d(x, c.attrs, c.y), tsBackend.avgPool2d(x, c.attrs, c.y), 1e-6);
        expectClose(b.avgPool2dBackprop(dy, c.attrs, c.x), tsBackend.avgPool2dBackprop(dy, c.attrs, c.x), 1e-6);
      });
    }

    it('sum over contiguous axes (a bias gradient, middle and last axes, all axes) equals the ts kernel bit for bit', () => {
      const cases: readonly [Shape, number[], Shape][] = [
        [[64, 28, 28, 6], [0, 1, 2], [6]], [[3, 5, 7], [1], [3, 7]], [[3, 5, 7], [0, 1, 2], []], [[4, 9], [1], [4]], [[3, 5, 7], [0, 2], [5]],
      ];
      for (const [shape, axes, out] of cases) {
        const x = info(shape, 10);
        expect(Array.from(b.reduce(x, 'sum', axes, out)), `${shape.join('x')} over ${axes.join(',')}`).toEqual(Array.from(tsBackend.reduce(x, 'sum', axes, out)));
      }
    });

    it('tanh within 2 float32 ulp of Math.tanh, on both sides of its branch (0.625), saturated, and at ±0, ±∞, NaN', () => {
      const values = [0, -0, 1e-30, -1e-8, 0.3, 0.624, 0.625, -0.626, 1, -2.5, 9, 10, -20, 50, 89, 1e30, Infinity, -Infinity, NaN];
      for (let v = -12; v <= 12; v += 0.0137) values.push(v);
      const x = { handle: Float32Array.from(values), shape: [values.length], dtype: 'float32' as const };
      const got = b.unary(x, 'tanh', 0);
      for (let i = 0; i < values.length; i++) {
        const want = Math.fround(Math.tanh(x.handle[i]!));
        if (Number.isNaN(want)) expect(got[i]).toBeNaN();
        else expect(Math.abs(got[i]! - want)).toBeLessThanOrEqual(2 * 2 ** -23 * Math.max(Math.abs(want), 2 ** -126));
        if (Object.is(x.handle[i], -0)) expect(Object.is(got[i], -0)).toBe(true);
      }
      expect(values.length % 4).not.toBe(0);
    });

    for (const c of convCases) {
      it(`conv2d ${c.x.join('x')} * ${c.f.join('x')} and its two gradients`, () => {
        const x = info(c.x, 3), f = info(c.f, 4), dy = info(c.y, 5);
        expectClose(b.conv2d(x, f, c.attrs, c.y), tsBackend.conv2d(x, f, c.attrs, c.y), 1e-5);
        expectClose(b.conv2dBackpropInput(dy, f, c.attrs, c.x), tsBackend.conv2dBackpropInput(dy, f, c.attrs, c.x), 1e-5);
        expectClose(b.conv2dBackpropFilter(x, dy, c.attrs, c.f), tsBackend.conv2dBackpropFilter(x, dy, c.attrs, c.f), 1e-5);
      });
    }
  });
}
