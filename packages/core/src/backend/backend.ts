import type { DType } from '../dtype.js';
import type { OptionalKernels, RequiredKernels } from './kernels.js';

/**
 * A compute backend: a plain object with a name, the dtypes it stores, and the kernels.
 * A missing required kernel is a compile error; optional ones are composed by core.
 *
 * @example
 * ```ts
 * registerBackend(myBackend);
 * setBackend(myBackend.name);
 * ```
 */
export interface Backend<H = unknown> extends RequiredKernels<H>, OptionalKernels<H> {
  /** Unique registry name, e.g. `'ts'` or `'tfjs-wasm'`. */
  readonly name: string;
  /** The dtypes this backend can store; creating a tensor of another dtype raises a DTypeError. */
  readonly dtypes: readonly DType[];
  /**
   * True when storage is ordinary host memory that `download` copies without a transfer or a
   * device sync (the `ts` backend). Ops then validate index tensors on every call by default;
   * elsewhere only when {@link setIndexChecks} asks for it (see there).
   */
  readonly hostStorage?: boolean;
}
