/**
 * The worker that runs core's conformance suite on `webgpuWorkerBackend(self)`: its kernels run on
 * the page's thread (`serveWebGPU`), its reads block on a SharedArrayBuffer, so the suite's
 * synchronous `dataSync()` calls work as on any other backend.
 */
import { opSpecs, runBackendConformance } from '@dlkit/core/testing';
import { webgpuWorkerBackend } from '@dlkit/backend-webgpu';
import { WEBGPU_CAPS } from './caps.js';
import type { WorkerReport } from './protocol.js';
import { runCollected } from './vitest-shim.js';

const post = (report: WorkerReport): void => self.postMessage(report);

self.addEventListener('message', (event: MessageEvent) => {
  const start = event.data as { start?: { ops: string[] | null } };
  if (start.start === undefined) return;
  const only = start.start.ops;
  const backend = webgpuWorkerBackend(self);
  runBackendConformance(() => backend, WEBGPU_CAPS, {
    title: 'webgpu conformance',
    ...(only ? { specs: opSpecs.filter((spec) => only.includes(spec.name)) } : {}),
  });
  runCollected((name, error) => {
    if (error !== null) post({ report: 'log', line: `FAIL ${name}: ${error}` });
  })
    .then((suite) => post({ report: 'done', suite, paths: backend.kernelPaths() }))
    .catch((error: unknown) => post({ report: 'error', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }));
});
