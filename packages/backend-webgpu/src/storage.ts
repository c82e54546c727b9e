/// <reference types="@webgpu/types" />
import type { WebGPUMemory } from './memory.js';

/**
 * One tensor's values on the GPU: a storage buffer of 4-byte elements (f32, i32, or u32 for bool)
 * and a reference count. Every handle core holds (a kernel's output, `shareStorage`, `reshape`)
 * counts once; the buffer is destroyed when the last one is released.
 */
export class GpuStorage {
  /** Handles that still refer to this buffer. */
  refs = 1;

  /**
   * @param buffer - at least 4 bytes (WebGPU cannot bind an empty buffer), `length` elements used
   * @param length - the number of elements
   * @param live - the count of live storage buffers this one is in (and leaves when destroyed)
   */
  constructor(
    readonly buffer: GPUBuffer,
    readonly length: number,
    readonly live: LiveBuffers,
  ) {
    live.buffers++;
    live.bytes += buffer.size;
  }

  /** Drops one reference; the last destroys the buffer (work already submitted still completes). */
  release(): void {
    if (--this.refs > 0) return;
    this.buffer.destroy();
    this.live.buffers--;
    this.live.bytes -= this.buffer.size;
  }
}

/** The running count of one device's live storage buffers: {@link WebGPUMemory}, updated in place. */
export type LiveBuffers = { -readonly [K in keyof WebGPUMemory]: WebGPUMemory[K] };

/** Bytes of a buffer holding `length` 4-byte elements; never 0. */
export const byteSize = (length: number): number => Math.max(4, length * 4);
