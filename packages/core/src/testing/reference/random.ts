/**
 * Reference random op: dropout, whose only deterministic case is rate 0 (random masks are checked
 * as properties of the spec instead).
 */
import type { NdArray } from './array.js';

/** Dropout at rate 0 is the identity; any other rate has no deterministic reference. */
export function dropout(x: NdArray, rate: number): NdArray {
  if (rate !== 0) throw new Error('reference dropout: only rate 0 has a deterministic reference');
  return x;
}
