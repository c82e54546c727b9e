/**
 * Specs of the convolution ops (NHWC): conv2d (valid, same with stride 2, explicit padding,
 * dilation 2, groups), conv2dTranspose, depthwiseConv2d, conv1d.
 */
import { DTypeError, ShapeError, ValueError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import type { Tensor } from '@dlkit/core';
import type { Conv1dOptions, Conv2dOptions, Conv2dTransposeOptions, DepthwiseConv2dOptions } from '@dlkit/core';
import { reference } from '../reference/index.js';
import type { SampleGen } from '../sample-gen.js';
import { defineOp, fmt, type OpSample, type OpSpec, type SampleInput } from '../spec.js';

type ConvCase<A> = readonly [readonly number[], readonly number[], A, string];

function convSamples<A>(gen: SampleGen, cases: readonly ConvCase<A>[]): OpSample<A>[] {
  return cases.map(([x, w, args, what]) => ({
    label: `${what}: ${fmt(x)} * ${fmt(w)}`,
    inputs: [gen.uniform(x, -1, 1), gen.uniform(w, -1, 1)],
    args,
  }));
}

const zeros = (shape: readonly number[], dtype: SampleInput['dtype'] = 'float'): SampleInput => ({
  shape,
  values: new Array<number>(shape.reduce((n, d) => n * d, 1)).fill(0.5),
  dtype,
});

const conv2dSpec = defineOp<Conv2dOptions>({
  name: 'conv2d',
  op: ([x, w], o) => ops.conv2d(x!, w!, o),
  reference: ([x, w], o) => reference.conv2d(x!, w!, o),
  samples: (gen) =>
    convSamples<Conv2dOptions>(gen, [
      [[1, 5, 5, 2], [3, 3, 2, 3], {}, 'valid'],
      [[2, 5, 6, 2], [3, 3, 2, 2], { padding: 'same', strides: 2 }, 'same, stride 2'],
      [[1, 4, 4, 2], [2, 3, 2, 2], { padding: [[1, 0], [2, 1]] }, 'explicit padding'],
      [[1, 6, 6, 1], [2, 2, 1, 2], { dilations: 2 }, 'dilation 2'],
      [[1, 4, 4, 4], [3, 3, 2, 4], { groups: 2, padding: 1 }, 'groups 2, padding 1'],
      [[1, 5, 4, 3], [3, 3, 3, 2], { strides: [2, 1], padding: 1 }, 'strides [2,1], padding 1'],
      [[1, 4, 4, 1], [2, 2, 1, 1], { padding: 'same' }, 'same, even kernel'],
    ]),
  differentiable: 'all',
  errors: () => [
    {
      label: 'input that is not NHWC',
      inputs: [zeros([5, 5, 3]), zeros([3, 3, 3, 4])],
      args: {},
      error: ShapeError,
      message: /conv2d: input must be NHWC \[batch, height, width, channels\], got \[5,5,3\]/,
    },
    {
      label: 'filter channels that do not match',
      inputs: [zeros([1, 5, 5, 3]), zeros([3, 3, 2, 4])],
      args: {},
      error: ShapeError,
      message: /conv2d: input \[1,5,5,3\] and filter \[3,3,2,4\] do not fit 1 group\(s\)/,
    },
    {
      label: 'groups that do not divide the channels',
      inputs: [zeros([1, 5, 5, 4]), zeros([3, 3, 2, 3])],
      args: { groups: 2 },
      error: ShapeError,
      message: /conv2d: input \[1,5,5,4\] and filter \[3,3,2,3\] do not fit 2 group\(s\)/,
    },
    {
      label: 'input channels not divisible by groups',
      inputs: [zeros([1, 3, 3, 3]), zeros([1, 1, 1, 4])],
      args: { groups: 2 },
      error: ShapeError,
      message: /conv2d: input \[1,3,3,3\] and filter \[1,1,1,4\] do not fit 2 group\(s\): the input's 3 channels \(cIn\) must be divisible by groups = 2/,
    },
    {
      label: 'output channels not divisible by groups',
      inputs: [zeros([1, 3, 3, 4]), zeros([1, 1, 2, 3])],
      args: { groups: 2 },
      error: ShapeError,
      message: /conv2d: .* do not fit 2 group\(s\): the filter's 3 output channels \(cOut\) must be divisible by groups = 2/,
    },
    {
      label: 'filter depth other than cIn/groups',
      inputs: [zeros([1, 3, 3, 4]), zeros([1, 1, 4, 2])],
      args: { groups: 2 },
      error: ShapeError,
      message: /conv2d: .* do not fit 2 group\(s\): expected filter \[kh, kw, cIn\/groups = 2, cOut\], got 4 in its third dim/,
    },
    {
      label: 'non-integer groups',
      inputs: [zeros([1, 3, 3, 4]), zeros([1, 1, 2, 2])],
      args: { groups: 1.5 },
      error: ValueError,
      message: /conv2d: groups must be a positive integer, got number 1.5/,
    },
    {
      label: 'window larger than the input',
      inputs: [zeros([1, 5, 5, 2]), zeros([7, 7, 2, 1])],
      args: {},
      error: ShapeError,
      message: /conv2d: the 7x7 window does not fit input \[1,5,5,2\] with this padding/,
    },
    {
      label: 'zero stride',
      inputs: [zeros([1, 5, 5, 2]), zeros([3, 3, 2, 1])],
      args: { strides: 0 },
      error: ValueError,
      message: /conv2d: strides must be positive integers, got 0/,
    },
    {
      label: 'input and filter of different dtypes',
      inputs: [zeros([1, 5, 5, 2]), zeros([3, 3, 2, 1], 'float64')],
      args: {},
      error: DTypeError,
      message: /conv2d: input and filter must share a float dtype, got float32 and float64/,
    },
    {
      label: 'a string as the filter',
      inputs: [zeros([1, 5, 5, 2])],
      args: {},
      call: ([x]) => ops.conv2d(x!, 'w' as unknown as Tensor),
      error: DTypeError,
      message: /conv2d: filter must be a Tensor, got string "w"/,
    },
    {
      label: 'null options',
      inputs: [zeros([1, 5, 5, 2]), zeros([3, 3, 2, 1])],
      args: null as unknown as Conv2dOptions,
      error: ValueError,
      message: /conv2d: options must be an object, got null/,
    },
    {
      label: 'padding of the wrong form',
      inputs: [zeros([1, 5, 5, 2]), zeros([3, 3, 2, 1])],
      args: { padding: [1, 1] as unknown as Conv2dOptions['padding'] },
      error: ValueError,
      message: /conv2d: padding must be 'valid', 'same', or non-negative integers, got \[1,1\]/,
    },
  ],
});

const conv2dTransposeSpec = defineOp<Conv2dTransposeOptions>({
  name: 'conv2dTranspose',
  op: ([x, w], o) => ops.conv2dTranspose(x!, w!, o),
  reference: ([x, w], o) => reference.conv2dTranspose(x!, w!, o),
  samples: (gen) =>
    convSamples<Conv2dTransposeOptions>(gen, [
      [[1, 3, 3, 2], [2, 2, 3, 2], { strides: 2 }, 'stride 2'],
      [[1, 3, 3, 2], [3, 3, 2, 2], { strides: 2, padding: 'same' }, 'same, stride 2'],
      [[1, 4, 4, 2], [3, 3, 2, 2], { padding: 1 }, 'explicit padding 1'],
      [[1, 3, 3, 1], [3, 3, 2, 1], { strides: 2, outputSize: [8, 8] }, 'outputSize [8,8]'],
      [[1, 3, 3, 1], [2, 2, 1, 1], { dilations: 2 }, 'dilation 2'],
      [[2, 3, 3, 2], [2, 2, 1, 2], {}, 'valid, batch 2'],
    ]),
  differentiable: 'all',
  errors: () => [
    {
      label: 'filter input channels that do not match',
      inputs: [zeros([1, 4, 4, 8]), zeros([2, 2, 3, 4])],
      args: {},
      error: ShapeError,
      message: /conv2dTranspose: filter \[2,2,3,4\] expects 4 input channels, input \[1,4,4,8\] has 8/,
    },
    {
      label: 'outputSize that does not map back',
      inputs: [zeros([1, 3, 3, 1]), zeros([3, 3, 1, 1])],
      args: { strides: 2, outputSize: [10, 10] },
      error: ShapeError,
      message: /conv2dTranspose: output size \[10,10\] does not map back to input \[1,3,3,1\]/,
    },
  ],
});

const depthwiseSpec = defineOp<DepthwiseConv2dOptions>({
  name: 'depthwiseConv2d',
  op: ([x, w], o) => ops.depthwiseConv2d(x!, w!, o),
  reference: ([x, w], o) => reference.depthwiseConv2d(x!, w!, o),
  samples: (gen) =>
    convSamples<DepthwiseConv2dOptions>(gen, [
      [[1, 5, 5, 2], [3, 3, 2, 1], { padding: 'same' }, 'same'],
      [[1, 5, 5, 2], [3, 3, 2, 2], { strides: 2 }, 'multiplier 2, stride 2'],
      [[2, 4, 4, 3], [2, 2, 3, 1], { dilations: 2 }, 'dilation 2'],
    ]),
  differentiable: 'all',
  errors: () => [
    {
      label: 'filter channels that do not match',
      inputs: [zeros([1, 5, 5, 3]), zeros([3, 3, 2, 1])],
      args: {},
      error: ShapeError,
      message: /depthwiseConv2d: filter \[3,3,2,1\] expects 2 channels, input \[1,5,5,3\] has 3/,
    },
  ],
});

const conv1dSpec = defineOp<Conv1dOptions>({
  name: 'conv1d',
  op: ([x, w], o) => ops.conv1d(x!, w!, o),
  reference: ([x, w], o) => reference.conv1d(x!, w!, o),
  samples: (gen) =>
    convSamples<Conv1dOptions>(gen, [
      [[2, 7, 2], [3, 2, 3], {}, 'valid'],
      [[1, 7, 2], [3, 2, 2], { padding: 'same', strides: 2 }, 'same, strides 2'],
      [[1, 6, 1], [2, 1, 2], { dilations: 2, padding: 1 }, 'dilations 2, padding 1'],
      [[1, 5, 4], [3, 2, 4], { groups: 2 }, 'groups 2'],
      [[1, 5, 1], [3, 1, 1], { padding: [2, 0] }, 'causal padding [2,0]'],
    ]),
  differentiable: 'all',
  errors: () => [
    {
      label: 'input of rank 2',
      inputs: [zeros([5, 3]), zeros([3, 3, 4])],
      args: {},
      error: ShapeError,
      message: /conv1d: expected input \[batch, length, channels\] and filter \[k, cIn, cOut\], got \[5,3\] and \[3,3,4\]/,
    },
  ],
});

/** Specs of the convolution ops. */
export const convSpecs: readonly OpSpec[] = [
  conv2dSpec,
  conv2dTransposeSpec,
  depthwiseSpec,
  conv1dSpec,
];
