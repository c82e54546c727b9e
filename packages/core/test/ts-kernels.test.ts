/**
 * Correctness of the pure-TS backend's fused kernels (gemm, matmul, conv2d and its gradients,
 * pooling, softmax) against naive float64 loops. The kernels take several paths depending on
 * sizes (packed 4×4 tiles with blocking edges, vector-shaped products, fused im2col packing,
 * the flipped-filter input gradient, col2im, 1×1 views, depthwise loops), so the cases below are
 * chosen to run each of them. No timing here: speed lives in `benchmarks/`.
 */
import { describe, expect, it } from 'vitest';
import {
  avgPool2d, conv2d, grad, layerNorm, logSoftmax, matmul, maxPool2d, mul, softmax, sum, tensor, tsBackend,
  type Conv2dAttrs, type Pool2dAttrs, type Tensor, type TypedArray,
} from '@dlkit/core';
import { gemm, type MatrixView } from '../src/backends/ts/gemm.js';

// ---- helpers ----

/** Deterministic values in [-1, 1) (a small LCG, so tests do not depend on the global generator). */
function values(size: number, seed: number, Type: Float32ArrayConstructor | Float64ArrayConstructor = Float64Array): Float32Array | Float64Array {
  const out = new Type(size);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, label = ''): void {
  expect(actual.length, `${label} length`).toBe(expected.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const a = actual[i]!;
    if (Number.isNaN(e) || Number.isNaN(a)) {
      if (Number.isNaN(e) !== Number.isNaN(a)) throw new Error(`${label}: at ${i} got ${a}, expected ${e}`);
      continue;
    }
    if (e === a) continue;
    const err = Math.abs(a - e) / (1 + Math.abs(e));
    if (!(err <= worst)) {
      worst = err;
      at = i;
    }
  }
  if (worst > tolerance) throw new Error(`${label}: relative error ${worst} at ${at} (got ${actual[at]}, expected ${expected[at]})`);
}

function at(v: MatrixView, i: number, j: number): number {
  return v.data[v.offset + i * v.rowStride + j * v.colStride]!;
}

/** A `rows×cols` view into a fresh array: row-major or transposed storage, with a leading offset and padded leading dimension. */
function makeView(rows: number, cols: number, transposed: boolean, seed: number, Type: Float32ArrayConstructor | Float64ArrayConstructor): MatrixView {
  const offset = 3;
  const ld = (transposed ? rows : cols) + 2;
  const data = values(offset + ld * (transposed ? cols : rows), seed, Type);
  return transposed ? { data, offset, rowStride: 1, colStride: ld } : { data, offset, rowStride: ld, colStride: 1 };
}

function naiveGemm(m: number, n: number, k: number, a: MatrixView, b: MatrixView): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += at(a, i, p) * at(b, p, j);
      c[i * n + j] = s;
    }
  }
  return c;
}

function f64(t: Tensor): Float64Array {
  return Float64Array.from(t.dataSync() as ArrayLike<number>);
}

function tensorOf(shape: number[], seed: number, dtype: 'float32' | 'float64' = 'float64', requiresGrad = false): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tensor(values(size, seed, dtype === 'float32' ? Float32Array : Float64Array), { shape, requiresGrad });
}

// ---- gemm ----

describe('ts gemm', () => {
  const sizes: [number, number, number][] = [
    [1, 1, 1], [1, 7, 5], [7, 1, 5], [3, 5, 2], [2, 3, 17], [4, 4, 4], [5, 5, 5], [17, 13, 129], [3, 129, 17],
    [129, 3, 17], [64, 33, 1], [1, 300, 260], [300, 1, 260], [130, 70, 520], [33, 1030, 7], [7, 9, 784],
  ];
  for (const [m, n, k] of sizes) {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      it(`${m}×${n}×${k}${ta ? ' Aᵀ' : ''}${tb ? ' Bᵀ' : ''} matches naive loops in float64`, () => {
        const a = makeView(m, k, ta, m * 31 + k, Float64Array);
        const b = makeView(k, n, tb, n * 17 + k + 1, Float64Array);
        const expected = naiveGemm(m, n, k, a, b);
        const ldc = n + 3;
        const c = new Float64Array(2 + m * ldc).fill(7);
        gemm(m, n, k, a, b, c, 2, ldc, false);
        const got = new Float64Array(m * n);
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) got[i * n + j] = c[2 + i * ldc + j]!;
          // The padding between rows is never written.
          for (let j = n; j < ldc && 2 + i * ldc + j < c.length; j++) expect(c[2 + i * ldc + j]).toBe(7);
        }
        expect(c[0]).toBe(7);
        expect(c[1]).toBe(7);
        expectClose(got, expected, 1e-12, 'gemm');
      });
    }
  }

  it('accumulates onto C when asked, and zeroes it otherwise', () => {
    for (const [m, n, k] of [[6, 9, 11], [2, 9, 3], [9, 2, 3], [40, 40, 300]] as const) {
      const a = makeView(m, k, false, 1, Float64Array);
      const b = makeView(k, n, true, 2, Float64Array);
      const product = naiveGemm(m, n, k, a, b);
      const start = values(m * n, 3);
      const c = Float64Array.from(start);
      gemm(m, n, k, a, b, c, 0, n, true);
      expectClose(c, product.map((v, i) => v + start[i]!), 1e-12, 'accumulate');
      gemm(m, n, k, a, b, c, 0, n, false);
      expectClose(c, product, 1e-12, 'overwrite');
    }
  });

  it('handles k = 0 and empty outputs', () => {
    const a = makeView(3, 0, false, 1, Float64Array);
    const b = makeView(0, 5, false, 2, Float64Array);
    const c = new Float64Array(15).fill(4);
    gemm(3, 5, 0, a, b, c, 0, 5, false);
    expect([...c]).toEqual(new Array(15).fill(0));
    const d = new Float64Array(3).fill(4);
    gemm(0, 3, 2, makeView(0, 2, false, 1, Float64Array), makeView(2, 3, false, 2, Float64Array), d, 0, 3, false);
    expect([...d]).toEqual([4, 4, 4]);
  });

  it('reads float32 operands and writes float32 (and int32) outputs, accumulating in float64', () => {
    const [m, n, k] = [37, 21, 300];
    const a = makeView(m, k, false, 5, Float32Array);
    const b = makeView(k, n, true, 6, Float32Array);
    const expected = naiveGemm(m, n, k, a, b);
    const c = new Float32Array(m * n);
    gemm(m, n, k, a, b, c, 0, n, false);
    expectClose(c, Float32Array.from(expected), 1e-6, 'float32');
    const ints = new Int32Array(12);
    const ia: MatrixView = { data: Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), offset: 0, rowStride: 3, colStride: 1 };
    const ib: MatrixView = { data: Int32Array.from([1, 0, 2, -1, 3, 1, 0, 2, -2]), offset: 0, rowStride: 3, colStride: 1 };
    gemm(4, 3, 3, ia, ib, ints, 0, 3, false);
    expect([...ints]).toEqual([...naiveGemm(4, 3, 3, ia, ib)]);
  });
});

// ---- matmul ----

function naiveMatmul(a: Tensor, b: Tensor, ta: boolean, tb: boolean): { shape: number[]; data: Float64Array } {
  const av = f64(a);
  const bv = f64(b);
  const [ar, ac] = a.shape.slice(-2) as [number, number];
  const [br, bc] = b.shape.slice(-2) as [number, number];
  const m = ta ? ac : ar;
  const k = ta ? ar : ac;
  const n = tb ? br : bc;
  const batchA = a.shape.slice(0, -2);
  const batchB = b.shape.slice(0, -2);
  const rank = Math.max(batchA.length, batchB.length);
  const padA = [...new Array<number>(rank - batchA.length).fill(1), ...batchA];
  const padB = [...new Array<number>(rank - batchB.length).fill(1), ...batchB];
  const batch = padA.map((d, i) => Math.max(d, padB[i]!));
  const count = batch.reduce((x, y) => x * y, 1);
  const out = new Float64Array(count * m * n);
  for (let t = 0; t < count; t++) {
    let rest = t;
    let offA = 0;
    let offB = 0;
    let strideA = 1;
    let strideB = 1;
    for (let d = rank - 1; d >= 0; d--) {
      const index = rest % batch[d]!;
      rest = Math.floor(rest / batch[d]!);
      if (padA[d] !== 1) offA += index * strideA;
      if (padB[d] !== 1) offB += index * strideB;
      strideA *= padA[d]!;
      strideB *= padB[d]!;
    }
    offA *= ar * ac;
    offB *= br * bc;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) {
          const x = av[offA + (ta ? p * ac + i : i * ac + p)]!;
          const y = bv[offB + (tb ? j * bc + p : p * bc + j)]!;
          s += x * y;
        }
        out[t * m * n + i * n + j] = s;
      }
    }
  }
  return { shape: [...batch, m, n], data: out };
}

describe('ts matmul', () => {
  const cases: [number[], number[]][] = [
    [[5, 7], [7, 3]],
    [[1, 9], [9, 1]],
    [[17, 129], [129, 5]],
    [[3, 4, 6], [3, 6, 5]],
    [[2, 1, 5, 3], [3, 3, 4]],
    [[4, 2, 8], [8, 9]],
    [[6, 33], [2, 3, 33, 4]],
  ];
  for (const [sa, sb] of cases) {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      const shapeA = ta ? [...sa.slice(0, -2), sa[sa.length - 1]!, sa[sa.length - 2]!] : sa;
      const shapeB = tb ? [...sb.slice(0, -2), sb[sb.length - 1]!, sb[sb.length - 2]!] : sb;
      it(`[${shapeA}]${ta ? 'ᵀ' : ''} @ [${shapeB}]${tb ? 'ᵀ' : ''}`, () => {
        const a = tensorOf(shapeA, 11 + shapeA.length);
        const b = tensorOf(shapeB, 23 + shapeB.length);
        const got = matmul(a, b, { transposeA: ta, transposeB: tb });
        const expected = naiveMatmul(a, b, ta, tb);
        expect(got.shape).toEqual(expected.shape);
        expectClose(f64(got), expected.data, 1e-12, 'matmul');
      });
    }
  }

  it('float32 matmul of a large odd size agrees with float64', () => {
    const a = tensorOf([131, 263], 1, 'float32');
    const b = tensorOf([263, 67], 2, 'float32');
    const expected = naiveMatmul(a, b, false, false);
    expectClose(f64(matmul(a, b)), Float32Array.from(expected.data), 2e-6, 'float32 matmul');
  });

  it('vector operands drop their dim', () => {
    const v = tensor([1, 2, 3], { dtype: 'float64' });
    const m = tensor([[1, 0], [0, 1], [1, 1]], { dtype: 'float64' });
    expect(matmul(v, m).toArray()).toEqual([4, 5]);
    expect(matmul(tensor([[1, 2, 3]], { dtype: 'float64' }), v).toArray()).toEqual([14]);
  });
});

// ---- conv2d ----

interface ConvCase {
  name: string;
  x: [number, number, number, number];
  k: [number, number];
  outC: number;
  strides: [number, number];
  dilations: [number, number];
  pads: [number, number, number, number];
  groups: number;
}

function convOut(c: ConvCase): [number, number, number, number] {
  const [n, h, w] = c.x;
  const [t, b, l, r] = c.pads;
  const oh = Math.floor((h + t + b - ((c.k[0] - 1) * c.dilations[0] + 1)) / c.strides[0]) + 1;
  const ow = Math.floor((w + l + r - ((c.k[1] - 1) * c.dilations[1] + 1)) / c.strides[1]) + 1;
  return [n, oh, ow, c.outC];
}

function attrsOf(c: ConvCase): Conv2dAttrs {
  const [top, bottom, left, right] = c.pads;
  return { strides: c.strides, dilations: c.dilations, pads: { top, bottom, left, right }, groups: c.groups };
}

/** Calls `visit(xIndex, wIndex, yIndex)` for every multiply of the convolution (naive loops). */
function forEachConvTerm(c: ConvCase, visit: (xi: number, wi: number, yi: number) => void): void {
  const [batch, inH, inW, inC] = c.x;
  const [, outH, outW, outC] = convOut(c);
  const [kh, kw] = c.k;
  const gIn = inC / c.groups;
  const gOut = outC / c.groups;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        for (let co = 0; co < outC; co++) {
          const group = Math.floor(co / gOut);
          for (let i = 0; i < kh; i++) {
            for (let j = 0; j < kw; j++) {
              const ih = oh * c.strides[0] - c.pads[0] + i * c.dilations[0];
              const iw = ow * c.strides[1] - c.pads[2] + j * c.dilations[1];
              if (ih < 0 || ih >= inH || iw < 0 || iw >= inW) continue;
              for (let ci = 0; ci < gIn; ci++) {
                const xi = ((n * inH + ih) * inW + iw) * inC + group * gIn + ci;
                const wi = ((i * kw + j) * gIn + ci) * outC + co;
                const yi = ((n * outH + oh) * outW + ow) * outC + co;
                visit(xi, wi, yi);
              }
            }
          }
        }
      }
    }
  }
}

const convCases: ConvCase[] = [
  { name: '3×3 same, 16→32 (flipped-filter input gradient)', x: [2, 9, 8, 16], k: [3, 3], outC: 32, strides: [1, 1], dilations: [1, 1], pads: [1, 1, 1, 1], groups: 1 },
  { name: '5×5 valid, 1→6 (LeNet C1, col2im input gradient)', x: [3, 12, 11, 1], k: [5, 5], outC: 6, strides: [1, 1], dilations: [1, 1], pads: [0, 0, 0, 0], groups: 1 },
  { name: '3×3 stride 2, asymmetric padding, 3→5', x: [2, 9, 10, 3], k: [3, 3], outC: 5, strides: [2, 2], dilations: [1, 1], pads: [0, 1, 1, 0], groups: 1 },
  { name: '2×3 strides (2,1), 8→7', x: [1, 10, 9, 8], k: [2, 3], outC: 7, strides: [2, 1], dilations: [1, 1], pads: [1, 0, 2, 1], groups: 1 },
  { name: '3×3 dilation 2, same, 9→4', x: [2, 11, 9, 9], k: [3, 3], outC: 4, strides: [1, 1], dilations: [2, 2], pads: [2, 2, 2, 2], groups: 1 },
  { name: '3×2 dilation (1,3), 12→3', x: [1, 8, 12, 12], k: [3, 2], outC: 3, strides: [1, 1], dilations: [1, 3], pads: [0, 1, 3, 0], groups: 1 },
  { name: 'groups 2, 16→10', x: [2, 7, 7, 16], k: [3, 3], outC: 10, strides: [1, 1], dilations: [1, 1], pads: [1, 1, 1, 1], groups: 2 },
  { name: 'groups 3 stride 2, 6→9', x: [2, 9, 9, 6], k: [3, 3], outC: 9, strides: [2, 2], dilations: [1, 1], pads: [1, 1, 1, 1], groups: 3 },
  { name: 'depthwise 3×3, 5 channels', x: [2, 8, 7, 5], k: [3, 3], outC: 5, strides: [1, 1], dilations: [1, 1], pads: [1, 1, 1, 1], groups: 5 },
  { name: 'depthwise multiplier 2, stride 2, dilation 2', x: [2, 9, 9, 4], k: [3, 3], outC: 8, strides: [2, 2], dilations: [2, 2], pads: [2, 1, 0, 2], groups: 4 },
  { name: '1×1 pointwise, 13→9 (input as patches)', x: [2, 5, 6, 13], k: [1, 1], outC: 9, strides: [1, 1], dilations: [1, 1], pads: [0, 0, 0, 0], groups: 1 },
  { name: '1×1 stride 2', x: [1, 7, 7, 8], k: [1, 1], outC: 4, strides: [2, 2], dilations: [1, 1], pads: [0, 0, 0, 0], groups: 1 },
  { name: 'padding larger than the window, 8→4', x: [1, 4, 5, 8], k: [2, 2], outC: 4, strides: [1, 1], dilations: [1, 1], pads: [3, 2, 2, 3], groups: 1 },
  { name: 'large patches (im2col in row chunks), 64→4', x: [4, 24, 24, 64], k: [5, 5], outC: 4, strides: [1, 1], dilations: [1, 1], pads: [2, 2, 2, 2], groups: 1 },
];

describe('ts conv2d and its gradients', () => {
  for (const c of convCases) {
    it(c.name, () => {
      const outShape = convOut(c);
      const filterShape = [c.k[0], c.k[1], c.x[3] / c.groups, c.outC];
      const x = tensorOf(c.x, 101);
      const w = tensorOf(filterShape, 202);
      const dy = tensorOf(outShape, 303);
      const xv = f64(x);
      const wv = f64(w);
      const dyv = f64(dy);
      const y = new Float64Array(outShape.reduce((a, b) => a * b, 1));
      const dx = new Float64Array(xv.length);
      const dw = new Float64Array(wv.length);
      forEachConvTerm(c, (xi, wi, yi) => {
        y[yi] = y[yi]! + xv[xi]! * wv[wi]!;
        dx[xi] = dx[xi]! + dyv[yi]! * wv[wi]!;
        dw[wi] = dw[wi]! + xv[xi]! * dyv[yi]!;
      });
      const attrs = attrsOf(c);
      const info = (t: Tensor) => ({ handle: t.dataSync() as TypedArray, shape: t.shape, dtype: t.dtype });
      expectClose(tsBackend.conv2d(info(x), info(w), attrs, outShape), y, 1e-12, 'conv2d');
      expectClose(tsBackend.conv2dBackpropInput(info(dy), info(w), attrs, c.x), dx, 1e-12, 'conv2dBackpropInput');
      expectClose(tsBackend.conv2dBackpropFilter(info(x), info(dy), attrs, filterShape), dw, 1e-12, 'conv2dBackpropFilter');

      // float32 runs the same paths.
      const info32 = (t: Tensor) => ({ handle: Float32Array.from(t.dataSync() as ArrayLike<number>), shape: t.shape, dtype: 'float32' as const });
      expectClose(tsBackend.conv2d(info32(x), info32(w), attrs, outShape), y, 1e-5, 'conv2d float32');
      expectClose(tsBackend.conv2dBackpropInput(info32(dy), info32(w), attrs, c.x), dx, 1e-5, 'conv2dBackpropInput float32');
      expectClose(tsBackend.conv2dBackpropFilter(info32(x), info32(dy), attrs, filterShape), dw, 1e-5, 'conv2dBackpropFilter float32');
    });
  }

  it('autograd through the public conv2d matches the naive gradients', () => {
    const c: ConvCase = { name: '', x: [2, 6, 6, 8], k: [3, 3], outC: 8, strides: [1, 1], dilations: [1, 1], pads: [1, 1, 1, 1], groups: 1 };
    const x = tensorOf(c.x, 7, 'float64', true);
    const w = tensorOf([3, 3, 8, 8], 8, 'float64', true);
    const y = conv2d(x, w, { padding: 'same' });
    y.sum().backward();
    const xv = f64(x);
    const wv = f64(w);
    const dx = new Float64Array(xv.length);
    const dw = new Float64Array(wv.length);
    forEachConvTerm(c, (xi, wi) => {
      dx[xi] = dx[xi]! + wv[wi]!;
      dw[wi] = dw[wi]! + xv[xi]!;
    });
    expectClose(f64(x.grad!), dx, 1e-12, 'dx');
    expectClose(f64(w.grad!), dw, 1e-12, 'dw');
  });
});

// ---- pooling ----

interface PoolCase {
  name: string;
  x: [number, number, number, number];
  size: [number, number];
  strides: [number, number];
  pads: [number, number, number, number];
}

function poolOut(c: PoolCase): [number, number, number, number] {
  const [n, h, w, ch] = c.x;
  return [
    n,
    Math.floor((h + c.pads[0] + c.pads[1] - c.size[0]) / c.strides[0]) + 1,
    Math.floor((w + c.pads[2] + c.pads[3] - c.size[1]) / c.strides[1]) + 1,
    ch,
  ];
}

/** Each output element's in-bounds window input indices, in row-major scan order. */
function poolWindows(c: PoolCase): number[][] {
  const [batch, inH, inW, ch] = c.x;
  const [, outH, outW] = poolOut(c);
  const windows: number[][] = [];
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        for (let k = 0; k < ch; k++) {
          const win: number[] = [];
          for (let i = 0; i < c.size[0]; i++) {
            for (let j = 0; j < c.size[1]; j++) {
              const ih = oh * c.strides[0] - c.pads[0] + i;
              const iw = ow * c.strides[1] - c.pads[2] + j;
              if (ih >= 0 && ih < inH && iw >= 0 && iw < inW) win.push(((n * inH + ih) * inW + iw) * ch + k);
            }
          }
          windows.push(win);
        }
      }
    }
  }
  return windows;
}

describe('ts pooling', () => {
  const cases: PoolCase[] = [
    { name: '2×2 stride 2', x: [2, 8, 6, 5], size: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0] },
    { name: '3×3 stride 1 same', x: [1, 7, 6, 3], size: [3, 3], strides: [1, 1], pads: [1, 1, 1, 1] },
    { name: '3×2 strides (2,3), asymmetric padding', x: [2, 9, 11, 4], size: [3, 2], strides: [2, 3], pads: [1, 2, 0, 1] },
    { name: '1×1', x: [1, 3, 3, 2], size: [1, 1], strides: [1, 1], pads: [0, 0, 0, 0] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const attrs: Pool2dAttrs = { size: c.size, strides: c.strides, pads: { top: c.pads[0], bottom: c.pads[1], left: c.pads[2], right: c.pads[3] } };
      const outShape = poolOut(c);
      const x = tensorOf(c.x, 5);
      // Ties: repeat some values so "first maximum" matters.
      const xv = f64(x).map((v, i) => (i % 7 === 3 ? 0.5 : v));
      const dyv = values(outShape.reduce((a, b) => a * b, 1), 9);
      const windows = poolWindows(c);
      const max = windows.map((w) => Math.max(...w.map((i) => xv[i]!)));
      const avg = windows.map((w) => w.reduce((s, i) => s + xv[i]!, 0) / w.length);
      const dxMax = new Float64Array(xv.length);
      const dxAvg = new Float64Array(xv.length);
      windows.forEach((w, o) => {
        let best = w[0]!;
        for (const i of w) if (xv[i]! > xv[best]!) best = i;
        dxMax[best] = dxMax[best]! + dyv[o]!;
        for (const i of w) dxAvg[i] = dxAvg[i]! + dyv[o]! / w.length;
      });
      const X = { handle: xv as TypedArray, shape: c.x, dtype: 'float64' as const };
      const DY = { handle: dyv as TypedArray, shape: outShape, dtype: 'float64' as const };
      expectClose(tsBackend.maxPool2d(X, attrs, outShape), max, 0, 'maxPool2d');
      expectClose(tsBackend.avgPool2d(X, attrs, outShape), avg, 1e-14, 'avgPool2d');
      expectClose(tsBackend.maxPool2dBackprop(DY, X, attrs), dxMax, 1e-14, 'maxPool2dBackprop');
      expectClose(tsBackend.avgPool2dBackprop(DY, attrs, c.x), dxAvg, 1e-14, 'avgPool2dBackprop');
      const X32 = { handle: Float32Array.from(xv), shape: c.x, dtype: 'float32' as const };
      expectClose(tsBackend.maxPool2d(X32, attrs, outShape), Float32Array.from(max), 0, 'maxPool2d float32');
    });
  }

  it('max pooling propagates NaN and handles infinities; the public ops agree', () => {
    const x = tensor([[[[1], [Number.NaN]], [[3], [2]]], [[[-Infinity], [-Infinity]], [[-Infinity], [-5]]]], { dtype: 'float64' });
    expect(f64(maxPool2d(x, { size: 2 }))).toEqual(Float64Array.from([Number.NaN, -5]));
    const y = tensor([[[[1], [4]], [[3], [2]]]], { dtype: 'float64', requiresGrad: true });
    maxPool2d(y, { size: 2 }).sum().backward();
    expect(y.grad!.toArray()).toEqual([[[[0], [1]], [[0], [0]]]]);
    expect(avgPool2d(y, { size: 2 }).toArray()).toEqual([[[[2.5]]]]);
  });
});

// ---- softmax ----

describe('ts softmax', () => {
  it('matches naive softmax and log-softmax, stable for large logits', () => {
    const rows = 7;
    const cols = 1001;
    const xv = values(rows * cols, 4).map((v, i) => (i < cols ? v * 2000 : i < 2 * cols ? (i % 5 === 0 ? -Infinity : v) : v * 10));
    const naive = (v: ArrayLike<number>): [Float64Array, Float64Array] => {
      const soft = new Float64Array(v.length);
      const log = new Float64Array(v.length);
      for (let r = 0; r < rows; r++) {
        const row = Array.from({ length: cols }, (_, i) => v[r * cols + i]!);
        const max = Math.max(...row);
        const sum = row.reduce((s, x) => s + Math.exp(x - max), 0);
        row.forEach((x, i) => {
          soft[r * cols + i] = Math.exp(x - max) / sum;
          log[r * cols + i] = x - max - Math.log(sum);
        });
      }
      return [soft, log];
    };
    const [expectedSoft, expectedLog] = naive(xv);
    const x = tensor(Float64Array.from(xv), { shape: [rows, cols] });
    expectClose(f64(softmax(x)), expectedSoft, 1e-13, 'softmax');
    expectClose(f64(logSoftmax(x)), expectedLog, 1e-13, 'logSoftmax');
    const xv32 = Float32Array.from(xv);
    const [soft32, log32] = naive(xv32);
    const x32 = tensor(xv32, { shape: [rows, cols] });
    expectClose(f64(softmax(x32)), Float32Array.from(soft32), 1e-6, 'softmax float32');
    expectClose(f64(logSoftmax(x32)), Float32Array.from(log32), 1e-6, 'logSoftmax float32');
    expect(softmax(tensor([1000, 1000])).toArray()).toEqual([0.5, 0.5]);
  });

  it('the fused backprop kernels (plain backward) equal the composed gradients (createGraph)', () => {
    const [rows, cols] = [5, 23];
    for (const op of [softmax, logSoftmax]) {
      const x = tensor(values(rows * cols, 21).map((v) => 4 * v), { shape: [rows, cols] });
      const dy = tensor(values(rows * cols, 22), { shape: [rows, cols] });
      const objective = (t: Tensor): Tensor => sum(mul(op(t), dy));
      const [fused] = grad(objective)([x]);
      const [composed] = grad(objective, { createGraph: true })([x]);
      expectClose(f64(fused!), f64(composed!), 1e-13, `${op.name} gradient`);
    }
  });
});

describe('ts layer normalization', () => {
  it('the fused backprop kernel (plain backward) equals the composed gradient (createGraph), float64 and float32', () => {
    const [rows, cols] = [6, 37];
    for (const Type of [Float64Array, Float32Array]) {
      const xv = new Type(rows * cols);
      values(rows * cols, 11).forEach((v, i) => (xv[i] = v + (i % 3))); // offsets, so centring matters
      const dyv = values(rows * cols, 12, Type);
      const objective = (x: Tensor): Tensor => sum(mul(layerNorm(x, cols), tensor(dyv, { shape: [rows, cols] })));
      const x = tensor(xv, { shape: [rows, cols] });
      const [fused] = grad(objective)([x]);
      const [composed] = grad(objective, { createGraph: true })([x]);
      expectClose(f64(fused!), f64(composed!), Type === Float64Array ? 1e-12 : 1e-5, `${Type.name} gradient`);
      const y = f64(layerNorm(x, cols));
      for (let r = 0; r < rows; r++) {
        const row = Array.from(y.subarray(r * cols, (r + 1) * cols));
        const mean = row.reduce((s, v) => s + v, 0) / cols;
        expect(Math.abs(mean), `row ${r} mean`).toBeLessThan(Type === Float64Array ? 1e-12 : 1e-6);
      }
    }
  });
});
