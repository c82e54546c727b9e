import { OPTIONAL_KERNELS, type Backend, type RequiredKernels } from '@dlkit/core';

/**
 * A copy of `backend` with every optional kernel removed, registered under `name`: running the
 * conformance suite on it tests core's fallbacks (`backend/compose.ts`) instead of the fused
 * kernels. Removing `dispose` too leaves storage to the garbage collector, so the copy stays valid.
 *
 * @example
 * ```ts
 * runBackendConformance(() => withoutOptionalKernels(tsBackend, 'ts-required-only'), { dtypes: ['float32', 'float64', 'int32', 'bool'] });
 * ```
 */
export function withoutOptionalKernels<H>(backend: Backend<H>, name: string): Backend<H> {
  const optional: ReadonlySet<string> = new Set(OPTIONAL_KERNELS);
  const kept = Object.entries(backend).filter(([key]) => !optional.has(key));
  return { ...(Object.fromEntries(kept) as unknown as RequiredKernels<H>), name, dtypes: backend.dtypes };
}
