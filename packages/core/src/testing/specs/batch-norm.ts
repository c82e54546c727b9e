/**
 * Spec of batchNorm over the last axis: given statistics (eval mode) on [m, C], [m, L, C] and NHWC
 * inputs, with and without γ/β, and the batch's own moments (training mode, gradients through
 * the statistics).
 */
import { DTypeError, ShapeError, ValueError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import type { Tensor } from '@dlkit/core';
import { recordedKernels } from '../graph.js';
import { reference } from '../reference/index.js';
import type { NdArray } from '../reference/array.js';
import type { SampleGen } from '../sample-gen.js';
import { defineOp, fmt, type OpSample, type OpSpec, type SampleInput } from '../spec.js';

/**
 * How a sample calls batchNorm. `'given'`: inputs `[x, mean, variance, weight?, bias?]`;
 * `'batch'`: inputs `[x, weight, bias]`, statistics from `moments(x)` over all axes but the last.
 */
interface BatchNormArgs {
  readonly statistics: 'given' | 'batch';
  readonly affine: boolean;
  readonly eps?: number;
}

const leading = (rank: number): number[] => Array.from({ length: rank - 1 }, (_, i) => i);

function call(inputs: Tensor[], a: BatchNormArgs): Tensor {
  const [x, ...rest] = inputs as [Tensor, ...Tensor[]];
  const { mean, variance } = a.statistics === 'batch' ? ops.moments(x, leading(x.rank)) : { mean: rest.shift()!, variance: rest.shift()! };
  const [weight, bias] = a.affine ? rest : [];
  return ops.batchNorm(x, mean, variance, { weight, bias, eps: a.eps });
}

function expected(inputs: NdArray[], a: BatchNormArgs): NdArray {
  const [x, ...rest] = inputs as [NdArray, ...NdArray[]];
  const [mean, variance] = a.statistics === 'batch' ? reference.moments(x, leading(x.shape.length)) : [rest.shift()!, rest.shift()!];
  const [weight, bias] = a.affine ? rest : [];
  return reference.batchNorm(x, mean!, variance!, { weight, bias, eps: a.eps });
}

const CASES: readonly (readonly [readonly number[], BatchNormArgs, string])[] = [
  [[5, 3], { statistics: 'given', affine: true }, 'given statistics'],
  [[2, 4, 3], { statistics: 'given', affine: false, eps: 1e-3 }, 'given statistics, no γ/β, eps 1e-3'],
  [[2, 3, 3, 4], { statistics: 'given', affine: true }, 'given statistics, NHWC'],
  [[6, 3], { statistics: 'batch', affine: true }, 'batch statistics'],
  [[2, 3, 2, 4], { statistics: 'batch', affine: true }, 'batch statistics, NHWC'],
];

function sample(gen: SampleGen, shape: readonly number[], args: BatchNormArgs, what: string): OpSample<BatchNormArgs> {
  const c = [shape[shape.length - 1]!];
  const stats = args.statistics === 'given' ? [gen.uniform(c, -1, 1), gen.uniform(c, 0.5, 2)] : [];
  const affine = args.affine ? [gen.uniform(c, 0.5, 1.5), gen.uniform(c, -1, 1)] : [];
  return { label: `${what}: ${fmt(shape)}`, inputs: [gen.uniform(shape, -2, 2), ...stats, ...affine], args };
}

const filled = (shape: readonly number[], dtype: SampleInput['dtype'] = 'float'): SampleInput => ({
  shape,
  values: new Array<number>(shape.reduce((n, d) => n * d, 1)).fill(0.5),
  dtype,
});

const given: BatchNormArgs = { statistics: 'given', affine: true };

/** The batchNorm spec. */
export const batchNormSpec: OpSpec = defineOp<BatchNormArgs>({
  name: 'batchNorm',
  op: call,
  reference: expected,
  samples: (gen) => CASES.map(([shape, args, what]) => sample(gen, shape, args, what)),
  differentiable: 'all',
  errors: () => [
    {
      label: 'a scalar input',
      inputs: [filled([]), filled([1]), filled([1]), filled([1]), filled([1])],
      args: given,
      error: ShapeError,
      message: /batchNorm: input must have a channel axis, got a scalar/,
    },
    {
      label: 'an int32 input',
      inputs: [filled([2, 3], 'int32'), filled([3]), filled([3]), filled([3]), filled([3])],
      args: given,
      error: DTypeError,
      message: /batchNorm: expected a float input, got int32/,
    },
    {
      label: 'statistics of the wrong length',
      inputs: [filled([2, 3]), filled([2]), filled([3]), filled([3]), filled([3])],
      args: given,
      error: ShapeError,
      message: /batchNorm: mean must have shape \[3\] \(the channels of input \[2,3\]\), got \[2\]/,
    },
    {
      label: 'a weight of another dtype',
      inputs: [filled([2, 3]), filled([3]), filled([3]), filled([3], 'float64'), filled([3])],
      args: given,
      requires: ['float64'],
      error: DTypeError,
      message: /batchNorm: weight must have the input's dtype float32, got float64/,
    },
    {
      label: 'a negative eps',
      inputs: [filled([2, 3]), filled([3]), filled([3]), filled([3]), filled([3])],
      args: { ...given, eps: -1 },
      error: ValueError,
      message: /batchNorm: eps must be a finite number >= 0, got -1/,
    },
  ],
  checks: [
    {
      label: 'NHWC training-mode batch norm (moments + batchNorm) records no transpose',
      run: ({ dtype, gen }) => {
        const x = ops.tensor([...gen.uniform([2, 3, 3, 4]).values], { shape: [2, 3, 3, 4], dtype, requiresGrad: true });
        const { mean, variance } = ops.moments(x, [0, 1, 2]);
        const kernels = recordedKernels(ops.batchNorm(x, mean, variance));
        if (kernels.includes('transpose')) throw new Error(`batchNorm recorded ${kernels.join(', ')}; expected no transpose`);
      },
    },
  ],
});
