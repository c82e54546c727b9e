/// <reference types="@webgpu/types" />
import { tsBackend, type OptionalKernels, type RequiredKernels, type TensorInfo, type TypedArray } from '@dlkit/core';
import { Gpu } from './gpu.js';
import { binary, where } from './kernels/binary.js';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from './kernels/conv.js';
import { matmul } from './kernels/matmul.js';
import { avgPool2d, avgPool2dBackprop, maxPool2d, maxPool2dBackprop } from './kernels/pool.js';
import { reduce, softmax } from './kernels/reduce.js';
import {
  adaptiveAvgPool2d, adaptiveAvgPool2dBackprop, resizeBilinear, resizeBilinearBackprop, resizeNearest, resizeNearestBackprop,
} from './kernels/resample.js';
import { scan, scatterAdd } from './kernels/scan.js';
import { topk } from './kernels/sort.js';
import { broadcastTo, concat, gather, pad, slice, takeAlongAxis, transpose } from './kernels/shape.js';
import { cast, clip, fill, unary } from './kernels/unary.js';
import { isTensorRef, type Arg, type Command, type CommandKernel, type ExecutedOptionalKernel, type TensorRef } from './protocol.js';
import { byteSize, GpuStorage } from './storage.js';
import type { WebGPUMemory } from './memory.js';

type Info = TensorInfo<GpuStorage>;
/** Core's kernel signatures on GPU storage (the executed optional kernels included). */
type Kernels = RequiredKernels<GpuStorage> & Required<Pick<OptionalKernels<GpuStorage>, ExecutedOptionalKernel>>;
/**
 * A WGSL kernel takes the device and exactly core's arguments of that kernel, and gives its result,
 * or `undefined` when it has no kernel for these arguments (then the host fallback runs).
 */
type GpuKernels = { readonly [K in CommandKernel]?: (gpu: Gpu, ...args: Parameters<Kernels[K]>) => GpuStorage | undefined };

const size = (shape: readonly number[]): number => shape.reduce((s, d) => s * d, 1);

/** The kernels that have WGSL; every other kernel (and these for unsupported dtypes) is a host fallback. */
const GPU_KERNELS: GpuKernels = {
  fill: (gpu, shape, value, dtype) => fill(gpu, size(shape), value, dtype),
  unary, clip, binary, where, cast, reduce, matmul,
  transpose, slice, broadcastTo, pad, concat, gather, takeAlongAxis,
  conv2d, conv2dBackpropInput, conv2dBackpropFilter,
  maxPool2d, maxPool2dBackprop, avgPool2d, avgPool2dBackprop,
  adaptiveAvgPool2d, adaptiveAvgPool2dBackprop, resizeBilinear, resizeBilinearBackprop, resizeNearest, resizeNearestBackprop,
  scan,
  scatterAdd: (gpu, x, indices, updates, axis) => scatterAdd(gpu, x, indices, updates, axis, false),
  scatterAddAlongAxis: (gpu, x, indices, updates, axis) => scatterAdd(gpu, x, indices, updates, axis, true),
  topk,
  softmax: (gpu, x) => softmax(gpu, x, false),
  logSoftmax: (gpu, x) => softmax(gpu, x, true),
};

/**
 * Runs {@link Command}s strictly in order against one device. WGSL kernels are recorded and
 * submitted at once; a host fallback waits for its inputs to be read back (`mapAsync`), runs core's
 * ts kernel on them and uploads the result, and every later command waits for it. Reads queue
 * behind everything submitted before them, so a read sees every earlier kernel's result.
 */
export class Executor {
  readonly #gpu: Gpu;
  readonly #storages = new Map<number, GpuStorage>();
  #tail: Promise<void> = Promise.resolve();
  #error: Error | undefined;
  /** How many commands each path ran, by kernel name. */
  readonly counts = { gpu: new Map<string, number>(), host: new Map<string, number>() };

  /** @param device - the device every buffer and pipeline lives on */
  constructor(readonly device: GPUDevice) {
    this.#gpu = new Gpu(device);
    device.addEventListener('uncapturederror', (event) => {
      this.#error ??= new Error(`WebGPU: ${(event as GPUUncapturedErrorEvent).error.message}`);
    });
  }

  /** The counts of {@link Executor.counts} once every queued command has run. */
  async kernelPaths(): Promise<{ gpu: Record<string, number>; host: Record<string, number> }> {
    await this.#tail;
    return { gpu: Object.fromEntries(this.counts.gpu), host: Object.fromEntries(this.counts.host) };
  }

  /** Resolves once every command queued so far has run. */
  async drained(): Promise<void> {
    await this.#tail;
  }

  /** The live storage buffers once every queued command has run (see {@link WebGPUMemory}). */
  async memory(): Promise<WebGPUMemory> {
    await this.#tail;
    return { ...this.#gpu.live };
  }

  /** Queues `command` after every earlier one; a failure is reported by the next read. */
  submit(command: Command): void {
    this.#tail = this.#tail.then(() => this.#run(command)).catch((error: unknown) => {
      this.#error ??= error instanceof Error ? error : new Error(String(error));
    });
  }

  /** Queues an upload of `values` (ownership passes here) as storage `out`. */
  upload(out: number, values: TypedArray): void {
    this.#tail = this.#tail.then(() => {
      this.#storages.set(out, this.#write(values));
    });
  }

  /** The values of `ref` once every earlier command has run, in its dtype's typed array. */
  read(ref: TensorRef): Promise<TypedArray> {
    const result = this.#tail.then(() => this.#read(ref));
    this.#tail = result.then(() => undefined, () => undefined);
    return result;
  }

  async #run(command: Command): Promise<void> {
    if (command.kind === 'release') {
      this.#storage(command.id).release();
      this.#storages.delete(command.id);
    } else if (command.kind === 'share') {
      const storage = this.#storage(command.of);
      storage.refs++;
      this.#storages.set(command.out, storage);
    } else {
      const args = command.args.map((arg) => this.#resolve(arg));
      // The front end forwards core's own arguments, so they fit the kernel's parameters.
      const kernel = GPU_KERNELS[command.kernel] as ((gpu: Gpu, ...a: unknown[]) => GpuStorage | undefined) | undefined;
      const viaGpu = kernel?.(this.#gpu, ...args);
      const counts = viaGpu ? this.counts.gpu : this.counts.host;
      counts.set(command.kernel, (counts.get(command.kernel) ?? 0) + 1);
      this.#storages.set(command.out, viaGpu ?? (await this.#hostFallback(command.kernel, args)));
    }
  }

  /**
   * Core's ts kernel on read-back copies of the inputs, its result uploaded: the documented path of
   * every kernel without WGSL.
   */
  async #hostFallback(kernel: CommandKernel, args: readonly unknown[]): Promise<GpuStorage> {
    const toHost = async (arg: unknown): Promise<unknown> => {
      if (isInfo(arg)) return { handle: await this.#download(arg), shape: arg.shape, dtype: arg.dtype };
      if (Array.isArray(arg) && arg.length > 0 && isInfo(arg[0])) return Promise.all(arg.map(toHost));
      return arg;
    };
    const hostArgs = await Promise.all(args.map(toHost));
    const run = (tsBackend as unknown as Record<string, (...a: unknown[]) => TypedArray>)[kernel]!;
    return this.#write(run(...hostArgs));
  }

  #resolve(arg: Arg): unknown {
    if (isTensorRef(arg)) return { handle: this.#storage(arg.$tensor), shape: arg.shape, dtype: arg.dtype } satisfies Info;
    if (Array.isArray(arg) && arg.length > 0 && isTensorRef(arg[0])) return (arg as TensorRef[]).map((ref) => this.#resolve(ref));
    return arg;
  }

  #storage(id: number): GpuStorage {
    const storage = this.#storages.get(id);
    if (storage === undefined) throw new Error(`webgpu: no storage ${id} (used after dispose?)`);
    return storage;
  }

  /** A new storage holding `values`; bool's bytes widen to u32, float64 inputs narrow to float32. */
  #write(values: TypedArray): GpuStorage {
    const storage = this.#gpu.allocate(values.length);
    const words = values instanceof Uint8Array ? Uint32Array.from(values) : values instanceof Float64Array ? Float32Array.from(values) : values;
    if (words.length > 0) this.device.queue.writeBuffer(storage.buffer, 0, words.buffer, words.byteOffset, words.byteLength);
    return storage;
  }

  /** Throws (once) the first error since the last read: a failed kernel or a WebGPU validation error. */
  #rethrow(): void {
    const error = this.#error;
    this.#error = undefined;
    if (error !== undefined) throw error;
  }

  async #read(ref: TensorRef): Promise<TypedArray> {
    this.#rethrow();
    return this.#download({ handle: this.#storage(ref.$tensor), shape: ref.shape, dtype: ref.dtype });
  }

  async #download(x: Info): Promise<TypedArray> {
    const length = size(x.shape);
    const staging = this.device.createBuffer({ size: byteSize(length), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(x.handle.buffer, 0, staging, 0, byteSize(length));
    this.device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const bytes = staging.getMappedRange().slice(0, length * 4);
    staging.unmap();
    staging.destroy();
    this.#rethrow();
    switch (x.dtype) {
      case 'float32':
        return new Float32Array(bytes);
      case 'int32':
        return new Int32Array(bytes);
      case 'bool':
        return Uint8Array.from(new Uint32Array(bytes));
      case 'float64':
        throw new Error('webgpu stores no float64');
    }
  }
}

function isInfo(arg: unknown): arg is Info {
  return typeof arg === 'object' && arg !== null && 'handle' in arg && (arg as Info).handle instanceof GpuStorage;
}
