/**
 * Which backend a page trains on, and whether this browser can offer WebGPU: plain logic with no
 * DOM, shared by every training page and its worker.
 */
import { adapterName, type AdapterInfoLike } from '@dlkit/backend-webgpu';

/** The backends a page can train on: core's pure-TypeScript `ts`, or `@dlkit/backend-webgpu`. */
export type BackendChoice = 'ts' | 'webgpu';

/**
 * What the backend control shows for each choice.
 * @example BACKEND_LABELS.webgpu // 'GPU (WebGPU)'
 */
export const BACKEND_LABELS: Readonly<Record<BackendChoice, string>> = { ts: 'CPU (TypeScript)', webgpu: 'GPU (WebGPU)' };

/** Whether the WebGPU option can be offered: the adapter's name, or why not. */
export type WebGPUAvailability = { readonly available: true; readonly adapter: string } | { readonly available: false; readonly reason: string };

/** What {@link probeWebGPU} looks at: `navigator.gpu` and `crossOriginIsolated`, or stand-ins in tests. */
export interface WebGPUEnvironment {
  readonly gpu?: { requestAdapter(): Promise<{ readonly info?: AdapterInfoLike } | null> };
  /** The worker backend blocks on a `SharedArrayBuffer`, which needs cross-origin isolation. */
  readonly crossOriginIsolated: boolean;
}

/**
 * Whether the page can train on WebGPU: it must be cross-origin isolated (the worker backend's
 * synchronous reads) and `navigator.gpu.requestAdapter()` must return an adapter.
 * @example await probeWebGPU({ gpu: navigator.gpu, crossOriginIsolated }) // { available: true, adapter: 'Google SwiftShader' }
 */
export async function probeWebGPU(env: WebGPUEnvironment): Promise<WebGPUAvailability> {
  if (!env.crossOriginIsolated) return { available: false, reason: 'the page is not cross-origin isolated (serve it with COOP same-origin and COEP require-corp)' };
  if (env.gpu === undefined) return { available: false, reason: 'this browser has no WebGPU (navigator.gpu is missing)' };
  try {
    const adapter = await env.gpu.requestAdapter();
    if (adapter === null) return { available: false, reason: 'the browser offers no WebGPU adapter' };
    return { available: true, adapter: adapterName(adapter.info) };
  } catch (error) {
    return { available: false, reason: `requestAdapter failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** What a training worker posts when a run starts: the backend it really trains on (core's backend name). */
export interface BackendMessage {
  readonly type: 'backend';
  readonly name: string;
}

/**
 * Whether a message from a training worker is the worker's own (it has a string `type`), not the
 * WebGPU backend's kernel traffic that `serveWebGPU` listens to on the same worker.
 * @example isTrainerMessage({ type: 'progress', step: 20 }) // true; isTrainerMessage({ t: 'cmd' }) // false
 */
export function isTrainerMessage(data: unknown): data is { readonly type: string } {
  return typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string';
}
