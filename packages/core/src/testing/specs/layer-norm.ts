/**
 * Spec of layerNorm: one or two normalized dims, with and without γ/β, a constant example (zero
 * variance) and a large offset (the centring must come first).
 */
import { DTypeError, ShapeError, ValueError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import type { Tensor } from '@dlkit/core';
import { reference } from '../reference/index.js';
import type { NdArray } from '../reference/array.js';
import type { SampleGen } from '../sample-gen.js';
import { defineOp, fmt, type OpSample, type OpSpec, type SampleInput } from '../spec.js';

/** How a sample calls layerNorm: inputs `[x, weight?, bias?]` as `affine` says. */
interface LayerNormArgs {
  readonly normalizedShape: readonly number[];
  readonly affine: 'both' | 'weight' | 'none';
  readonly eps?: number;
}

const affineOf = <T>(rest: T[], a: LayerNormArgs): { weight?: T; bias?: T } =>
  a.affine === 'both' ? { weight: rest[0], bias: rest[1] } : a.affine === 'weight' ? { weight: rest[0] } : {};

function call([x, ...rest]: Tensor[], a: LayerNormArgs): Tensor {
  return ops.layerNorm(x!, a.normalizedShape, { ...affineOf(rest, a), eps: a.eps });
}

function expected([x, ...rest]: NdArray[], a: LayerNormArgs): NdArray {
  return reference.layerNorm(x!, a.normalizedShape, { ...affineOf(rest, a), eps: a.eps });
}

function sample(gen: SampleGen, shape: readonly number[], args: LayerNormArgs, what: string, x = gen.uniform(shape, -2, 2)): OpSample<LayerNormArgs> {
  const affine = args.affine === 'none' ? [] : [gen.uniform(args.normalizedShape, 0.5, 1.5), ...(args.affine === 'both' ? [gen.uniform(args.normalizedShape, -1, 1)] : [])];
  return { label: `${what}: ${fmt(shape)}`, inputs: [x, ...affine], args };
}

const filled = (shape: readonly number[], dtype: SampleInput['dtype'] = 'float'): SampleInput => ({
  shape,
  values: new Array<number>(shape.reduce((n, d) => n * d, 1)).fill(0.5),
  dtype,
});

/** The layerNorm spec. */
export const layerNormSpec: OpSpec = defineOp<LayerNormArgs>({
  name: 'layerNorm',
  op: call,
  reference: expected,
  samples: (gen) => [
    sample(gen, [4, 6], { normalizedShape: [6], affine: 'both' }, 'last dim, γ and β'),
    sample(gen, [2, 3, 5], { normalizedShape: [5], affine: 'none', eps: 1e-3 }, 'last dim, no γ/β, eps 1e-3'),
    sample(gen, [2, 3, 4], { normalizedShape: [3, 4], affine: 'both' }, 'two trailing dims'),
    sample(gen, [3, 4], { normalizedShape: [4], affine: 'weight' }, 'γ only'),
    sample(gen, [7], { normalizedShape: [7], affine: 'both' }, 'one example'),
    sample(gen, [2, 4], { normalizedShape: [4], affine: 'none' }, 'a constant example',
      gen.values([2, 4], [0.5, 0.5, 0.5, 0.5, -1, 0.25, 2, 1])),
    sample(gen, [2, 3], { normalizedShape: [3], affine: 'none' }, 'a large offset',
      gen.values([2, 3], [100.5, 101.25, 99.75, -200, -201.5, -199])),
  ],
  differentiable: 'all',
  errors: () => [
    {
      label: 'an int32 input',
      inputs: [filled([2, 3], 'int32')],
      args: { normalizedShape: [3], affine: 'none' },
      error: DTypeError,
      message: /layerNorm: expected a float input, got int32/,
    },
    {
      label: 'trailing dims that are not normalizedShape',
      inputs: [filled([2, 3])],
      args: { normalizedShape: [2], affine: 'none' },
      error: ShapeError,
      message: /layerNorm: expected input \[\.\.\., 2\], got \[2,3\]/,
    },
    {
      label: 'an empty normalizedShape',
      inputs: [filled([2, 3])],
      args: { normalizedShape: [], affine: 'none' },
      error: ShapeError,
      message: /layerNorm: normalizedShape must be one or more positive integer sizes, got \[\]/,
    },
    {
      label: 'a weight of the wrong shape',
      inputs: [filled([2, 3]), filled([2])],
      args: { normalizedShape: [3], affine: 'weight' },
      error: ShapeError,
      message: /layerNorm: weight must have shape \[3\] \(normalizedShape\), got \[2\]/,
    },
    {
      label: 'a bias of another dtype',
      inputs: [filled([2, 3]), filled([3]), filled([3], 'float64')],
      args: { normalizedShape: [3], affine: 'both' },
      requires: ['float64'],
      error: DTypeError,
      message: /layerNorm: bias must have the input's dtype float32, got float64/,
    },
    {
      label: 'a negative eps',
      inputs: [filled([2, 3])],
      args: { normalizedShape: [3], affine: 'none', eps: -1 },
      error: ValueError,
      message: /layerNorm: eps must be a finite number >= 0, got -1/,
    },
  ],
});
