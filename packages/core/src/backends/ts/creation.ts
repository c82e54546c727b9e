import type { DType, TypedArray } from '../../dtype.js';
import { allocate } from '../../dtype.js';
import { sizeOf, type Shape } from '../../shape.js';

/** A fresh typed array of `shape`'s size holding `value` (typed arrays start at zero, so 0 needs no pass). */
export function fill(shape: Shape, value: number, dtype: DType): TypedArray {
  const out = allocate(dtype, sizeOf(shape));
  if (value !== 0) out.fill(value);
  return out;
}
