import { ShapeError, Tensor, ValueError } from '@dlkit/core';

/** Throws unless `value` is a positive integer size. */
export function assertSize(value: number, what: string, where: string): void {
  if (!Number.isInteger(value) || value <= 0) throw new ValueError(`${where}: ${what} must be a positive integer, got ${String(value)}`);
}

/** Throws unless `t` is a tensor of exactly `shape`. */
export function assertShape(t: unknown, shape: readonly number[], what: string, where: string): asserts t is Tensor {
  if (!(t instanceof Tensor)) throw new ValueError(`${where}: ${what} must be a Tensor, got ${typeof t}`);
  if (t.rank !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new ShapeError(`${where}: expected ${what} of shape [${shape.join(', ')}], got [${t.shape.join(', ')}]`);
  }
}

/**
 * Per-example lengths as a number array: from numbers or a 1-D int32 tensor, each an integer in
 * `[0, max]`, one per example.
 */
export function readLengths(lengths: readonly number[] | Tensor, count: number, max: number, what: string, where: string): number[] {
  let values: number[];
  if (lengths instanceof Tensor) {
    if (lengths.dtype !== 'int32' || lengths.rank !== 1) {
      throw new ValueError(`${where}: ${what} must be numbers or a 1-D int32 tensor, got ${lengths.dtype} [${lengths.shape.join(', ')}]`);
    }
    values = Array.from(lengths.dataSync());
  } else if (Array.isArray(lengths)) {
    values = [...lengths];
  } else {
    throw new ValueError(`${where}: ${what} must be numbers or a 1-D int32 tensor, got ${typeof lengths}`);
  }
  if (values.length !== count) throw new ShapeError(`${where}: expected ${count} ${what} (one per example), got ${values.length}`);
  values.forEach((n, i) => {
    if (!Number.isInteger(n) || n < 0 || n > max) throw new ValueError(`${where}: ${what}[${i}] must be an integer in [0, ${max}], got ${String(n)}`);
  });
  return values;
}
