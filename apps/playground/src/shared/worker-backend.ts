/// <reference lib="webworker" />
/**
 * The worker side of the backend choice: switches core's current backend before a run and tells
 * the page which one it trains on.
 */
import { getBackend, registerBackend, setBackend } from '@dlkit/core';
import { webgpuWorkerBackend } from '@dlkit/backend-webgpu';
import type { BackendChoice, BackendMessage } from './backend-choice.js';

let webgpuRegistered = false;

/**
 * Makes `choice` core's current backend in this worker (the WebGPU one is created on first use and
 * runs its kernels where the page's `serveWebGPU(worker)` serves them), then posts a
 * {@link BackendMessage} naming it.
 * @example useBackend(self as unknown as DedicatedWorkerGlobalScope, 'webgpu'); // posts { type: 'backend', name: 'webgpu' }
 */
export function useBackend(scope: DedicatedWorkerGlobalScope, choice: BackendChoice): void {
  if (choice === 'webgpu' && !webgpuRegistered) {
    registerBackend(webgpuWorkerBackend(scope));
    webgpuRegistered = true;
  }
  setBackend(choice);
  scope.postMessage({ type: 'backend', name: getBackend().name } satisfies BackendMessage);
}
