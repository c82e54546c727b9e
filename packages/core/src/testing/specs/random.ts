/**
 * Spec of dropout: rate 0 is the identity; seeded masks are checked as properties.
 */
import { grad } from '@dlkit/core';
import { DTypeError, ValueError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import { reference } from '../reference/index.js';
import { defineOp, type OpSpec } from '../spec.js';

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
