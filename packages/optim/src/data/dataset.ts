import { ShapeError, tensor, ValueError, type Tensor } from '@dlkit/core';

/**
 * Anything indexable with a length: examples `0 … length − 1`.
 * @example const squares: Dataset<number> = { length: 10, get: (i) => i * i };
 */
export interface Dataset<T> {
  /** Number of examples. */
  readonly length: number;
  /** The example at `index`. */
  get(index: number): T;
}

/**
 * An in-memory dataset of tensors that share their first (batch) dimension, e.g. inputs
 * `x [m, …]` and labels `y [m, …]`; example `i` is row `i` of each. Batches are gathered in one
 * op per tensor.
 * @example
 * ```ts
 * const data = new TensorDataset(x, y);   // x [m, 784], y [m] int32
 * const [xb, yb] = data.batch([0, 5, 9]); // [3, 784], [3]
 * ```
 */
export class TensorDataset<T extends readonly Tensor[] = [Tensor, Tensor]> implements Dataset<T> {
  /** The full tensors, in the order given. */
  readonly tensors: T;

  /**
   * Wraps `tensors` without copying them.
   *
   * @param tensors - At least one tensor, all with the same first dim `m` (the examples).
   */
  constructor(...tensors: T) {
    if (tensors.length === 0) throw new ValueError('TensorDataset: expected at least one tensor');
    const m = tensors[0]!.shape[0];
    tensors.forEach((t, i) => {
      if (t.rank === 0) throw new ShapeError(`TensorDataset: tensor ${i} is a scalar; every tensor needs a first (example) dimension`);
      if (t.shape[0] !== m) {
        throw new ShapeError(`TensorDataset: every tensor needs the same number of examples; tensor 0 has ${m}, tensor ${i} has ${t.shape[0]} (shape [${t.shape.join(', ')}])`);
      }
    });
    this.tensors = tensors;
  }

  /** Number of examples m. */
  get length(): number {
    return this.tensors[0]!.shape[0]!;
  }

  /** Example `index`: row `index` of each tensor (the batch dimension dropped). */
  get(index: number): T {
    this.checkIndex(index);
    return this.tensors.map((t) => t.slice([index, ...t.shape.slice(1).map(() => 0)], [1, ...t.shape.slice(1)]).reshape(t.shape.slice(1))) as unknown as T;
  }

  /** Rows `indices` of each tensor, in that order (repeats allowed). */
  batch(indices: readonly number[]): T {
    if (indices.length === 0) throw new ValueError('TensorDataset.batch: expected at least one index');
    for (const i of indices) this.checkIndex(i);
    if (isRange(indices, this.length)) return this.tensors;
    const index = tensor(Int32Array.from(indices));
    return this.tensors.map((t) => t.gather(index, 0)) as unknown as T;
  }

  /** A new dataset holding rows `indices`. */
  subset(indices: readonly number[]): TensorDataset<T> {
    return new TensorDataset<T>(...this.batch(indices));
  }

  private checkIndex(index: number): void {
    if (!(Number.isInteger(index) && index >= 0 && index < this.length)) {
      throw new ValueError(`TensorDataset: index ${index} is outside [0, ${this.length})`);
    }
  }
}

function isRange(indices: readonly number[], length: number): boolean {
  return indices.length === length && indices.every((v, i) => v === i);
}

/** Inputs and targets as a dataset or a pair `[x, y]`; what `fit`, `evaluate` and the splitters take. */
export type SupervisedData = TensorDataset<readonly [Tensor, Tensor]> | readonly [Tensor, Tensor];

/** `data` as a TensorDataset. */
export function asDataset(data: SupervisedData, where: string): TensorDataset<readonly [Tensor, Tensor]> {
  if (data instanceof TensorDataset) return data;
  if (!Array.isArray(data) || data.length !== 2) throw new ValueError(`${where}: expected a TensorDataset or a pair [x, y], got ${String(data)}`);
  return new TensorDataset(data[0], data[1]);
}
