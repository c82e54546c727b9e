import type { Backend } from '../backend/backend.js';
import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';

/**
 * When ops that take index tensors (`gather`, `scatterAdd`, `takeAlongAxis`,
 * `scatterAddAlongAxis`, `oneHot`, `crossEntropy`) check that every index is in range, and when
 * `binaryCrossEntropy` checks that its probabilities and targets lie in [0, 1]:
 *
 * - `'auto'` (default): on backends whose storage is host memory (`backend.hostStorage`, the `ts`
 *   backend), where reading the indices is a plain memory read; never on device backends (tfjs),
 *   where it would download the indices and stall the pipeline on every call;
 * - `'always'`: on every backend, at the cost of one download of the indices per call (debugging);
 * - `'never'`: nowhere.
 *
 * A failed check raises a `ValueError` naming the op, the index and the axis size. Unchecked
 * out-of-range indices give whatever the backend's kernel does with them (TensorFlow.js: zeros or
 * its own error), like unchecked indexing on a GPU; an unchecked `binaryCrossEntropy` gives NaN
 * for out-of-range values (outside `'never'`), never a plausible-looking wrong loss.
 */
export type IndexChecks = 'auto' | 'always' | 'never';

let mode: IndexChecks = 'auto';

/**
 * Sets when index tensors are validated (see {@link IndexChecks}); returns the previous mode.
 * @example
 * ```ts
 * setIndexChecks('always'); // while debugging a model on tfjs
 * ```
 */
export function setIndexChecks(next: IndexChecks): IndexChecks {
  if (next !== 'auto' && next !== 'always' && next !== 'never') {
    throw new ValueError(`setIndexChecks: expected 'auto', 'always' or 'never', got ${JSON.stringify(next)}`);
  }
  const previous = mode;
  mode = next;
  return previous;
}

/** The current {@link IndexChecks} mode. */
export function getIndexChecks(): IndexChecks {
  return mode;
}

/**
 * The first index of `indices` outside `[0, size)` (skipping `allowed`), with its flat position,
 * or null when all are in range or checks are off for this backend.
 */
export function findBadIndex(backend: Backend, indices: Tensor, size: number, allowed?: number): { value: number; position: number } | null {
  if (!valueChecksOn(backend)) return null;
  const values = indices.dataSync();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if ((v < 0 || v >= size) && v !== allowed) return { value: v, position: i };
  }
  return null;
}

/** Whether ops validate tensor values (a read of them) on `backend` under the current mode. */
export function valueChecksOn(backend: Backend): boolean {
  return mode === 'always' || (mode === 'auto' && backend.hostStorage === true);
}
