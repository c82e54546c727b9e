import { ShapeError, tensor, Tensor, ValueError } from '@dlkit/core';
import { TensorDataset } from './dataset.js';

/**
 * Anything `fit` and `evaluate` can draw mini-batches from: a number of examples and the batch
 * of any list of their indices. A {@link TensorDataset} is one (its batches are tuples); write
 * your own for batches that are not rows of tensors (variable numbers of boxes per image, …).
 * @example const source: BatchSource<{ images: Tensor; boxes: Box[][] }> = { length: m, batch: (ids) => load(ids) };
 */
export interface BatchSource<B> {
  /** Number of examples. */
  readonly length: number;
  /** The batch made of examples `indices`, in that order. */
  batch(indices: readonly number[]): B;
}

/** Tensors sharing their first (example) dimension, by name: a record batch `{ a, b, label }`. */
export type TensorRecord = { readonly [name: string]: Tensor };

/**
 * Training or evaluation data for a custom step: a {@link BatchSource}, or the tensors
 * themselves as a tuple `[xa, xb, y]` or a record `{ a, b, label }` (rows are examples; each
 * batch has the same form, with the batch's rows).
 */
export type StepData<B> = BatchSource<B> | B;

function isBatchSource(data: unknown): data is BatchSource<unknown> {
  return typeof data === 'object' && data !== null && typeof (data as BatchSource<unknown>).batch === 'function' && typeof (data as BatchSource<unknown>).length === 'number';
}

/** Batches of a record of tensors: each field gathered at the same rows. */
function recordSource(record: TensorRecord, where: string): BatchSource<TensorRecord> {
  const entries = Object.entries(record);
  if (entries.length === 0) throw new ValueError(`${where}: the data record has no tensors`);
  const [firstName, first] = entries[0]!;
  for (const [name, t] of entries) {
    if (t.rank === 0) throw new ShapeError(`${where}: '${name}' is a scalar; every tensor of the data needs a first (example) dimension`);
    if (t.shape[0] !== first.shape[0]) {
      throw new ShapeError(`${where}: every tensor needs the same number of examples; '${firstName}' has ${first.shape[0]}, '${name}' has ${t.shape[0]} (shape [${t.shape.join(', ')}])`);
    }
  }
  const length = first.shape[0]!;
  return {
    length,
    batch(indices) {
      const bad = indices.find((i) => !(Number.isInteger(i) && i >= 0 && i < length));
      if (bad !== undefined) throw new ValueError(`${where}: index ${bad} is outside [0, ${length})`);
      const index = tensor(Int32Array.from(indices));
      return Object.fromEntries(entries.map(([name, t]) => [name, t.gather(index, 0)]));
    },
  };
}

/** `data` as a batch source: itself, a TensorDataset of a tuple, or the batches of a record. */
export function asBatchSource<B>(data: StepData<B>, where: string): BatchSource<B> {
  if (isBatchSource(data)) return data as BatchSource<B>;
  if (Array.isArray(data)) {
    if (!data.every((t) => t instanceof Tensor)) throw new ValueError(`${where}: a data tuple must hold tensors only`);
    return new TensorDataset(...(data as Tensor[])) as unknown as BatchSource<B>;
  }
  if (typeof data === 'object' && data !== null && Object.values(data).every((t) => t instanceof Tensor)) {
    return recordSource(data as TensorRecord, where) as unknown as BatchSource<B>;
  }
  throw new ValueError(`${where}: expected a TensorDataset, a BatchSource ({ length, batch(indices) }), a tuple or a record of tensors, got ${String(data)}`);
}
