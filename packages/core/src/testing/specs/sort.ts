/**
 * Specs of the sort ops: topk, sort, argsort (ties, NaN, any axis, int32). The `(values)` specs
 * return only the float values, so that their gradient is checked.
 */
import { DTypeError, ShapeError, ValueError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import { reference } from '../reference/index.js';
import type { SampleGen } from '../sample-gen.js';
import { defineOp, type ErrorCase, type OpSample, type OpSpec, type SampleInput } from '../spec.js';

type SortArgs = { k?: number; axis?: number; largest?: boolean; descending?: boolean };

const values = (shape: readonly number[], v: readonly number[]): SampleInput => ({ shape, values: v, dtype: 'float' });

/** Samples shared by the sort family: distinct values (clean gradients), ties, NaN and ±Infinity, int32. */
function sortSamples(gen: SampleGen, withK: boolean): OpSample<SortArgs>[] {
  const k = (n: number): { k?: number } => (withK ? { k: n } : {});
  return [
    { label: '[2,5] last axis', inputs: [gen.distinct([2, 5])], args: { ...k(3) } },
    { label: '[2,5] the other direction', inputs: [gen.distinct([2, 5])], args: { ...k(2), largest: false, descending: true } },
    { label: '[4,3] axis 0', inputs: [gen.distinct([4, 3])], args: { ...k(2), axis: 0 } },
    { label: '[2,3,4] axis 1', inputs: [gen.distinct([2, 3, 4])], args: { ...k(3), axis: 1, descending: true } },
    { label: 'ties keep index order', inputs: [values([2, 6], [1, 3, 1, 3, 2, 1, 0, 0, 5, 0, 5, 0])], args: { ...k(4) }, grad: false },
    { label: 'ties, the other direction', inputs: [values([2, 6], [1, 3, 1, 3, 2, 1, 0, 0, 5, 0, 5, 0])], args: { ...k(4), largest: false, descending: true }, grad: false },
    { label: 'NaN ranks above +Infinity', inputs: [values([7], [2, NaN, -Infinity, Infinity, NaN, 0, -1])], args: { ...k(7) }, grad: false },
    { label: 'NaN, the other direction', inputs: [values([7], [2, NaN, -Infinity, Infinity, NaN, 0, -1])], args: { ...k(5), largest: false, descending: true }, grad: false },
    { label: 'int32 with ties', inputs: [gen.ints([3, 5], -3, 3)], args: { ...k(5) } },
    { label: '[2,40] ties and NaN, k much smaller than the axis', inputs: [gen.choice([2, 40], [0, 1, 2, NaN, Infinity])], args: { ...k(3) }, grad: false },
    { label: '[2,40] the other direction', inputs: [gen.choice([2, 40], [0, 1, 2, NaN, -Infinity])], args: { ...k(4), largest: false, descending: true }, grad: false },
    { label: 'k = 0 / empty axis', inputs: [gen.uniform([2, withK ? 3 : 0])], args: { ...k(0) } },
  ];
}

function sortErrors(name: string, call: (x: ops.Tensor, args: SortArgs) => unknown): (gen: SampleGen) => ErrorCase<SortArgs>[] {
  return (gen) => [
    { label: 'bool input', inputs: [{ shape: [3], values: [1, 0, 1], dtype: 'bool' }], args: {}, call: ([x]) => call(x!, {}), error: DTypeError, message: new RegExp(`${name}: expected a float or int32 tensor, got bool`) },
    { label: 'a scalar', inputs: [gen.uniform([])], args: {}, call: ([x]) => call(x!, { k: 0 }), error: ShapeError, message: new RegExp(`${name}: expected a tensor with at least 1 dim, got a scalar`) },
    { label: 'axis out of range', inputs: [gen.uniform([2, 3])], args: {}, call: ([x]) => call(x!, { k: 1, axis: 2 }), error: ShapeError, message: new RegExp(`${name}: axis 2 is out of range for a tensor of rank 2`) },
  ];
}

const topkCall = (x: ops.Tensor, a: SortArgs): ops.ValuesAndIndices => ops.topk(x, a.k ?? 1, { axis: a.axis, largest: a.largest });
const sortCall = (x: ops.Tensor, a: SortArgs): ops.ValuesAndIndices => ops.sort(x, { axis: a.axis, descending: a.descending });

const topkSpec = defineOp<SortArgs>({
  name: 'topk',
  op: ([x], a) => {
    const r = topkCall(x!, a);
    return [r.values, r.indices];
  },
  reference: ([x], a) => reference.topk(x!, a.k ?? 1, { axis: a.axis, largest: a.largest }),
  samples: (gen) => sortSamples(gen, true),
  differentiable: [],
  errors: (gen) => [
    ...sortErrors('topk', topkCall)(gen),
    { label: 'k larger than the axis', inputs: [gen.uniform([2, 3])], args: { k: 4 }, error: ValueError, message: /topk: k must be an integer in \[0, 3\] \(the size of axis 1 of \[2,3\]\), got 4/ },
  ],
});

const topkValuesSpec = defineOp<SortArgs>({
  name: 'topk (values)',
  op: ([x], a) => topkCall(x!, a).values,
  reference: ([x], a) => reference.topk(x!, a.k ?? 1, { axis: a.axis, largest: a.largest })[0]!,
  samples: (gen) => sortSamples(gen, true).slice(0, 4),
  differentiable: [0],
});

const sortSpec = defineOp<SortArgs>({
  name: 'sort',
  op: ([x], a) => {
    const r = sortCall(x!, a);
    return [r.values, r.indices];
  },
  reference: ([x], a) => reference.sort(x!, { axis: a.axis, descending: a.descending }),
  samples: (gen) => sortSamples(gen, false),
  differentiable: [],
  errors: sortErrors('sort', sortCall),
});

const sortValuesSpec = defineOp<SortArgs>({
  name: 'sort (values)',
  op: ([x], a) => sortCall(x!, a).values,
  reference: ([x], a) => reference.sort(x!, { axis: a.axis, descending: a.descending })[0]!,
  samples: (gen) => sortSamples(gen, false).slice(0, 4),
  differentiable: [0],
});

const argsortCall = (x: ops.Tensor, a: SortArgs): ops.Tensor => ops.argsort(x, { axis: a.axis, descending: a.descending });

const argsortSpec = defineOp<SortArgs>({
  name: 'argsort',
  op: ([x], a) => argsortCall(x!, a),
  reference: ([x], a) => reference.argsort(x!, { axis: a.axis, descending: a.descending }),
  samples: (gen) => sortSamples(gen, false),
  differentiable: [],
  errors: sortErrors('argsort', argsortCall),
});

/** Specs of the sort ops. */
export const sortSpecs: readonly OpSpec[] = [topkSpec, topkValuesSpec, sortSpec, sortValuesSpec, argsortSpec];
