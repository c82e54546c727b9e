/**
 * The backends of the browser page, in column order: ts (the baseline column), dlkit's WGSL
 * backend on the page's WebGPU adapter, `@dlkit/backend-tfjs` on TensorFlow.js's webgl engine,
 * and `@dlkit/backend-wasm` with 1 and 2 threads. A `setup()` that throws (no adapter, no WebGL 2,
 * no SharedArrayBuffer) leaves its column as `—` with the reason.
 */
import { registerBackend, setBackend, tidy, type Tensor } from '@dlkit/core';
import type { BackendEntry } from '../harness.js';

/** Reads `result` back (so queued GPU work is inside the timing), then frees it. */
async function readBack(result: Tensor): Promise<void> {
  await result.data();
  result.dispose();
}

/** ts, webgpu, tfjs-webgl, wasm, wasm-2t: `device` is the adapter's device (null: none, with `noDevice` saying why). */
export function browserBackends(device: GPUDevice | null, noDevice: string, wasmBase: URL): BackendEntry[] {
  return [
    {
      name: 'ts',
      description: "@dlkit/core's pure-TypeScript backend (single thread, the page's main thread)",
      setup: () => setBackend('ts'),
      activate: () => setBackend('ts'),
    },
    {
      name: 'webgpu',
      description: '@dlkit/backend-webgpu: WGSL compute kernels on the page\'s WebGPU device; each timed run ends with `await result.data()`',
      async setup() {
        if (device === null) throw new Error(noDevice);
        const { webgpuBackend } = await import('@dlkit/backend-webgpu');
        registerBackend(await webgpuBackend({ device }));
        setBackend('webgpu');
      },
      activate: () => setBackend('webgpu'),
      teardown: () => setBackend('ts'),
      // Frees each run's intermediates now rather than at garbage collection (GPU buffers).
      scope: (fn) => tidy(fn),
      sync: readBack,
    },
    {
      name: 'tfjs-webgl',
      description: '@dlkit/backend-tfjs on TensorFlow.js\'s webgl engine (WebGL 2 shaders); each timed run ends with `await result.data()`',
      async setup() {
        const { tfjsBackend } = await import('@dlkit/backend-tfjs');
        registerBackend(await tfjsBackend({ engine: 'webgl' }));
        setBackend('tfjs-webgl');
      },
      activate: () => setBackend('tfjs-webgl'),
      teardown: () => setBackend('ts'),
      scope: (fn) => tidy(fn),
      sync: readBack,
    },
    ...[1, 2].map((threads): BackendEntry => ({
      name: threads === 1 ? 'wasm' : `wasm-${threads}t`,
      description: `@dlkit/backend-wasm: WebAssembly SIMD, ${threads} thread${threads === 1 ? '' : 's (Web Workers on a SharedArrayBuffer: the page is cross-origin isolated)'}`,
      async setup() {
        const { wasmBackend } = await import('@dlkit/backend-wasm');
        const backend = await wasmBackend({ threads, wasmBase });
        registerBackend(backend);
        setBackend(backend.name);
      },
      activate: () => setBackend(threads === 1 ? 'wasm' : `wasm-${threads}t`),
      teardown: () => setBackend('ts'),
    })),
  ];
}
