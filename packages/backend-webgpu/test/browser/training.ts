/**
 * The training page: `window.dlkitTrain(job)` starts a fresh worker on webgpuWorkerBackend, serves
 * it the GPU and resolves with the worker's {@link TrainingResult}.
 */
import { serveWebGPU } from '@dlkit/backend-webgpu';
import type { TrainingJob, TrainingResult } from './training-protocol.js';

declare global {
  interface Window {
    dlkitTrain?: (job: TrainingJob) => Promise<TrainingResult>;
  }
}

window.dlkitTrain = async (job) => {
  const adapter = navigator.gpu ? await navigator.gpu.requestAdapter() : null;
  if (adapter === null) return { kind: 'no-webgpu', reason: navigator.gpu ? 'requestAdapter() returned null' : 'navigator.gpu is undefined' };
  if (!crossOriginIsolated) return { kind: 'error', error: 'the page is not cross-origin isolated (SharedArrayBuffer)' };
  const worker = new Worker(new URL('./training-worker.ts', import.meta.url), { type: 'module' });
  await serveWebGPU(worker);
  try {
    return await new Promise<TrainingResult>((resolve) => {
      worker.addEventListener('message', (event: MessageEvent) => {
        const data = event.data as { result?: TrainingResult };
        if (data.result !== undefined) resolve(data.result);
      });
      worker.addEventListener('error', (event) => resolve({ kind: 'error', error: `worker: ${event.message}` }));
      worker.postMessage({ job });
    });
  } finally {
    worker.terminate();
  }
};
