/// <reference types="@webgpu/types" />
import { BackendError, type Backend, type TypedArray } from '@dlkit/core';
import { requestWebGPUDevice, type KernelPaths } from './backend.js';
import { Executor } from './executor.js';
import { frontEnd, type WebGPUHandle } from './frontend.js';
import type { WebGPUMemory } from './memory.js';
import type { Command, TensorRef } from './protocol.js';

/** The part of a `Worker`, `MessagePort` or worker global scope that the two ends talk through. */
export interface MessageEndpoint {
  /** Sends one message. */
  postMessage(message: unknown): void;
  /** Receives messages. */
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

type Request =
  | { readonly t: 'cmd'; readonly command: Command }
  | { readonly t: 'upload'; readonly out: number; readonly values: TypedArray }
  | { readonly t: 'read'; readonly ref: TensorRef; readonly shared: SharedArrayBuffer }
  | { readonly t: 'paths' | 'memory' | 'sync'; readonly shared: SharedArrayBuffer };

// A read's shared buffer: [state, byte length] as int32, then the bytes (the values, or an error message).
const PENDING = 0;
const DONE = 1;
const FAILED = 2;
const HEADER = 8;
/**
 * The most commands a worker posts before it waits for the serving thread to have run them: an
 * unbounded lead grows the serving thread's message queue and slows every later step.
 * @example `MAX_COMMANDS_AHEAD // 1024: a training step of ~120 kernels waits about every 8 steps`
 */
export const MAX_COMMANDS_AHEAD = 1024;

/** The GPU end of a {@link webgpuWorkerBackend}: what {@link serveWebGPU} returns. */
export interface WebGPUServer {
  /** The device the worker's kernels run on. */
  readonly device: GPUDevice;
}

/**
 * Runs the kernels of a {@link webgpuWorkerBackend} in this thread (e.g. the page's main thread),
 * for the worker at `endpoint`. The page must be cross-origin isolated (`SharedArrayBuffer`).
 *
 * @example
 * ```ts
 * // page
 * const worker = new Worker(new URL('./train.js', import.meta.url), { type: 'module' });
 * await serveWebGPU(worker);
 * ```
 */
export async function serveWebGPU(endpoint: MessageEndpoint, options: { readonly device?: GPUDevice } = {}): Promise<WebGPUServer> {
  const device = options.device ?? (await requestWebGPUDevice());
  const executor = new Executor(device);
  const answer = (shared: SharedArrayBuffer, state: number, bytes: Uint8Array): void => {
    // The reader sized the buffer for the values; an error message longer than its room is cut.
    const length = Math.min(bytes.length, shared.byteLength - HEADER);
    new Uint8Array(shared, HEADER, length).set(bytes.subarray(0, length));
    const header = new Int32Array(shared, 0, 2);
    header[1] = length;
    Atomics.store(header, 0, state);
    Atomics.notify(header, 0);
  };
  const fail = (shared: SharedArrayBuffer, error: unknown): void =>
    answer(shared, FAILED, new TextEncoder().encode(error instanceof Error ? error.message : String(error)));
  endpoint.addEventListener('message', (event) => {
    const request = event.data as Request;
    switch (request.t) {
      case 'cmd':
        return executor.submit(request.command);
      case 'upload':
        return executor.upload(request.out, request.values);
      case 'read':
        executor.read(request.ref).then(
          (values) => answer(request.shared, DONE, new Uint8Array(values.buffer, values.byteOffset, values.byteLength)),
          (error: unknown) => fail(request.shared, error),
        );
        return;
      case 'sync':
        executor.drained().then(() => answer(request.shared, DONE, new Uint8Array(0)), (error: unknown) => fail(request.shared, error));
        return;
      case 'paths':
      case 'memory':
        (request.t === 'paths' ? executor.kernelPaths() : executor.memory()).then(
          (report) => answer(request.shared, DONE, new TextEncoder().encode(JSON.stringify(report))),
          (error: unknown) => fail(request.shared, error),
        );
    }
  });
  return { device };
}

/** The worker end: core's {@link Backend} plus the count of which path each kernel call took. */
export interface WebGPUWorkerBackend extends Backend<WebGPUHandle> {
  /** Kernel calls so far, by path (WGSL or host fallback), once every queued call has run. */
  kernelPaths(): KernelPaths;
  /**
   * The live storage buffers holding this backend's tensors on the serving thread's device, once
   * every call posted so far has run (blocks like a read).
   * @example `const { buffers, bytes } = backend.memory();`
   */
  memory(): WebGPUMemory;
}

const ARRAYS = { float32: Float32Array, int32: Int32Array, bool: Uint8Array } as const;

/**
 * The WebGPU backend for a worker whose kernels run where {@link serveWebGPU} serves them
 * (`endpoint` is the worker's own global scope or a port to that thread). Unlike
 * {@link webgpuBackend} it reads synchronously — `dataSync()`, `toArray()`, `item()` — by blocking
 * the worker (`Atomics.wait`) until the GPU thread has copied the values into a
 * `SharedArrayBuffer`, so every dlkit API works; `data()` blocks the same way. After
 * {@link MAX_COMMANDS_AHEAD} commands without a read it also waits until the GPU thread has run
 * them, so a loop that never reads cannot run arbitrarily far ahead.
 *
 * @example
 * ```ts
 * // worker (the page called serveWebGPU(worker))
 * const b = webgpuWorkerBackend(self);
 * registerBackend(b);
 * setBackend('webgpu');
 * console.log(randn([3]).relu().toArray());
 * ```
 */
export function webgpuWorkerBackend(endpoint: MessageEndpoint, options: { readonly name?: string } = {}): WebGPUWorkerBackend {
  if (typeof SharedArrayBuffer === 'undefined') {
    throw new BackendError('webgpuWorkerBackend needs SharedArrayBuffer: serve the page cross-origin isolated (COOP same-origin, COEP require-corp)');
  }
  let ahead = 0;
  const wait = (request: (shared: SharedArrayBuffer) => Request, bytes: number): Uint8Array => {
    ahead = 0;
    const shared = new SharedArrayBuffer(HEADER + Math.max(bytes, 4096));
    endpoint.postMessage(request(shared));
    const header = new Int32Array(shared, 0, 2);
    Atomics.wait(header, 0, PENDING);
    const body = new Uint8Array(shared, HEADER, header[1]!).slice();
    if (Atomics.load(header, 0) === FAILED) throw new BackendError(`webgpu: ${new TextDecoder().decode(body)}`);
    return body;
  };
  const readSync = (ref: TensorRef): TypedArray => {
    const count = ref.shape.reduce((s, d) => s * d, 1);
    const width = ref.dtype === 'bool' ? 1 : 4;
    const body = wait((shared) => ({ t: 'read', ref, shared }), count * width);
    if (ref.dtype === 'float64') throw new BackendError('webgpu stores no float64');
    return new ARRAYS[ref.dtype](body.buffer as ArrayBuffer, 0, count);
  };
  const backend = frontEnd(options.name ?? 'webgpu', {
    submit: (command) => {
      endpoint.postMessage({ t: 'cmd', command } satisfies Request);
      if (++ahead >= MAX_COMMANDS_AHEAD) wait((shared) => ({ t: 'sync', shared }), 0);
    },
    upload: (out, values) => endpoint.postMessage({ t: 'upload', out, values } satisfies Request),
    read: (ref) => Promise.resolve().then(() => readSync(ref)),
    readSync,
  });
  const report = (t: 'paths' | 'memory'): unknown => JSON.parse(new TextDecoder().decode(wait((shared) => ({ t, shared }), 1 << 16)));
  return { ...backend, kernelPaths: () => report('paths') as KernelPaths, memory: () => report('memory') as WebGPUMemory };
}
