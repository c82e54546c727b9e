import { registerBackend, setBackend } from '@dlkit/core';
import type { BackendEntry } from './harness.js';
import { tfjsBackends } from './tfjs.js';

/**
 * The backends the suite runs on, in column order. To add one (e.g. `@dlkit/backend-tfjs` or raw
 * TensorFlow.js), append an entry whose `setup()` registers and selects it, e.g.
 *
 * ```ts
 * {
 *   name: 'tfjs-cpu',
 *   async setup() {
 *     const { tfjsBackend } = await import('@dlkit/backend-tfjs');
 *     registerBackend(await tfjsBackend({ engine: 'cpu' }));
 *     setBackend('tfjs-cpu');
 *   },
 *   sync: (t) => void t.dataSync(),
 * }
 * ```
 *
 * A `setup()` that throws marks the backend as unavailable on this machine; the run goes on.
 */
export const backends: readonly BackendEntry[] = [
  {
    name: 'ts',
    description: "@dlkit/core's pure-TypeScript backend (single thread)",
    setup: () => setBackend('ts'),
    activate: () => setBackend('ts'),
  },
  ...tfjsBackends,
  ...[1, 2].map((threads): BackendEntry => ({
    name: threads === 1 ? 'wasm' : `wasm-${threads}t`,
    description: `@dlkit/backend-wasm: WebAssembly SIMD (relaxed FMA where available), ${threads} thread${threads === 1 ? '' : 's'}`,
    async setup() {
      const { wasmBackend } = await import('@dlkit/backend-wasm');
      const backend = await wasmBackend({ threads });
      registerBackend(backend);
      setBackend(backend.name);
    },
    teardown: () => setBackend('ts'),
  })),
];
