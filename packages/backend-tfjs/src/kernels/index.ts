/**
 * The adapter's kernels, one file per op family (the same names as core's `ops/<family>.ts`,
 * `backends/ts/<family>.ts` and `testing/specs/<family>.ts`), around a shared runtime.
 *
 * Adding a family: write `kernels/<family>.ts` exporting `<family>Kernels(rt: TfRuntime)` that
 * returns `Pick<Backend<TfHandle>, ...its kernel names>`; each kernel calls `rt.activate()`,
 * views inputs with `rt.arg`, makes size-0 results with `rt.empty` and returns through
 * `rt.done`. Spread it into the object below. A family that needs another's work imports that
 * family's exported helper (a function of the runtime and tf tensors, called inside `tf.tidy`),
 * never its kernels, so a kernel's views are never released by a nested call. `satisfies`
 * makes a missing or mistyped kernel a compile error.
 */
import type { Backend } from '@dlkit/core';
import { binaryKernels } from './binary.js';
import { convKernels } from './conv.js';
import { creationKernels } from './creation.js';
import { indexingKernels } from './indexing.js';
import { matmulKernels } from './matmul.js';
import { poolKernels } from './pool.js';
import { reduceKernels } from './reduce.js';
import { resizeKernels } from './resize.js';
import { scanKernels } from './scan.js';
import { createRuntime, type KernelContext, type TfHandle } from './runtime.js';
import { shapeKernels } from './shape.js';
import { softmaxKernels } from './softmax.js';
import { sortKernels } from './sort.js';
import { storageKernels } from './storage.js';
import { unaryKernels } from './unary.js';

export type { KernelContext, TfHandle } from './runtime.js';

/**
 * The dtypes the adapter stores. TensorFlow.js has no float64: creating or casting to it raises a
 * `DTypeError` naming the backend.
 */
export const TFJS_DTYPES = ['float32', 'int32', 'bool'] as const;

/**
 * Builds the dlkit kernels of one TensorFlow.js engine. Each kernel is the TensorFlow.js op it
 * wraps; the few kernels TensorFlow.js lacks (or implements with other semantics) are composed of
 * TensorFlow.js ops inside `tf.tidy`, so no intermediate outlives the call.
 */
export function createKernels(ctx: KernelContext): Backend<TfHandle> {
  const rt = createRuntime(ctx);
  return {
    name: ctx.name,
    dtypes: TFJS_DTYPES,
    ...storageKernels(rt),
    ...creationKernels(rt),
    ...unaryKernels(rt),
    ...binaryKernels(rt),
    ...reduceKernels(rt),
    ...softmaxKernels(rt),
    ...matmulKernels(rt),
    ...shapeKernels(rt),
    ...indexingKernels(rt),
    ...sortKernels(rt),
    ...scanKernels(rt),
    ...convKernels(rt),
    ...poolKernels(rt),
    ...resizeKernels(rt),
  } satisfies Backend<TfHandle>;
}
