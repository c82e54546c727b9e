/**
 * The browser mode's page: the same kernel cases as Node mode (`../cases/kernels.ts`), timed by the
 * same session code on ts, webgpu, tfjs-webgl, wasm and wasm-2t in this one page. The query string
 * (`protocol.ts`) filters cases and backends and fixes the number of runs; the result is left on
 * `window.dlkitBench`, and each measurement is logged (the driver echoes the console).
 */
import { adapterName } from '@dlkit/backend-webgpu';
import { kernelCases } from '../cases/kernels.js';
import { defaultTiming } from '../harness.js';
import { fixedRuns, runBackends, selectCases } from '../session.js';
import { browserBackends } from './backends.js';
import { fromSearch, type GraphicsInfo, type PageResult } from './protocol.js';

declare global {
  interface Window {
    dlkitBench?: PageResult;
  }
}

/** The adapter's device, and a line naming it (or saying why there is none). */
async function webgpuDevice(): Promise<{ device: GPUDevice | null; adapter: string | null; reason: string }> {
  if (navigator.gpu === undefined) return { device: null, adapter: null, reason: 'no WebGPU in this browser (navigator.gpu is undefined)' };
  const adapter = await navigator.gpu.requestAdapter();
  if (adapter === null) return { device: null, adapter: null, reason: 'navigator.gpu.requestAdapter() found no adapter' };
  // `adapter.info` in current browsers; `requestAdapterInfo()` (what @webgpu/types 0.1.38 declares) in older ones.
  const info = 'info' in adapter ? (adapter as GPUAdapter & { info: GPUAdapterInfo }).info : await adapter.requestAdapterInfo();
  return { device: await adapter.requestDevice(), adapter: adapterName(info), reason: '' };
}

function webglRenderer(): string | null {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (gl === null) return null;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(debug !== null ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

async function main(): Promise<PageResult> {
  const query = fromSearch(location.search);
  const gpu = await webgpuDevice();
  const graphics: GraphicsInfo = { webgpuAdapter: gpu.adapter, ...(gpu.device === null ? { noWebgpu: gpu.reason } : {}), webglRenderer: webglRenderer() };
  const entries = browserBackends(gpu.device, gpu.reason, new URL('./', location.href))
    .filter((b) => query.backend.length === 0 || query.backend.includes(b.name));
  const timing = query.runs !== undefined ? fixedRuns(query.runs) : defaultTiming;
  const run = await runBackends(entries, selectCases(kernelCases, query.only), timing);
  return { kind: 'done', ...run, graphics, userAgent: navigator.userAgent, crossOriginIsolated };
}

main()
  .then((result) => {
    window.dlkitBench = result;
  })
  .catch((error: unknown) => {
    window.dlkitBench = { kind: 'error', error: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error) };
  });
