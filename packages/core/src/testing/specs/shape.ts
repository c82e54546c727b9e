/**
 * Specs of the shape ops: reshape, flatten, squeeze, expandDims, transpose/permute, concat, stack,
 * split, slice, stridedSlice, flip, pad, tile, broadcastTo.
 */
import { DTypeError, ShapeError, ValueError } from '@dlkit/core';
import type { Tensor } from '@dlkit/core';
import * as ops from '@dlkit/core';
import { reference } from '../reference/index.js';
import type { SampleGen } from '../sample-gen.js';
import { defineOp, fmt, type OpSample, type OpSpec, type SampleInput } from '../spec.js';

const f = (shape: readonly number[]): SampleInput => ({ shape, values: Array.from({ length: shape.reduce((n, d) => n * d, 1) }, (_, i) => i + 1), dtype: 'float' });

/** Samples of a one-input op: `[shape, args]` pairs drawn uniformly, plus an int32 one. */
function oneInput<A>(gen: SampleGen, cases: readonly (readonly [readonly number[], A, string?])[], intCase?: readonly [readonly number[], A]): OpSample<A>[] {
  const samples: OpSample<A>[] = cases.map(([shape, args, note]) => ({
    label: `${fmt(shape)} ${note ?? JSON.stringify(args)}`,
    inputs: [gen.uniform(shape, -2, 2)],
    args,
  }));
  if (intCase) samples.push({ label: `int32 ${fmt(intCase[0])} ${JSON.stringify(intCase[1])}`, inputs: [gen.ints(intCase[0])], args: intCase[1] });
  return samples;
}

const reshapeSpec = defineOp<{ shape: number[] }>({
  name: 'reshape',
  op: ([x], a) => ops.reshape(x!, a.shape),
  reference: ([x], a) => reference.reshape(x!, a.shape),
  samples: (gen) =>
    oneInput(
      gen,
      [
        [[2, 3], { shape: [3, 2] }],
        [[2, 3], { shape: [-1] }],
        [[2, 3, 4], { shape: [4, -1] }],
        [[], { shape: [1, 1] }],
        [[1, 1], { shape: [] }],
        [[0, 3], { shape: [3, 0] }],
      ],
      [[2, 3], { shape: [6] }],
    ),
  differentiable: [0],
  errors: () => [
    { label: 'size mismatch', inputs: [f([2, 3])], args: { shape: [4, 2] }, error: ShapeError, message: /reshape: cannot reshape \[2,3\] \(6 values\) into \[4,2\]/ },
    { label: 'two -1 dims', inputs: [f([2, 3])], args: { shape: [-1, -1] }, error: ShapeError, message: /reshape: only one dimension can be -1, got \[-1,-1\]/ },
    { label: '-1 that does not divide', inputs: [f([2, 3])], args: { shape: [4, -1] }, error: ShapeError, message: /reshape: cannot reshape \[2,3\] \(6 values\) into \[4,-1\]/ },
    { label: 'a fractional dim', inputs: [f([2, 3])], args: { shape: [1.5, 4] }, error: ValueError, message: /reshape: invalid shape \[1.5,4\]; dimensions must be non-negative integers/ },
    { label: 'a number as the shape', inputs: [f([2, 3])], args: { shape: 6 as unknown as number[] }, error: ValueError, message: /reshape: shape must be an array of integers \(one may be -1\), got number 6/ },
    { label: 'a string instead of a tensor', inputs: [], args: { shape: [1] }, call: () => ops.reshape('x' as unknown as Tensor, [1]), error: DTypeError, message: /reshape: input must be a Tensor, got string "x"/ },
  ],
});

const flattenSpec = defineOp<{ start?: number; end?: number }>({
  name: 'flatten',
  op: ([x], a) => ops.flatten(x!, a.start, a.end),
  reference: ([x], a) => reference.flatten(x!, a.start, a.end),
  samples: (gen) =>
    oneInput(gen, [
      [[2, 3, 4], {}],
      [[2, 3, 4], { start: 1 }],
      [[2, 3, 4], { start: 0, end: 1 }],
      [[2, 3, 4], { start: -2, end: -1 }],
      [[], {}],
    ]),
  differentiable: [0],
  errors: () => [
    { label: 'start after end', inputs: [f([2, 3, 4])], args: { start: 2, end: 1 }, error: ShapeError, message: /flatten: startAxis 2 comes after endAxis 1/ },
    { label: 'a fractional axis', inputs: [f([2, 3, 4])], args: { start: 0.5 }, error: ShapeError, message: /flatten: axis must be an integer, got number 0.5/ },
  ],
});

const squeezeSpec = defineOp<{ axes?: number | number[] }>({
  name: 'squeeze',
  op: ([x], a) => ops.squeeze(x!, a.axes),
  reference: ([x], a) => reference.squeeze(x!, a.axes),
  samples: (gen) =>
    oneInput(gen, [
      [[1, 3, 1], {}],
      [[1, 3, 1], { axes: 0 }],
      [[1, 3, 1], { axes: [-1] }],
      [[1, 1], {}],
      [[2, 3], {}],
    ]),
  differentiable: [0],
  errors: () => [
    { label: 'axis of size > 1', inputs: [f([2, 3])], args: { axes: 1 }, error: ShapeError, message: /squeeze: axis 1 of shape \[2,3\] has size 3, expected 1/ },
  ],
});

const expandDimsSpec = defineOp<{ axis: number }>({
  name: 'expandDims',
  op: ([x], a) => ops.expandDims(x!, a.axis),
  reference: ([x], a) => reference.expandDims(x!, a.axis),
  samples: (gen) =>
    oneInput(gen, [
      [[2, 3], { axis: 0 }],
      [[2, 3], { axis: 1 }],
      [[2, 3], { axis: 2 }],
      [[2, 3], { axis: -1 }],
      [[], { axis: 0 }],
    ]),
  differentiable: [0],
  errors: () => [
    { label: 'axis out of range', inputs: [f([2, 3])], args: { axis: 4 }, error: ShapeError, message: /expandDims: axis 4 is out of range/ },
  ],
});

function transposeLike(name: 'transpose' | 'permute'): OpSpec {
  return defineOp<{ perm?: number[] }>({
    name,
    op: ([x], a) => (name === 'transpose' ? ops.transpose(x!, a.perm) : ops.permute(x!, a.perm!)),
    reference: ([x], a) => reference.transpose(x!, a.perm),
    samples: (gen) =>
      oneInput(
        gen,
        [
          ...(name === 'transpose' ? ([[[2, 3], {}], [[2, 3, 4], {}]] as const) : []),
          [[2, 3, 4], { perm: [2, 0, 1] }],
          [[2, 3, 4], { perm: [1, 0, 2] }],
          [[2, 3, 4], { perm: [0, -1, 1] }],
          [[0, 3], { perm: [1, 0] }],
        ],
        [[2, 3], { perm: [1, 0] }],
      ),
    differentiable: [0],
    errors: () => [
      {
        label: 'not a permutation',
        inputs: [f([2, 3])],
        args: { perm: [0, 0] },
        error: ShapeError,
        message: new RegExp(`transpose: perm \\[0,0\\] is not a permutation of the 2 dims of \\[2,3\\]`),
      },
      { label: 'perm as a string', inputs: [f([2, 3])], args: { perm: '10' as unknown as number[] }, error: ShapeError, message: /transpose: perm must be an array of integers, got string "10"/ },
    ],
  });
}

/** Variadic: every input is joined. */
function joinSpec(name: 'concat' | 'stack'): OpSpec {
  const call = name === 'concat' ? ops.concat : ops.stack;
  const ref = name === 'concat' ? reference.concat : reference.stack;
  const cases: readonly (readonly [readonly (readonly number[])[], number | undefined])[] =
    name === 'concat'
      ? [
          [[[2, 3], [2, 3]], undefined],
          [[[2, 1], [2, 3], [2, 2]], 1],
          [[[2, 3], [2, 3]], -1],
          [[[0, 3], [2, 3]], 0],
          [[[2, 2, 2], [2, 1, 2]], 1],
          [[[3, 2]], 0],
        ]
      : [
          [[[2, 3], [2, 3]], undefined],
          [[[3], [3], [3]], 1],
          [[[2, 3], [2, 3]], -1],
          [[[2, 3], [2, 3]], 1],
        ];
  return defineOp<{ axis?: number }>({
    name,
    op: (xs, a) => call(xs, a.axis),
    reference: (xs, a) => ref(xs, a.axis),
    samples: (gen) => [
      ...cases.map(([shapes, axis]) => ({
        label: `${shapes.map(fmt).join(', ')} axis=${axis ?? 'default'}`,
        inputs: shapes.map((s) => gen.uniform(s, -2, 2)),
        args: axis === undefined ? {} : { axis },
      })),
      { label: 'int32 [2,3], [2,3]', inputs: [gen.ints([2, 3]), gen.ints([2, 3])], args: {} },
    ],
    differentiable: 'all',
    errors: (gen) => [
      name === 'concat'
        ? {
            label: 'shapes differ off the axis',
            inputs: [gen.uniform([2, 3]), gen.uniform([2, 4])],
            args: {},
            error: ShapeError,
            message: /concat: tensors must match except along axis 0: float32\[2,3\], float32\[2,4\]/,
          }
        : {
            label: 'shapes differ',
            inputs: [gen.uniform([2]), gen.uniform([3])],
            args: {},
            error: ShapeError,
            message: /stack: all tensors must have the same shape, got \[2\], \[3\]/,
          },
      {
        label: 'no tensors',
        inputs: [],
        args: {},
        call: () => call([]),
        error: ValueError,
        message: new RegExp(`${name}: expected at least one tensor, got none`),
      },
      {
        label: 'a string among the tensors',
        inputs: [f([2])],
        args: {},
        call: ([x]) => call([x!, 'y' as unknown as Tensor]),
        error: DTypeError,
        message: new RegExp(`${name}: element 1 must be a Tensor, got string "y"`),
      },
      { label: 'a tensor instead of a list', inputs: [f([2])], args: {}, call: ([x]) => call(x as unknown as Tensor[]), error: ValueError, message: new RegExp(`${name}: expected an array of tensors, got a Tensor`) },
    ],
  });
}

const splitSpec = defineOp<{ sections: number | number[]; axis?: number }>({
  name: 'split',
  op: ([x], a) => ops.split(x!, a.sections, a.axis),
  reference: ([x], a) => reference.split(x!, a.sections, a.axis),
  samples: (gen) =>
    oneInput(gen, [
      [[6, 2], { sections: 3 }],
      [[2, 5], { sections: [2, 3], axis: 1 }],
      [[2, 4], { sections: 2, axis: -1 }],
      [[3, 2], { sections: [0, 2, 1] }],
    ]),
  differentiable: [0],
  errors: () => [
    { label: 'unequal sections', inputs: [f([5])], args: { sections: 2 }, error: ShapeError, message: /split: axis 0 of size 5 cannot be split into 2 equal parts/ },
    { label: 'sizes that do not add up', inputs: [f([5])], args: { sections: [1, 2] }, error: ShapeError, message: /split: sizes \[1,2\] do not add up to axis 0 of size 5/ },
    { label: 'no sections', inputs: [f([5])], args: { sections: undefined as unknown as number }, error: ShapeError, message: /split: sections must be a number of equal parts or an array of sizes, got undefined/ },
  ],
});

const sliceSpec = defineOp<{ begin: number[]; size?: number[] }>({
  name: 'slice',
  op: ([x], a) => ops.slice(x!, a.begin, a.size),
  reference: ([x], a) => reference.slice(x!, a.begin, a.size),
  samples: (gen) =>
    oneInput(
      gen,
      [
        [[4, 5], { begin: [1, 2], size: [2, 3] }],
        [[4, 5], { begin: [1, 0], size: [-1, 2] }],
        [[4, 5], { begin: [1, 1] }],
        [[2, 3, 4], { begin: [1, 0, 2], size: [1, 2, 2] }],
        [[4, 5], { begin: [1, 0], size: [0, 5] }],
      ],
      [[4, 5], { begin: [1, 2], size: [2, 2] }],
    ),
  differentiable: [0],
  errors: () => [
    { label: 'block outside the tensor', inputs: [f([4, 5])], args: { begin: [2, 0], size: [3, 5] }, error: ShapeError, message: /slice: begin 2 size 3 is outside dim 0 of \[4,5\]/ },
    { label: 'wrong number of dims', inputs: [f([4, 5])], args: { begin: [0] }, error: ShapeError, message: /slice: begin\/size must have one entry per dim of \[4,5\]/ },
    { label: 'no begin', inputs: [f([4, 5])], args: { begin: undefined as unknown as number[] }, error: ShapeError, message: /slice: begin must be an array of integers, got undefined/ },
    { label: 'a fractional begin', inputs: [f([4, 5])], args: { begin: [0.5, 0] }, error: ShapeError, message: /slice: begin 0.5 size 3.5 is outside dim 0 of \[4,5\]/ },
  ],
});

const padSpec = defineOp<{ paddings: [number, number][]; value?: number }>({
  name: 'pad',
  op: ([x], a) => ops.pad(x!, a.paddings, a.value),
  reference: ([x], a) => reference.pad(x!, a.paddings, a.value),
  samples: (gen) =>
    oneInput(
      gen,
      [
        [[2, 3], { paddings: [[1, 0], [2, 1]] }],
        [[2, 3], { paddings: [[0, 1], [1, 1]], value: 1.5 }],
        [[2, 2, 3], { paddings: [[0, 0], [1, 1], [0, 2]] }],
        [[2, 3], { paddings: [[0, 0], [0, 0]] }],
        [[0, 2], { paddings: [[1, 1], [0, 0]], value: -1 }],
      ],
      [[2, 3], { paddings: [[1, 1], [1, 0]], value: 7 }],
    ),
  differentiable: [0],
  errors: () => [
    {
      label: 'wrong number of pairs',
      inputs: [f([2, 3])],
      args: { paddings: [[1, 1]] },
      error: ShapeError,
      message: /pad: expected 2 \[before, after\] pairs of non-negative integers for \[2,3\]/,
    },
    {
      label: 'negative padding',
      inputs: [f([2, 3])],
      args: { paddings: [[1, 1], [-1, 0]] },
      error: ShapeError,
      message: /pad: expected 2 \[before, after\] pairs of non-negative integers for \[2,3\]/,
    },
    { label: 'no paddings', inputs: [f([2, 3])], args: { paddings: undefined as unknown as [number, number][] }, error: ShapeError, message: /pad: expected 2 \[before, after\] pairs of non-negative integers for \[2,3\], got undefined/ },
    {
      label: 'a result beyond the size limit',
      inputs: [f([2])],
      args: { paddings: [[2e9, 2e9]] },
      error: ValueError,
      message: /pad: the result \[4000000002\] has 4000000002 elements, more than the limit of 2147483647/,
    },
  ],
});

const tileSpec = defineOp<{ reps: number[] }>({
  name: 'tile',
  op: ([x], a) => ops.tile(x!, a.reps),
  reference: ([x], a) => reference.tile(x!, a.reps),
  samples: (gen) =>
    oneInput(
      gen,
      [
        [[2, 3], { reps: [2, 1] }],
        [[3], { reps: [3] }],
        [[2, 1, 2], { reps: [1, 3, 2] }],
        [[2, 3], { reps: [2, 0] }],
      ],
      [[2, 2], { reps: [2, 2] }],
    ),
  differentiable: [0],
  errors: () => [
    { label: 'wrong number of reps', inputs: [f([2, 3])], args: { reps: [2] }, error: ShapeError, message: /tile: expected 2 non-negative integer repetitions for \[2,3\], got \[2\]/ },
    { label: 'reps as a number', inputs: [f([2, 3])], args: { reps: 2 as unknown as number[] }, error: ShapeError, message: /tile: expected 2 non-negative integer repetitions for \[2,3\], got number 2/ },
    { label: 'a result beyond the size limit', inputs: [f([2, 3])], args: { reps: [1e5, 1e5] }, error: ValueError, message: /tile: the result \[200000,300000\] has 60000000000 elements, more than the limit of 2147483647/ },
  ],
});

const broadcastToSpec = defineOp<{ shape: number[] }>({
  name: 'broadcastTo',
  op: ([x], a) => ops.broadcastTo(x!, a.shape),
  reference: ([x], a) => reference.broadcastTo(x!, a.shape),
  samples: (gen) =>
    oneInput(
      gen,
      [
        [[3], { shape: [2, 3] }],
        [[2, 1], { shape: [2, 4] }],
        [[], { shape: [2, 2] }],
        [[1, 3], { shape: [2, 2, 3] }],
        [[2, 3], { shape: [2, 3] }],
        [[1, 3], { shape: [0, 3] }],
      ],
      [[2, 1], { shape: [2, 3] }],
    ),
  differentiable: [0],
  errors: () => [
    { label: 'target of lower rank', inputs: [f([2, 3])], args: { shape: [3] }, error: ShapeError, message: /broadcastTo: cannot broadcast \[2,3\] to \[3\]/ },
    { label: 'incompatible dims', inputs: [f([3])], args: { shape: [2, 2] }, error: ShapeError, message: /broadcastTo: .*\[3\].*\[2,2\]/ },
    { label: 'a string as the shape', inputs: [f([3])], args: { shape: 'ab' as unknown as number[] }, error: ValueError, message: /broadcastTo: shape must be an array of non-negative integers, got string "ab"/ },
    { label: 'a target beyond the size limit', inputs: [f([1])], args: { shape: [1e5, 1e5] }, error: ValueError, message: /broadcastTo: shape \[100000,100000\] has 10000000000 elements, more than the limit of 2147483647/ },
  ],
});

const stridedSliceSpec = defineOp<{ begin: (number | null)[]; end: (number | null)[]; steps?: number[] }>({
  name: 'stridedSlice',
  op: ([x], a) => ops.stridedSlice(x!, a.begin, a.end, a.steps),
  reference: ([x], a) => reference.stridedSlice(x!, a.begin, a.end, a.steps),
  samples: (gen) =>
    oneInput(
      gen,
      [
        [[10], { begin: [1], end: [null], steps: [3] }, 'x[1::3]'],
        [[10], { begin: [-1], end: [null], steps: [-2] }, 'x[-1::-2]'],
        [[10], { begin: [null], end: [null], steps: [-1] }, 'x[::-1]'],
        [[10], { begin: [8], end: [2], steps: [-3] }, 'x[8:2:-3]'],
        [[4, 5], { begin: [-3, 0], end: [null, -1] }, 'x[-3:, 0:-1]'],
        [[4, 5], { begin: [3, null], end: [0, null], steps: [-2, 2] }, 'x[3:0:-2, ::2]'],
        [[4, 6], { begin: [1], end: [3] }, 'x[1:3] (fewer entries than dims)'],
        [[3, 4], { begin: [-100, 100], end: [100, -100], steps: [1, -1] }, 'clamped: x[-100:100, 100:-100:-1]'],
        [[3, 4], { begin: [2, 0], end: [1, 4] }, 'empty: x[2:1]'],
        [[2, 3, 4], { begin: [null, 2, 3], end: [null, null, null], steps: [1, -1, -2] }, 'x[:, 2::-1, 3::-2]'],
      ],
      [[3, 5], { begin: [null, 4], end: [null, null], steps: [-1, -3] }],
    ),
  differentiable: [0],
  errors: () => [
    { label: 'step 0', inputs: [f([4])], args: { begin: [0], end: [4], steps: [0] }, error: ValueError, message: /stridedSlice: step 0 of dim 0 must be a non-zero integer/ },
    {
      label: 'more entries than dims',
      inputs: [f([4])],
      args: { begin: [0, 0], end: [1, 1] },
      error: ShapeError,
      message: /stridedSlice: begin, end and steps must have one entry each for at most the 1 dims of \[4\]/,
    },
    { label: 'fractional begin', inputs: [f([4])], args: { begin: [0.5], end: [null] }, error: ValueError, message: /stridedSlice: begin\/end 0.5 of dim 0 must be an integer or null/ },
  ],
});

const flipSpec = defineOp<{ axes: number | number[] }>({
  name: 'flip',
  op: ([x], a) => ops.flip(x!, a.axes),
  reference: ([x], a) => reference.flip(x!, a.axes),
  samples: (gen) =>
    oneInput(
      gen,
      [
        [[5], { axes: 0 }],
        [[3, 4], { axes: [1] }],
        [[3, 4], { axes: [0, 1] }],
        [[2, 3, 4], { axes: [-1, 0] }],
        [[2, 1, 3], { axes: [1] }],
        [[0, 3], { axes: [0, 1] }],
      ],
      [[2, 3], { axes: [0] }],
    ),
  differentiable: [0],
  errors: () => [
    { label: 'axis out of range', inputs: [f([2, 3])], args: { axes: [2] }, error: ShapeError, message: /flip: axis 2 is out of range for a tensor of rank 2/ },
    { label: 'repeated axis', inputs: [f([2, 3])], args: { axes: [1, -1] }, error: ShapeError, message: /flip: repeated axis in \[1,-1\]/ },
  ],
});

/** Specs of the shape ops. */
export const shapeSpecs: readonly OpSpec[] = [
  reshapeSpec,
  flattenSpec,
  squeezeSpec,
  expandDimsSpec,
  transposeLike('transpose'),
  transposeLike('permute'),
  joinSpec('concat'),
  joinSpec('stack'),
  splitSpec,
  sliceSpec,
  stridedSliceSpec,
  flipSpec,
  padSpec,
  tileSpec,
  broadcastToSpec,
];
