/**
 * Spec of einsum: the contractions attention and style transfer use (batched matmul, scores,
 * weighted values, Gram matrices), transpose, diagonal, trace, dot, outer, row sums, Hadamard,
 * implicit output, three operands and int32; and every kind of malformed equation.
 */
import { DTypeError, ShapeError, ValueError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import { recordedKernels } from '../graph.js';
import { reference } from '../reference/index.js';
import { defineOp, fmt, type ErrorCase, type OpSpec, type SampleInput } from '../spec.js';

const CASES: readonly (readonly [string, readonly (readonly number[])[], string])[] = [
  ['bij,bjk->bik', [[2, 3, 4], [2, 4, 5]], 'batched matmul'],
  ['bhqd,bhkd->bhqk', [[2, 2, 3, 4], [2, 2, 5, 4]], 'attention scores'],
  ['bhqk,bhkd->bhqd', [[2, 2, 3, 5], [2, 2, 5, 4]], 'attention-weighted values'],
  ['nhwc,nhwd->ncd', [[2, 3, 3, 4], [2, 3, 3, 5]], 'Gram matrix'],
  ['ij->ji', [[3, 4]], 'transpose'],
  ['ii->i', [[4, 4]], 'diagonal'],
  ['ii', [[3, 3]], 'trace (implicit output)'],
  ['i,i->', [[5], [5]], 'dot product'],
  ['i,j->ij', [[3], [4]], 'outer product'],
  ['ij->i', [[3, 4]], 'row sums'],
  ['ij,ij->ij', [[2, 3], [2, 3]], 'Hadamard product'],
  ['ij,jk', [[3, 4], [4, 2]], 'implicit output'],
  ['ij,jk,kl->il', [[2, 3], [3, 4], [4, 2]], 'three operands'],
  ['bn,anm,bm->ba', [[2, 3], [4, 3, 5], [2, 5]], 'bilinear form'],
  ['iij->ji', [[3, 3, 2]], 'diagonal beside a kept dim'],
];

const filled = (shape: readonly number[], dtype: SampleInput['dtype'] = 'float'): SampleInput => ({
  shape,
  values: new Array<number>(shape.reduce((n, d) => n * d, 1)).fill(0.5),
  dtype,
});

const errors: ErrorCase<string>[] = [
  {
    label: 'an invalid character',
    inputs: [filled([2, 3])],
    args: 'i*j->i',
    error: ValueError,
    message: /einsum: equation 'i\*j->i' has invalid character '\*'/,
  },
  {
    label: 'an ellipsis',
    inputs: [filled([2, 3])],
    args: '...j->j',
    error: ValueError,
    message: /einsum: equation '\.\.\.j->j' uses an ellipsis/,
  },
  {
    label: 'the wrong number of operands',
    inputs: [filled([2, 3])],
    args: 'ij,jk->ik',
    error: ValueError,
    message: /einsum: equation 'ij,jk->ik' names 2 operand\(s\), got 1/,
  },
  {
    label: 'a term whose length is not the rank',
    inputs: [filled([2, 3])],
    args: 'ijk->i',
    error: ShapeError,
    message: /einsum: operand 0 has shape \[2,3\] \(rank 2\) but 'ijk' names 3 dim\(s\)/,
  },
  {
    label: 'mismatched sizes of one index',
    inputs: [filled([2, 3]), filled([4, 5])],
    args: 'ij,jk->ik',
    error: ShapeError,
    message: /einsum: index 'j' has size 3 in operand 0 and 4 in operand 1 \(shape \[4,5\]\)/,
  },
  {
    label: 'an output index in no input',
    inputs: [filled([2, 3])],
    args: 'ij->ik',
    error: ValueError,
    message: /einsum: output index 'k' of 'ij->ik' appears in no input/,
  },
  {
    label: 'a repeated output index',
    inputs: [filled([2, 3])],
    args: 'ij->ii',
    error: ValueError,
    message: /einsum: output index 'i' of 'ij->ii' appears more than once/,
  },
  {
    label: 'two arrows',
    inputs: [filled([2, 3])],
    args: 'ij->j->i',
    error: ValueError,
    message: /einsum: equation 'ij->j->i' has more than one '->'/,
  },
  {
    label: 'operands of different dtypes',
    inputs: [filled([2, 3]), filled([3], 'int32')],
    args: 'ij,j->i',
    error: DTypeError,
    message: /einsum: operands must share one numeric dtype, got float32, int32/,
  },
];

/** The einsum spec. */
export const einsumSpec: OpSpec = defineOp<string>({
  name: 'einsum',
  op: (inputs, equation) => ops.einsum(equation, ...inputs),
  reference: (inputs, equation) => reference.einsum(equation, ...inputs),
  samples: (gen) => [
    ...CASES.map(([equation, shapes, what]) => ({
      label: `${what}: '${equation}' on ${shapes.map(fmt).join(', ')}`,
      inputs: shapes.map((s) => gen.uniform(s, -1, 1)),
      args: equation,
    })),
    {
      label: "int32: 'ij,jk->ik' on [2,3], [3,2]",
      inputs: [
        { shape: [2, 3], values: [1, -2, 3, 0, 4, -1], dtype: 'int32' },
        { shape: [3, 2], values: [2, 1, 0, -3, 5, 2], dtype: 'int32' },
      ],
      args: 'ij,jk->ik',
    },
  ],
  differentiable: 'all',
  errors: () => errors,
  checks: [
    {
      label: 'attention scores, attention-weighted values and Gram matrices are one matmul each, with no transpose',
      run: ({ dtype, gen }) => {
        const input = (shape: number[]): ops.Tensor =>
          ops.tensor([...gen.uniform(shape).values], { shape, dtype, requiresGrad: true });
        for (const [equation, a, b] of [
          ['bhqd,bhkd->bhqk', [2, 2, 3, 4], [2, 2, 5, 4]],
          ['bhqk,bhkd->bhqd', [2, 2, 3, 5], [2, 2, 5, 4]],
          ['nhwc,nhwd->ncd', [2, 3, 3, 4], [2, 3, 3, 5]],
          ['bij,bjk->bik', [2, 3, 4], [2, 4, 5]],
        ] as const) {
          const kernels = recordedKernels(ops.einsum(equation, input([...a]), input([...b])));
          if (kernels.includes('transpose') || kernels.filter((k) => k === 'matmul').length !== 1) {
            throw new Error(`einsum '${equation}' recorded ${kernels.join(', ')}; expected one matmul and no transpose`);
          }
        }
      },
    },
  ],
});
