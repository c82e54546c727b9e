/**
 * Specs of the random ops: rand, randn, randint, bernoulli and dropout. Their deterministic cases
 * (empty shapes, std 0, a one-value range, p 0 and 1, rate 0) are compared with the reference;
 * seeded draws are checked as properties (reproducible, in range, the right mean).
 */
import { grad } from '@dlkit/core';
import type { DType, FloatDType, Tensor } from '@dlkit/core';
import { DTypeError, ValueError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import { reference } from '../reference/index.js';
import { defineOp, type PropertyCheck, type OpSpec } from '../spec.js';

/**
 * A seeded draw of 2,000 values equals itself, differs under another seed, has `dtype`, keeps every
 * value in range, and has a mean within 0.1 of `mean` (fixed by the seed, so never flaky).
 */
function seededDraws(name: string, draw: (seed: number, dtype: FloatDType) => Tensor, inRange: (v: number) => boolean, mean: number, dtype?: DType): PropertyCheck {
  return {
    label: 'a seeded draw equals itself, differs under another seed, stays in range and has the expected mean',
    run: ({ dtype: floatDType }) => {
      const a = draw(1, floatDType);
      const values = a.dataSync();
      const again = draw(1, floatDType).dataSync();
      const other = draw(2, floatDType).dataSync();
      if (a.dtype !== (dtype ?? floatDType)) throw new Error(`${name}: dtype ${a.dtype}, expected ${dtype ?? floatDType}`);
      if (values.some((v, i) => v !== again[i])) throw new Error(`${name}: two draws with seed 1 differ`);
      if (values.every((v, i) => v === other[i])) throw new Error(`${name}: seeds 1 and 2 gave the same values`);
      const bad = values.findIndex((v) => !inRange(v));
      if (bad >= 0) throw new Error(`${name}: value ${values[bad]} at ${bad} is out of range`);
      let total = 0;
      for (const v of values) total += v;
      const m = total / values.length;
      if (Math.abs(m - mean) > 0.1) throw new Error(`${name}: mean ${m}, expected about ${mean}`);
    },
  };
}

const N = [2000];

const randSpec = defineOp<{ shape: number[]; low?: number; high?: number }>({
  name: 'rand',
  op: (_, { shape, ...range }) => ops.rand(shape, range),
  reference: (_, a) => reference.rand(a.shape),
  samples: () => [{ label: 'empty [0,3]', inputs: [], args: { shape: [0, 3] } }],
  differentiable: [],
  errors: () => [
    { label: 'low not below high', inputs: [], args: { shape: [2], low: 1, high: 1 }, error: ValueError, message: /rand: low must be < high, got low=1, high=1/ },
    { label: 'int32 dtype', inputs: [], args: { shape: [2] }, call: () => ops.rand([2], { dtype: 'int32' }), error: DTypeError, message: /rand: expected a float dtype, got int32/ },
  ],
  checks: [seededDraws('rand', (seed, dtype) => ops.rand(N, { low: -2, high: 3, seed, dtype }), (v) => v >= -2 && v < 3, 0.5)],
});

const randnSpec = defineOp<{ shape: number[]; mean?: number; std?: number }>({
  name: 'randn',
  op: (_, { shape, ...normal }) => ops.randn(shape, normal),
  reference: (_, { shape, ...normal }) => reference.randn(shape, normal),
  samples: () => [
    { label: 'std 0 is the mean [2,3]', inputs: [], args: { shape: [2, 3], mean: 1.5, std: 0 } },
    { label: 'empty [0]', inputs: [], args: { shape: [0] } },
  ],
  differentiable: [],
  errors: () => [
    { label: 'negative std', inputs: [], args: { shape: [2], std: -1 }, error: ValueError, message: /randn: std must be >= 0, got -1/ },
  ],
  checks: [seededDraws('randn', (seed, dtype) => ops.randn(N, { mean: 1, std: 2, seed, dtype }), Number.isFinite, 1)],
});

const randintSpec = defineOp<{ low: number; high: number; shape: number[] }>({
  name: 'randint',
  op: (_, a) => ops.randint(a.low, a.high, a.shape),
  reference: (_, a) => reference.randint(a.low, a.high, a.shape),
  samples: () => [
    { label: 'one-value range [2,3]', inputs: [], args: { low: -4, high: -3, shape: [2, 3] } },
    { label: 'empty [0,2]', inputs: [], args: { low: 0, high: 5, shape: [0, 2] } },
  ],
  differentiable: [],
  errors: () => [
    { label: 'low not below high', inputs: [], args: { low: 3, high: 3, shape: [2] }, error: ValueError, message: /randint: expected integers low < high, got low=3, high=3/ },
    { label: 'fractional bound', inputs: [], args: { low: 0, high: 2.5, shape: [2] }, error: ValueError, message: /randint: expected integers low < high, got low=0, high=2.5/ },
  ],
  checks: [seededDraws('randint', (seed) => ops.randint(-3, 4, N, { seed }), (v) => Number.isInteger(v) && v >= -3 && v < 4, 0, 'int32')],
});

const bernoulliSpec = defineOp<{ shape: number[]; p: number }>({
  name: 'bernoulli',
  op: (_, a) => ops.bernoulli(a.shape, a.p),
  reference: (_, a) => reference.bernoulli(a.shape, a.p),
  samples: () => [
    { label: 'p 0 gives zeros [2,3]', inputs: [], args: { shape: [2, 3], p: 0 } },
    { label: 'p 1 gives ones [4]', inputs: [], args: { shape: [4], p: 1 } },
  ],
  differentiable: [],
  errors: () => [
    { label: 'p above 1', inputs: [], args: { shape: [2], p: 1.5 }, error: ValueError, message: /bernoulli: p must be in \[0, 1\], got 1.5/ },
  ],
  checks: [seededDraws('bernoulli', (seed, dtype) => ops.bernoulli(N, 0.3, { seed, dtype }), (v) => v === 0 || v === 1, 0.3)],
});

/** The dropout spec: rate 0 is the identity; a seeded call equals itself and keeps or scales each value. */
const dropoutSpec: OpSpec = defineOp<{ rate: number }>({
  name: 'dropout',
  op: ([x], a) => ops.dropout(x!, a.rate),
  reference: ([x], a) => reference.dropout(x!, a.rate),
  samples: (gen) => [
    { label: 'rate 0 is the identity [2,3]', inputs: [gen.uniform([2, 3])], args: { rate: 0 } },
    { label: 'rate 0 on empty [0,3]', inputs: [gen.uniform([0, 3])], args: { rate: 0 } },
  ],
  differentiable: [0],
  errors: () => [
    { label: 'rate 1', inputs: [{ shape: [2], values: [1, 2], dtype: 'float' }], args: { rate: 1 }, error: ValueError, message: /dropout: rate must be in \[0, 1\), got 1/ },
    { label: 'negative rate', inputs: [{ shape: [2], values: [1, 2], dtype: 'float' }], args: { rate: -0.1 }, error: ValueError, message: /dropout: rate must be in \[0, 1\), got -0.1/ },
    { label: 'int32 input', inputs: [{ shape: [2], values: [1, 2], dtype: 'int32' }], args: { rate: 0.5 }, error: DTypeError, message: /dropout: expected a float tensor, got int32/ },
  ],
  checks: [
    {
      label: 'a seeded call equals itself, zeroes or scales by 1/(1 - rate), and its gradient uses the same mask',
      run: ({ dtype, gen }) => {
        const rate = 0.4;
        const x = ops.tensor([...gen.uniform([8, 8], 0.5, 2).values], { shape: [8, 8], dtype });
        const a = ops.dropout(x, rate, { seed: 11 }).dataSync();
        const b = ops.dropout(x, rate, { seed: 11 }).dataSync();
        const c = ops.dropout(x, rate, { seed: 12 }).dataSync();
        const input = x.dataSync();
        if (a.some((v, i) => v !== b[i])) throw new Error('dropout: two calls with seed 11 differ');
        if (a.every((v, i) => v === c[i])) throw new Error('dropout: seeds 11 and 12 gave the same mask');
        const scale = dtype === 'float32' ? Math.fround(1 / (1 - rate)) : 1 / (1 - rate);
        let zeros = 0;
        a.forEach((v, i) => {
          if (v === 0) zeros++;
          else if (Math.abs(v - input[i]! * scale) > 1e-5 * Math.abs(v)) throw new Error(`dropout: element ${i} is ${v}, expected 0 or ${input[i]! * scale}`);
        });
        if (zeros === 0 || zeros === a.length) throw new Error(`dropout: ${zeros} of ${a.length} values dropped at rate ${rate}`);
        const [dx] = grad((t) => ops.sum(ops.dropout(t, rate, { seed: 11 })))([x]);
        dx!.dataSync().forEach((g, i) => {
          const expected = a[i] === 0 ? 0 : scale;
          if (Math.abs(g - expected) > 1e-5) throw new Error(`dropout: gradient element ${i} is ${g}, expected ${expected}`);
        });
      },
    },
  ],
});

/** Specs of the random ops. */
export const randomSpecs: readonly OpSpec[] = [randSpec, randnSpec, randintSpec, bernoulliSpec, dropoutSpec];
