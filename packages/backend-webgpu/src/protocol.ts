import type { DType, RequiredKernels, Shape, TypedArray } from '@dlkit/core';

/**
 * A tensor argument of a {@link Command}: the id of its storage plus shape and dtype. Plain data,
 * so that a command can be posted to another thread.
 */
export interface TensorRef {
  /** The storage id the front end gave the tensor's handle. */
  readonly $tensor: number;
  /** Logical shape, row-major. */
  readonly shape: Shape;
  /** Element dtype. */
  readonly dtype: DType;
}

/** A kernel argument: a tensor, a list of tensors (concat), or a plain attribute. */
export type Arg = TensorRef | readonly TensorRef[] | TypedArray | number | boolean | string | readonly number[] | object;

/** The optional kernels the executor runs; core composes every other optional kernel from required ones. */
export type ExecutedOptionalKernel = 'softmax' | 'logSoftmax';

/** The kernels a command can name: every required kernel but the read, and {@link ExecutedOptionalKernel}. */
export type CommandKernel = Exclude<keyof RequiredKernels<unknown>, 'download'> | ExecutedOptionalKernel;

/**
 * One kernel call, in the order the front end made it: the executor runs commands strictly in
 * that order. `out` is the id the result's storage gets.
 */
export type Command =
  | { readonly kind: 'kernel'; readonly kernel: CommandKernel; readonly out: number; readonly args: readonly Arg[] }
  | { readonly kind: 'share'; readonly out: number; readonly of: number }
  | { readonly kind: 'release'; readonly id: number };

/** Whether `arg` is a {@link TensorRef}. */
export function isTensorRef(arg: unknown): arg is TensorRef {
  return typeof arg === 'object' && arg !== null && '$tensor' in arg;
}
