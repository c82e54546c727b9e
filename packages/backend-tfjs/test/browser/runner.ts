/**
 * The page that runs core's backend conformance suite on a TensorFlow.js GPU engine in the
 * browser: `?engine=webgl` (default) or `webgpu`; `&ops=conv2d,matmul` runs only those specs
 * (for debugging). It leaves its result on `window.conformance`.
 */
import { opSpecs, runBackendConformance } from '@dlkit/core/testing';
import { tfjsBackend, TFJS_DTYPES } from '@dlkit/backend-tfjs';
import { WEBGL_TOLERANCE_SCALE } from './caps.js';
import { runCollected, type RunResult } from './vitest-shim.js';

declare global {
  interface Window {
    conformance?: RunResult | { error: string };
  }
}

const query = new URLSearchParams(location.search);
const engine = query.get('engine') === 'webgpu' ? 'webgpu' : 'webgl';
const only = query.get('ops')?.split(',');
const log = document.getElementById('log')!;

async function main(): Promise<void> {
  runBackendConformance(() => tfjsBackend({ engine }), { dtypes: TFJS_DTYPES, toleranceScale: WEBGL_TOLERANCE_SCALE, exactInt32: false }, {
    title: `tfjs-${engine} conformance`,
    ...(only ? { specs: opSpecs.filter((spec) => only.includes(spec.name)) } : {}),
  });
  const result = await runCollected((name, error) => {
    if (error !== null) log.textContent += `FAIL ${name}: ${error}\n`;
  });
  log.textContent += `${result.passed} passed, ${result.failed.length} failed\n`;
  window.conformance = result;
}

main().catch((error: unknown) => {
  window.conformance = { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
});
