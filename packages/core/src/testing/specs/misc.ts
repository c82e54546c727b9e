/**
 * Specs of oneHot and dropout.
 */
import { grad } from '@dlkit/core';
import type { DType } from '@dlkit/core';
import { DTypeError, ValueError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import { reference } from '../reference/index.js';
import { defineOp, type OpSpec, type SampleInput } from '../spec.js';

const labels = (shape: readonly number[], values: readonly number[]): SampleInput => ({ shape, values, dtype: 'int32' });

/** The oneHot spec. */
export const oneHotSpec: OpSpec = defineOp<{ depth: number; dtype?: DType }>({
  name: 'oneHot',
  op: ([i], a) => ops.oneHot(i!, a.depth, a.dtype === undefined ? {} : { dtype: a.dtype }),
  reference: ([i], a) => reference.oneHot(i!, a.depth, a.dtype === undefined ? {} : { dtype: a.dtype }),
  samples: () => [
    { label: '[4] depth 3', inputs: [labels([4], [0, 2, 1, 2])], args: { depth: 3 } },
    { label: '[2,3] depth 4', inputs: [labels([2, 3], [3, 0, 0, 1, 2, 3])], args: { depth: 4 } },
    { label: 'dtype int32', inputs: [labels([3], [1, 0, 1])], args: { depth: 2, dtype: 'int32' } },
    { label: 'dtype float64', inputs: [labels([3], [1, 0, 1])], args: { depth: 2, dtype: 'float64' }, requires: ['float64'] },
    { label: 'empty [0]', inputs: [labels([0], [])], args: { depth: 3 } },
  ],
  differentiable: [],
  errors: () => [
    { label: 'float labels', inputs: [{ shape: [2], values: [0, 1], dtype: 'float' }], args: { depth: 3 }, error: DTypeError, message: /oneHot: indices must be int32, got float32/ },
    { label: 'label out of range', inputs: [labels([2], [0, 3])], args: { depth: 3 }, error: ValueError, message: /oneHot: label 3 at position 1 is outside \[0, 3\)/ },
    { label: 'negative label', inputs: [labels([2], [-1, 0])], args: { depth: 3 }, error: ValueError, message: /oneHot: label -1 at position 0 is outside \[0, 3\)/ },
    { label: 'depth 0', inputs: [labels([2], [0, 0])], args: { depth: 0 }, error: ValueError, message: /oneHot: depth must be a positive integer, got 0/ },
  ],
});

/** The dropout spec: rate 0 is the identity; a seeded call equals itself and keeps or scales each value. */
export const dropoutSpec: OpSpec = defineOp<{ rate: number }>({
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
