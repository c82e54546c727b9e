/// <reference types="@webgpu/types" />
import { BackendError, type Backend } from '@dlkit/core';
import { Executor } from './executor.js';
import { frontEnd, type WebGPUHandle } from './frontend.js';
import type { WebGPUMemory } from './memory.js';

/** Options of {@link webgpuBackend}. */
export interface WebGPUBackendOptions {
  /** The device to run on (default: `navigator.gpu.requestAdapter()`'s default device). */
  readonly device?: GPUDevice;
  /** Registry name (default `'webgpu'`). */
  readonly name?: string;
}

/** How many kernel calls ran as WGSL and how many as host fallbacks, by kernel name. */
export interface KernelPaths {
  /** Calls that ran as WGSL compute kernels. */
  readonly gpu: Readonly<Record<string, number>>;
  /** Calls that ran core's ts kernel on read-back copies (see the README's table). */
  readonly host: Readonly<Record<string, number>>;
}

/** The WebGPU backend: core's {@link Backend} plus a count of which path each kernel call took. */
export interface WebGPUBackend extends Backend<WebGPUHandle> {
  /** The device the backend runs on. */
  readonly device: GPUDevice;
  /** Kernel calls so far, by path (WGSL or host fallback), once every queued call has run. */
  kernelPaths(): Promise<KernelPaths>;
  /**
   * The live storage buffers holding this backend's tensors, once every queued call has run.
   * @example `const { buffers, bytes } = await backend.memory();`
   */
  memory(): Promise<WebGPUMemory>;
}

/** The default device of the default adapter, or a BackendError saying what is missing. */
export async function requestWebGPUDevice(): Promise<GPUDevice> {
  const gpu = typeof navigator === 'undefined' ? undefined : navigator.gpu;
  if (gpu === undefined) throw new BackendError('webgpu: this environment has no WebGPU (navigator.gpu is undefined; in Chromium it needs a secure context)');
  const adapter = await gpu.requestAdapter();
  if (adapter === null) throw new BackendError('webgpu: navigator.gpu.requestAdapter() found no adapter');
  return adapter.requestDevice();
}

/**
 * The WebGPU backend in this thread. Kernels return at once and run in call order on the GPU; reads
 * are asynchronous only (`await t.data()`): `dataSync()`, `toArray()` and `item()` raise a
 * BackendError, since a browser's main thread cannot wait for GPU memory. Code that reads
 * synchronously runs in a worker with {@link webgpuWorkerBackend} instead.
 *
 * @example
 * ```ts
 * import { registerBackend, setBackend, randn, matmul } from '@dlkit/core';
 * import { webgpuBackend } from '@dlkit/backend-webgpu';
 *
 * const b = await webgpuBackend();
 * registerBackend(b);
 * setBackend('webgpu');
 * const y = matmul(randn([256, 128]), randn([128, 64])).relu(); // [256, 64], on the GPU
 * console.log(await y.data());
 * ```
 */
export async function webgpuBackend(options: WebGPUBackendOptions = {}): Promise<WebGPUBackend> {
  const device = options.device ?? (await requestWebGPUDevice());
  const executor = new Executor(device);
  const backend = frontEnd(options.name ?? 'webgpu', {
    submit: (command) => executor.submit(command),
    upload: (out, values) => executor.upload(out, values),
    read: (ref) => executor.read(ref),
  });
  return { ...backend, device, kernelPaths: () => executor.kernelPaths(), memory: () => executor.memory() };
}
