import { tensor, ValueError, type Tensor } from '@dlkit/core';

function assertCount(value: number, name: string, where: string): void {
  if (!Number.isInteger(value) || value < 0) throw new ValueError(`${where}: ${name} must be an integer ≥ 0, got ${String(value)}`);
}

/**
 * The key padding mask of a batch of sequences padded to length `T`: `mask[b, t]` is true where
 * `t < lengths[b]` (a real token, which attention may attend to), false on padding. Pass it as
 * `keyMask` to {@link MultiHeadAttention} or the transformer layers.
 *
 * Shapes: `lengths` of `batch` numbers → bool `[batch, T]`.
 * @example paddingMask([3, 1], 4).toArray() // [[true, true, true, false], [true, false, false, false]]
 */
export function paddingMask(lengths: readonly number[], T: number): Tensor {
  assertCount(T, 'T', 'paddingMask');
  const values = new Uint8Array(lengths.length * T);
  lengths.forEach((length, b) => {
    if (!Number.isInteger(length) || length < 0 || length > T) {
      throw new ValueError(`paddingMask: lengths[${b}] must be an integer in [0, ${T}], got ${String(length)}`);
    }
    values.fill(1, b * T, b * T + length);
  });
  return tensor(values, { shape: [lengths.length, T], dtype: 'bool' });
}

/**
 * The course's look-ahead mask: `mask[i, j]` is true where query `i` may attend to key `j`, i.e.
 * `j ≤ i + (Tk − Tq)`. With `Tk = Tq` (the default) it is the lower triangle: position `i` sees
 * positions `0..i`. With `Tk > Tq` the queries are the last `Tq` positions of the `Tk` keys
 * (incremental decoding with a KV cache), so the last query sees every key.
 *
 * Shapes: bool `[Tq, Tk]`.
 * @example causalMask(3).toArray() // [[true, false, false], [true, true, false], [true, true, true]]
 */
export function causalMask(Tq: number, Tk = Tq): Tensor {
  assertCount(Tq, 'Tq', 'causalMask');
  assertCount(Tk, 'Tk', 'causalMask');
  const offset = Tk - Tq;
  const values = new Uint8Array(Tq * Tk);
  for (let i = 0; i < Tq; i++) values.fill(1, i * Tk, i * Tk + Math.max(0, Math.min(Tk, i + offset + 1)));
  return tensor(values, { shape: [Tq, Tk], dtype: 'bool' });
}
