import type { KernelPaths } from '@dlkit/backend-webgpu';
import type { RunResult } from './vitest-shim.js';

/** What the page leaves on `window.webgpuConformance` for the node side of the test. */
export type PageResult =
  | { readonly kind: 'no-webgpu'; readonly reason: string }
  | { readonly kind: 'error'; readonly error: string }
  | {
      readonly kind: 'done';
      /** The suite in a worker on webgpuWorkerBackend (synchronous reads). */
      readonly suite: RunResult;
      /** Which path each kernel call of the suite took. */
      readonly paths: KernelPaths;
      /** Checks of webgpuBackend on the page's main thread (asynchronous reads only). */
      readonly direct: RunResult;
    };

/** The worker's messages to the page (besides the backend's own). */
export type WorkerReport = { readonly report: 'log'; readonly line: string } | { readonly report: 'done'; readonly suite: RunResult; readonly paths: KernelPaths } | { readonly report: 'error'; readonly error: string };
