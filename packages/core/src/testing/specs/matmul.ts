/**
 * Spec of matmul: 2-D, batched, broadcast batch, vector operands, transpose options, int32,
 * size-0 dims.
 */
import { DTypeError, ShapeError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import { reference } from '../reference/index.js';
import type { SampleGen } from '../sample-gen.js';
import { defineOp, fmt, type OpSample, type OpSpec } from '../spec.js';

/** The transpose options of a matmul sample. */
interface MatmulArgs {
  readonly transposeA?: boolean;
  readonly transposeB?: boolean;
}

const CASES: readonly (readonly [readonly number[], readonly number[], MatmulArgs, string])[] = [
  [[2, 3], [3, 4], {}, '2-D'],
  [[2, 2, 3], [2, 3, 2], {}, 'batched'],
  [[2, 1, 2, 3], [3, 3, 2], {}, 'broadcast batch'],
  [[2, 2, 3], [3, 4], {}, 'batched with 2-D'],
  [[2, 3, 2, 3], [4, 3], { transposeB: true }, 'rank-4 batch with 2-D, transposeB (a Linear layer)'],
  [[3, 2, 3], [1, 3, 4], {}, 'batched with a size-1 batch'],
  [[3], [3, 4], {}, 'vector @ matrix'],
  [[2, 3], [3], {}, 'matrix @ vector'],
  [[3], [3], {}, 'vector @ vector'],
  [[2, 2, 3], [3], {}, 'batched @ vector'],
  [[3, 2], [3, 4], { transposeA: true }, 'transposeA'],
  [[2, 3], [4, 3], { transposeB: true }, 'transposeB'],
  [[3, 2], [4, 3], { transposeA: true, transposeB: true }, 'both transposed'],
  [[2, 3, 2], [2, 4, 3], { transposeA: true, transposeB: true }, 'batched, both transposed'],
  [[2, 0], [0, 3], {}, 'empty inner dim'],
  [[0, 3], [3, 2], {}, 'empty rows'],
];

/** The matmul spec. */
export const matmulSpec: OpSpec = defineOp<MatmulArgs>({
  name: 'matmul',
  op: ([a, b], options) => ops.matmul(a!, b!, options),
  reference: ([a, b], options) => reference.matmul(a!, b!, options),
  samples: (gen: SampleGen) => [
    ...CASES.map(([a, b, args, what]): OpSample<MatmulArgs> => ({
      label: `${what} ${fmt(a)} @ ${fmt(b)}`,
      inputs: [gen.uniform(a, -2, 2), gen.uniform(b, -2, 2)],
      args,
    })),
    { label: 'int32 [2,3] @ [3,2]', inputs: [gen.ints([2, 3]), gen.ints([3, 2])], args: {} },
    { label: 'int32 [2,3] @ float [3,2] promotes', inputs: [gen.ints([2, 3]), gen.uniform([3, 2])], args: {} },
  ],
  differentiable: 'all',
  tolerance: { float32: { atol: 1e-5, rtol: 1e-4 } },
  errors: (gen) => [
    {
      label: 'inner dimensions differ',
      inputs: [gen.uniform([2, 3]), gen.uniform([4, 5])],
      args: {},
      error: ShapeError,
      message: /matmul: inner dimensions differ: \[2,3\] @ \[4,5\]/,
    },
    {
      label: 'inner dimensions differ after transposeA',
      inputs: [gen.uniform([2, 3]), gen.uniform([4, 5])],
      args: { transposeA: true },
      error: ShapeError,
      message: /matmul: inner dimensions differ: \[2,3\]ᵀ @ \[4,5\]/,
    },
    {
      label: 'vector of the wrong length',
      inputs: [gen.uniform([3]), gen.uniform([4, 5])],
      args: {},
      error: ShapeError,
      message: /matmul: inner dimensions differ: \[3\] @ \[4,5\]/,
    },
    {
      label: 'scalar operand',
      inputs: [gen.uniform([]), gen.uniform([3])],
      args: {},
      error: ShapeError,
      message: /matmul: both operands need at least one dim, got \[\] @ \[3\]/,
    },
    {
      label: 'batch dims that do not broadcast',
      inputs: [gen.uniform([2, 2, 3]), gen.uniform([3, 3, 2])],
      args: {},
      error: ShapeError,
      message: /matmul: batch dimensions of \[2,2,3\] and \[3,3,2\] cannot be broadcast together/,
    },
    {
      label: 'bool operands',
      inputs: [gen.bools([2, 2]), gen.bools([2, 2])],
      args: {},
      error: DTypeError,
      message: /matmul: bool tensors cannot be multiplied/,
    },
  ],
});
