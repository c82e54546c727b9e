/**
 * The page: checks `webgpuBackend` on the main thread, then serves the GPU to a worker that runs
 * core's whole conformance suite on `webgpuWorkerBackend` (`?ops=matmul,sum` runs only those
 * specs). It leaves a {@link PageResult} on `window.webgpuConformance`.
 */
import { registerBackend } from '@dlkit/core';
import { serveWebGPU, webgpuBackend } from '@dlkit/backend-webgpu';
import { describeDirect } from './direct-checks.js';
import type { PageResult, WorkerReport } from './protocol.js';
import { runCollected } from './vitest-shim.js';

declare global {
  interface Window {
    webgpuConformance?: PageResult;
  }
}

const log = document.getElementById('log')!;
const only = new URLSearchParams(location.search).get('ops');

async function main(): Promise<PageResult> {
  const adapter = navigator.gpu ? await navigator.gpu.requestAdapter() : null;
  if (adapter === null) return { kind: 'no-webgpu', reason: navigator.gpu ? 'requestAdapter() returned null' : 'navigator.gpu is undefined' };
  if (!crossOriginIsolated) return { kind: 'error', error: 'the page is not cross-origin isolated (SharedArrayBuffer)' };
  const direct = await webgpuBackend({ name: 'webgpu-direct' });
  registerBackend(direct);
  describeDirect(direct);
  const directResult = await runCollected((name, error) => {
    if (error !== null) log.textContent += `FAIL ${name}: ${error}\n`;
  });

  const worker = new Worker(new URL('./suite-worker.ts', import.meta.url), { type: 'module' });
  await serveWebGPU(worker);
  return new Promise((resolve) => {
    worker.addEventListener('message', (event: MessageEvent) => {
      const report = event.data as WorkerReport | { t?: string };
      if (!('report' in report)) return;
      if (report.report === 'log') log.textContent += `${report.line}\n`;
      else if (report.report === 'error') resolve({ kind: 'error', error: report.error });
      else resolve({ kind: 'done', suite: report.suite, paths: report.paths, direct: directResult });
    });
    worker.addEventListener('error', (event) => resolve({ kind: 'error', error: `worker: ${event.message}` }));
    worker.postMessage({ start: { ops: only ? only.split(',') : null } });
  });
}

main()
  .then((result) => {
    if (result.kind === 'done') log.textContent += `${result.suite.passed} passed, ${result.suite.failed.length} failed\n`;
    window.webgpuConformance = result;
  })
  .catch((error: unknown) => {
    window.webgpuConformance = { kind: 'error', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  });
