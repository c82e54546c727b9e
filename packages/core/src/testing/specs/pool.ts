/**
 * Specs of the pooling ops (NHWC): maxPool2d and avgPool2d with square and rectangular windows,
 * strides, 'same' and explicit padding; adaptiveAvgPool2d with overlapping, tiling, global and
 * growing windows.
 */
import { DTypeError, ShapeError, ValueError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import type { Pair, Pool2dOptions } from '@dlkit/core';
import { reference } from '../reference/index.js';
import { defineOp, fmt, type ErrorCase, type OpSpec, type SampleInput } from '../spec.js';

const zeros = (shape: readonly number[], dtype: SampleInput['dtype'] = 'float'): SampleInput => ({
  shape,
  values: new Array<number>(shape.reduce((n, d) => n * d, 1)).fill(0.5),
  dtype,
});

function poolSpec(name: 'maxPool2d' | 'avgPool2d'): OpSpec {
  const call = name === 'maxPool2d' ? ops.maxPool2d : ops.avgPool2d;
  const ref = name === 'maxPool2d' ? reference.maxPool2d : reference.avgPool2d;
  const cases: readonly (readonly [readonly number[], Pool2dOptions, string])[] = [
    [[1, 4, 4, 2], { size: 2 }, 'size 2'],
    [[2, 5, 5, 1], { size: 3, strides: 1, padding: 'same' }, 'size 3, stride 1, same'],
    [[1, 5, 6, 2], { size: [2, 3], strides: [1, 2], padding: [[1, 0], [1, 1]] }, 'size [2,3], strides [1,2], explicit padding'],
    [[1, 5, 5, 1], { size: 2, padding: 'same' }, 'size 2, same on odd input'],
  ];
  const errors: ErrorCase<Pool2dOptions>[] = [
    {
      label: 'window larger than the input',
      inputs: [zeros([1, 4, 4, 1])],
      args: { size: 5 },
      error: ShapeError,
      message: new RegExp(`${name}: the 5x5 window does not fit input \\[1,4,4,1\\] with this padding`),
    },
    {
      label: 'padding as large as the window',
      inputs: [zeros([1, 4, 4, 1])],
      args: { size: 2, padding: 2 },
      error: ValueError,
      message: new RegExp(`${name}: padding .* must be smaller than the 2x2 window`),
    },
    {
      label: 'input that is not NHWC',
      inputs: [zeros([4, 4, 1])],
      args: { size: 2 },
      error: ShapeError,
      message: new RegExp(`${name}: input must be NHWC \\[batch, height, width, channels\\], got \\[4,4,1\\]`),
    },
    {
      label: 'int32 input',
      inputs: [zeros([1, 4, 4, 1], 'int32')],
      args: { size: 2 },
      error: DTypeError,
      message: new RegExp(`${name}: expected a float tensor, got int32`),
    },
    {
      label: 'no options',
      inputs: [zeros([1, 4, 4, 1])],
      args: { size: 2 },
      call: ([x]) => call(x!, undefined as unknown as Pool2dOptions),
      error: ValueError,
      message: new RegExp(`${name}: options with the window size are required, e.g. ${name}\\(x, \\{ size: 2 \\}\\); got undefined`),
    },
    {
      label: 'padding given as a word other than valid or same',
      inputs: [zeros([1, 4, 4, 1])],
      args: { size: 2, padding: 'full' as unknown as Pool2dOptions['padding'] },
      error: ValueError,
      message: new RegExp(`${name}: padding must be 'valid', 'same', or non-negative integers, got "full"`),
    },
    {
      label: 'options without a size',
      inputs: [zeros([1, 4, 4, 1])],
      args: { strides: 2 } as unknown as Pool2dOptions,
      error: ValueError,
      message: new RegExp(`${name}: size must be positive integers, got undefined`),
    },
  ];
  return defineOp<Pool2dOptions>({
    name,
    op: ([x], o) => call(x!, o),
    reference: ([x], o) => ref(x!, o),
    samples: (gen) => [
      ...cases.map(([shape, args, what]) => ({
        label: `${what}: ${fmt(shape)}`,
        inputs: [name === 'maxPool2d' ? gen.distinct(shape) : gen.uniform(shape, -1, 1)],
        args,
      })),
      // PyTorch: a window holding a NaN gives NaN; the other windows are unaffected.
      {
        label: 'NaN propagates: [1,4,4,1] size 2',
        inputs: [gen.values([1, 4, 4, 1], [1, 2, 3, 4, NaN, -1, 5, 6, 7, 8, 9, 10, 11, 12, 13, NaN])],
        args: { size: 2 },
        grad: false,
      },
      {
        label: 'NaN propagates: [1,3,3,1] size 2, stride 1, same',
        inputs: [gen.values([1, 3, 3, 1], [1, -2, 3, -4, NaN, 6, 7, 8, 9])],
        args: { size: 2, strides: 1, padding: 'same' },
        grad: false,
      },
    ],
    differentiable: [0],
    errors: () => errors,
  });
}

const adaptiveCases: readonly (readonly [readonly number[], Pair, string])[] = [
  [[1, 5, 7, 2], [3, 4], 'overlapping windows'],
  [[2, 6, 4, 1], [3, 2], 'windows that tile the input'],
  [[1, 4, 5, 3], 1, 'global average'],
  [[1, 3, 2, 1], [5, 4], 'output larger than the input'],
];

const adaptiveAvgPool2dSpec = defineOp<Pair>({
  name: 'adaptiveAvgPool2d',
  op: ([x], size) => ops.adaptiveAvgPool2d(x!, size),
  reference: ([x], size) => reference.adaptiveAvgPool2d(x!, size),
  samples: (gen) =>
    adaptiveCases.map(([shape, size, what]) => ({
      label: `${what}: ${fmt(shape)} → ${JSON.stringify(size)}`,
      inputs: [gen.uniform(shape, -1, 1)],
      args: size,
    })),
  differentiable: [0],
  errors: () => [
    {
      label: 'input that is not NHWC',
      inputs: [zeros([4, 4, 1])],
      args: 2,
      error: ShapeError,
      message: /adaptiveAvgPool2d: input must be NHWC \[batch, height, width, channels\], got \[4,4,1\]/,
    },
    {
      label: 'int32 input',
      inputs: [zeros([1, 4, 4, 1], 'int32')],
      args: 2,
      error: DTypeError,
      message: /adaptiveAvgPool2d: expected a float tensor, got int32/,
    },
    {
      label: 'a fractional output size',
      inputs: [zeros([1, 4, 4, 1])],
      args: [2, 1.5],
      error: ValueError,
      message: /adaptiveAvgPool2d: size must be positive integers, got \[2,1.5\]/,
    },
    {
      label: 'an input without pixels',
      inputs: [zeros([1, 3, 0, 1])],
      args: 1,
      error: ShapeError,
      message: /adaptiveAvgPool2d: input \[1,3,0,1\] has no pixels to pool/,
    },
  ],
});

/** Specs of the pooling ops. */
export const poolSpecs: readonly OpSpec[] = [poolSpec('maxPool2d'), poolSpec('avgPool2d'), adaptiveAvgPool2dSpec];
