/// <reference types="@webgpu/types" />
import { byteSize, GpuStorage, type LiveBuffers } from './storage.js';

/**
 * The device, its compiled pipelines (one per kernel + dtype + variant key, compiled on first use)
 * and the dispatch of one kernel: inputs at bindings 0…k-1, the output at k, a `u32` parameter
 * array at k+1 (floats ride in it bit-cast).
 */
export class Gpu {
  readonly #pipelines = new Map<string, GPUComputePipeline>();
  /** Every storage {@link Gpu.allocate} made that is not yet destroyed. */
  readonly live: LiveBuffers = { buffers: 0, bytes: 0 };

  /** @param device - the WebGPU device every buffer and pipeline belongs to */
  constructor(readonly device: GPUDevice) {}

  /** A new uninitialised storage of `length` 4-byte elements. */
  allocate(length: number): GpuStorage {
    const buffer = this.device.createBuffer({
      size: byteSize(length),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
    return new GpuStorage(buffer, length, this.live);
  }

  /** The pipeline of `key`, compiling `code()` the first time. */
  pipeline(key: string, code: () => string): GPUComputePipeline {
    let pipeline = this.#pipelines.get(key);
    if (pipeline === undefined) {
      const module = this.device.createShaderModule({ code: code(), label: key });
      pipeline = this.device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' }, label: key });
      this.#pipelines.set(key, pipeline);
    }
    return pipeline;
  }

  /** Records and submits one dispatch of `key`'s pipeline over `groups` workgroups. */
  dispatch(key: string, code: () => string, inputs: readonly GpuStorage[], output: GpuStorage, params: Uint32Array, groups: readonly [number, number?, number?]): void {
    const pipeline = this.pipeline(key, code);
    const paramBuffer = this.device.createBuffer({ size: byteSize(params.length), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    this.device.queue.writeBuffer(paramBuffer, 0, params.length > 0 ? (params as Uint32Array<ArrayBuffer>) : new Uint32Array(1));
    const entries = [...inputs, output].map((s, binding) => ({ binding, resource: { buffer: s.buffer } }));
    entries.push({ binding: entries.length, resource: { buffer: paramBuffer } });
    const bindGroup = this.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
    const encoder = this.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(groups[0], groups[1] ?? 1, groups[2] ?? 1);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
    paramBuffer.destroy();
  }
}

/** Bit pattern of a float32 value, for the `u32` parameter array. */
export function f32Bits(value: number): number {
  return new Uint32Array(new Float32Array([value]).buffer)[0]!;
}
