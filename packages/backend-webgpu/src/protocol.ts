import type { DType, KernelName, Shape, TypedArray } from '@dlkit/core';

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

/** Kernels that never travel as a command: reads and lifetime have their own, and core composes the softmax gradients and layer normalization. */
type NotCommanded = 'download' | 'downloadAsync' | 'dispose' | 'shareStorage' | 'softmaxBackprop' | 'logSoftmaxBackprop' | 'layerNorm' | 'layerNormBackprop';

/**
 * One kernel call, in the order the front end made it: the executor runs commands strictly in
 * that order. `out` is the id the result's storage gets.
 */
export type Command =
  | { readonly kind: 'kernel'; readonly kernel: Exclude<KernelName, NotCommanded>; readonly out: number; readonly args: readonly Arg[] }
  | { readonly kind: 'share'; readonly out: number; readonly of: number }
  | { readonly kind: 'release'; readonly id: number };

/** Whether `arg` is a {@link TensorRef}. */
export function isTensorRef(arg: unknown): arg is TensorRef {
  return typeof arg === 'object' && arg !== null && '$tensor' in arg;
}
