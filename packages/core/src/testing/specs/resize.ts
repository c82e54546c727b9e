/**
 * Specs of NHWC resizing: resizeBilinear (half-pixel and aligned corners, up, down, non-integer
 * ratios) and resizeNearest ('nearest' and 'nearest-exact').
 */
import { DTypeError, ShapeError, ValueError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import type { Pair, ResizeBilinearOptions, ResizeNearestOptions } from '@dlkit/core';
import { reference } from '../reference/index.js';
import { defineOp, fmt, type ErrorCase, type OpSpec, type SampleInput } from '../spec.js';

const filled = (shape: readonly number[], dtype: SampleInput['dtype'] = 'float'): SampleInput => ({
  shape,
  values: new Array<number>(shape.reduce((n, d) => n * d, 1)).fill(0.5),
  dtype,
});

/** Arguments of a resize sample: the output size and the op's options. */
interface ResizeArgs<O> {
  readonly size: Pair;
  readonly options: O;
}

type Case<O> = readonly [readonly number[], Pair, O, string];

/** Error inputs every resize shares: rank, dtype, size and empty input. */
function sharedErrors<O>(name: string, options: O): ErrorCase<ResizeArgs<O>>[] {
  return [
    {
      label: 'input that is not NHWC',
      inputs: [filled([4, 4, 1])],
      args: { size: 2, options },
      error: ShapeError,
      message: new RegExp(`${name}: input must be NHWC \\[batch, height, width, channels\\], got \\[4,4,1\\]`),
    },
    {
      label: 'int32 input',
      inputs: [filled([1, 4, 4, 1], 'int32')],
      args: { size: 2, options },
      error: DTypeError,
      message: new RegExp(`${name}: expected a float tensor, got int32`),
    },
    {
      label: 'a zero output size',
      inputs: [filled([1, 4, 4, 1])],
      args: { size: [0, 3], options },
      error: ValueError,
      message: new RegExp(`${name}: size must be positive integers, got \\[0,3\\]`),
    },
    {
      label: 'an input without pixels',
      inputs: [filled([1, 0, 4, 1])],
      args: { size: 2, options },
      error: ShapeError,
      message: new RegExp(`${name}: input \\[1,0,4,1\\] has no pixels to resize from`),
    },
  ];
}

const bilinearCases: readonly Case<ResizeBilinearOptions>[] = [
  [[1, 3, 4, 2], [6, 8], {}, 'up ×2'],
  [[1, 3, 3, 2], [5, 7], {}, 'up, non-integer ratios'],
  [[2, 5, 7, 1], [3, 4], {}, 'down, non-integer ratios'],
  [[1, 4, 6, 1], [2, 3], {}, 'down ×2'],
  [[1, 3, 4, 2], [5, 6], { alignCorners: true }, 'up, alignCorners'],
  [[1, 5, 4, 1], [3, 2], { alignCorners: true }, 'down, alignCorners'],
  [[1, 4, 4, 1], [1, 3], { alignCorners: true }, 'to one row, alignCorners'],
  [[1, 3, 3, 3], [3, 3], {}, 'same size'],
];

const resizeBilinearSpec = defineOp<ResizeArgs<ResizeBilinearOptions>>({
  name: 'resizeBilinear',
  op: ([x], a) => ops.resizeBilinear(x!, a.size, a.options),
  reference: ([x], a) => reference.resizeBilinear(x!, a.size, a.options),
  samples: (gen) =>
    bilinearCases.map(([shape, size, options, what]) => ({
      label: `${what}: ${fmt(shape)} → ${JSON.stringify(size)}`,
      inputs: [gen.uniform(shape, -1, 1)],
      args: { size, options },
    })),
  differentiable: [0],
  errors: () => sharedErrors('resizeBilinear', {}),
});

const nearestCases: readonly Case<ResizeNearestOptions>[] = [
  [[1, 3, 4, 2], [7, 5], {}, 'up, non-integer ratios'],
  [[1, 2, 3, 1], [4, 6], {}, 'up ×2'],
  [[2, 6, 5, 1], [4, 3], {}, 'down, non-integer ratios'],
  [[1, 3, 4, 2], [7, 5], { mode: 'nearest-exact' }, 'up, nearest-exact'],
  [[1, 6, 5, 2], [4, 3], { mode: 'nearest-exact' }, 'down, nearest-exact'],
];

const resizeNearestSpec = defineOp<ResizeArgs<ResizeNearestOptions>>({
  name: 'resizeNearest',
  op: ([x], a) => ops.resizeNearest(x!, a.size, a.options),
  reference: ([x], a) => reference.resizeNearest(x!, a.size, a.options),
  samples: (gen) =>
    nearestCases.map(([shape, size, options, what]) => ({
      label: `${what}: ${fmt(shape)} → ${JSON.stringify(size)}`,
      inputs: [gen.uniform(shape, -1, 1)],
      args: { size, options },
    })),
  differentiable: [0],
  errors: () => [
    ...sharedErrors<ResizeNearestOptions>('resizeNearest', {}),
    {
      label: 'an unknown mode',
      inputs: [filled([1, 4, 4, 1])],
      args: { size: 2, options: { mode: 'bicubic' as ResizeNearestOptions['mode'] } },
      error: ValueError,
      message: /resizeNearest: mode must be 'nearest' or 'nearest-exact', got "bicubic"/,
    },
  ],
});

/** Specs of the resize family. */
export const resizeSpecs: readonly OpSpec[] = [resizeBilinearSpec, resizeNearestSpec];
