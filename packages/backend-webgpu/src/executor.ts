/// <reference types="@webgpu/types" />
import { tsBackend, type Conv2dAttrs, type NearestMode, type Pool2dAttrs, type ScanOp, type TensorInfo, type TypedArray } from '@dlkit/core';
import { Gpu } from './gpu.js';
import { binary, where } from './kernels/binary.js';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from './kernels/conv.js';
import { matmul } from './kernels/matmul.js';
import { avgPool2d, avgPool2dBackprop, maxPool2d, maxPool2dBackprop } from './kernels/pool.js';
import { reduce, softmax } from './kernels/reduce.js';
import * as resample from './kernels/resample.js';
import { scan, scatterAdd } from './kernels/scan.js';
import { topk } from './kernels/sort.js';
import { broadcastTo, concat, gather, pad, slice, takeAlongAxis, transpose } from './kernels/shape.js';
import { cast, clip, fill, unary } from './kernels/unary.js';
import { isTensorRef, type Arg, type Command, type TensorRef } from './protocol.js';
import { byteSize, GpuStorage } from './storage.js';

type Info = TensorInfo<GpuStorage>;
type KernelCommand = Extract<Command, { kind: 'kernel' }>;
/** A WGSL kernel: its storage, or `undefined` when it has none for these arguments (host fallback). */
type GpuKernel = (gpu: Gpu, args: readonly unknown[]) => GpuStorage | undefined;

const size = (shape: readonly number[]): number => shape.reduce((s, d) => s * d, 1);

/** The kernels that have WGSL; every other kernel (and these for unsupported dtypes) is a host fallback. */
const GPU_KERNELS: Partial<Record<KernelCommand['kernel'], GpuKernel>> = {
  fill: (gpu, [shape, value, dtype]) => fill(gpu, size(shape as number[]), value as number, dtype as Info['dtype']),
  unary: (gpu, [x, op, alpha]) => unary(gpu, x as Info, op as never, alpha as number),
  clip: (gpu, [x, min, max]) => clip(gpu, x as Info, min as number, max as number),
  binary: (gpu, [a, b, op, outShape]) => binary(gpu, a as Info, b as Info, op as never, outShape as number[]),
  where: (gpu, [c, a, b, outShape]) => where(gpu, c as Info, a as Info, b as Info, outShape as number[]),
  cast: (gpu, [x, dtype]) => cast(gpu, x as Info, dtype as Info['dtype']),
  reduce: (gpu, [x, op, axes, outShape]) => reduce(gpu, x as Info, op as never, axes as number[], outShape as number[]),
  matmul: (gpu, [a, b, ta, tb, outShape]) => matmul(gpu, a as Info, b as Info, ta as boolean, tb as boolean, outShape as number[]),
  transpose: (gpu, [x, perm]) => transpose(gpu, x as Info, perm as number[]),
  slice: (gpu, [x, begin, sizes, steps]) => slice(gpu, x as Info, begin as number[], sizes as number[], steps as number[]),
  broadcastTo: (gpu, [x, shape]) => broadcastTo(gpu, x as Info, shape as number[]),
  pad: (gpu, [x, paddings, value]) => pad(gpu, x as Info, paddings as [number, number][], value as number),
  concat: (gpu, [xs, axis, outShape]) => concat(gpu, xs as Info[], axis as number, outShape as number[]),
  gather: (gpu, [x, indices, axis, outShape]) => gather(gpu, x as Info, indices as Info, axis as number, outShape as number[]),
  takeAlongAxis: (gpu, [x, indices, axis]) => takeAlongAxis(gpu, x as Info, indices as Info, axis as number),
  conv2d: (gpu, [x, f, attrs, outShape]) => conv2d(gpu, x as Info, f as Info, attrs as Conv2dAttrs, outShape as number[]),
  conv2dBackpropInput: (gpu, [dy, f, attrs, inputShape]) => conv2dBackpropInput(gpu, dy as Info, f as Info, attrs as Conv2dAttrs, inputShape as number[]),
  conv2dBackpropFilter: (gpu, [x, dy, attrs, filterShape]) => conv2dBackpropFilter(gpu, x as Info, dy as Info, attrs as Conv2dAttrs, filterShape as number[]),
  maxPool2d: (gpu, [x, attrs, outShape]) => maxPool2d(gpu, x as Info, attrs as Pool2dAttrs, outShape as number[]),
  maxPool2dBackprop: (gpu, [dy, x, attrs]) => maxPool2dBackprop(gpu, dy as Info, x as Info, attrs as Pool2dAttrs),
  avgPool2d: (gpu, [x, attrs, outShape]) => avgPool2d(gpu, x as Info, attrs as Pool2dAttrs, outShape as number[]),
  avgPool2dBackprop: (gpu, [dy, attrs, inputShape]) => avgPool2dBackprop(gpu, dy as Info, attrs as Pool2dAttrs, inputShape as number[]),
  adaptiveAvgPool2d: (gpu, [x, outShape]) => resample.adaptiveAvgPool2d(gpu, x as Info, outShape as number[]),
  adaptiveAvgPool2dBackprop: (gpu, [dy, inputShape]) => resample.adaptiveAvgPool2dBackprop(gpu, dy as Info, inputShape as number[]),
  resizeBilinear: (gpu, [x, align, outShape]) => resample.resizeBilinear(gpu, x as Info, align as boolean, outShape as number[]),
  resizeBilinearBackprop: (gpu, [dy, align, inputShape]) => resample.resizeBilinearBackprop(gpu, dy as Info, align as boolean, inputShape as number[]),
  resizeNearest: (gpu, [x, mode, outShape]) => resample.resizeNearest(gpu, x as Info, mode as NearestMode, outShape as number[]),
  resizeNearestBackprop: (gpu, [dy, mode, inputShape]) => resample.resizeNearestBackprop(gpu, dy as Info, mode as NearestMode, inputShape as number[]),
  scan: (gpu, [x, op, axis, exclusive, reverse]) => scan(gpu, x as Info, op as ScanOp, axis as number, exclusive as boolean, reverse as boolean),
  scatterAdd: (gpu, [x, indices, updates, axis]) => scatterAdd(gpu, x as Info, indices as Info, updates as Info, axis as number, false),
  scatterAddAlongAxis: (gpu, [x, indices, updates, axis]) => scatterAdd(gpu, x as Info, indices as Info, updates as Info, axis as number, true),
  topk: (gpu, [x, k, largest]) => topk(gpu, x as Info, k as number, largest as boolean),
  softmax: (gpu, [x]) => softmax(gpu, x as Info, false),
  logSoftmax: (gpu, [x]) => softmax(gpu, x as Info, true),
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
      const viaGpu = GPU_KERNELS[command.kernel]?.(this.#gpu, args);
      const counts = viaGpu ? this.counts.gpu : this.counts.host;
      counts.set(command.kernel, (counts.get(command.kernel) ?? 0) + 1);
      this.#storages.set(command.out, viaGpu ?? (await this.#hostFallback(command.kernel, args)));
    }
  }

  /**
   * Core's ts kernel on read-back copies of the inputs, its result uploaded: the documented path of
   * every kernel without WGSL.
   */
  async #hostFallback(kernel: KernelCommand['kernel'], args: readonly unknown[]): Promise<GpuStorage> {
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
