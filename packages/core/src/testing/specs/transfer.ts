/**
 * Specs of clone and toBackend: copies that keep values, shape and dtype, and pass gradients
 * through. toBackend is run as a round trip through the built-in 'ts' backend and back to the
 * backend under test, so on any backend other than 'ts' both moves really happen.
 */
import { BackendError, DTypeError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import type { Tensor } from '@dlkit/core';
import { reference } from '../reference/index.js';
import type { SampleGen } from '../sample-gen.js';
import { defineOp, type OpSample, type OpSpec } from '../spec.js';

type NoArgs = Record<string, never>;

const samples = (gen: SampleGen): OpSample<NoArgs>[] => [
  { label: 'float [2,3]', inputs: [gen.uniform([2, 3])], args: {} },
  { label: 'scalar []', inputs: [gen.uniform([])], args: {} },
  { label: 'empty [0,3]', inputs: [gen.uniform([0, 3])], args: {} },
  { label: 'int32 [4]', inputs: [gen.ints([4])], args: {} },
  { label: 'bool [3]', inputs: [gen.bools([3])], args: {} },
  { label: 'NaN and ±Infinity [3]', inputs: [gen.values([3], [NaN, Infinity, -Infinity])], args: {}, grad: false },
];

const cloneSpec: OpSpec = defineOp<NoArgs>({
  name: 'clone',
  op: ([x]) => ops.clone(x!),
  reference: ([x]) => reference.clone(x!),
  samples,
  differentiable: [0],
  errors: () => [
    { label: 'an array instead of a tensor', inputs: [], args: {}, call: () => ops.clone([1, 2] as unknown as Tensor), error: DTypeError, message: /clone: input must be a Tensor, got array \[1,2\]/ },
  ],
});

const toBackendSpec: OpSpec = defineOp<NoArgs>({
  name: 'toBackend',
  op: ([x]) => ops.toBackend(ops.toBackend(x!, 'ts'), x!.backend.name),
  reference: ([x]) => reference.toBackend(x!),
  samples,
  differentiable: [0],
  errors: () => [
    {
      label: 'an unknown backend name',
      inputs: [{ shape: [2], values: [1, 2], dtype: 'float' }],
      args: {},
      call: ([x]) => ops.toBackend(x!, 'no-such-backend'),
      error: BackendError,
      message: /toBackend: no backend named 'no-such-backend'; registered: ts/,
    },
    { label: 'a number instead of a tensor', inputs: [], args: {}, call: () => ops.toBackend(3 as unknown as Tensor, 'ts'), error: DTypeError, message: /toBackend: input must be a Tensor, got number 3/ },
  ],
});

/** Specs of clone and toBackend. */
export const transferSpecs: readonly OpSpec[] = [cloneSpec, toBackendSpec];
