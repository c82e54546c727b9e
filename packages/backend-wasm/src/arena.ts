import { BackendError } from '@dlkit/core';

/**
 * Scratch memory of one kernel call inside the wasm memory: a bump allocator reset at the start of
 * every kernel. Tensors live in JS typed arrays between kernels, so wasm memory only ever grows to
 * the largest single call's working set and then stays flat.
 */
export class Arena {
  private top: number;
  private f32View: Float32Array;
  private highWater: number;

  constructor(readonly memory: WebAssembly.Memory, private readonly base: number) {
    this.top = base;
    this.highWater = base;
    this.f32View = new Float32Array(memory.buffer);
  }

  /** Frees everything allocated since the last reset. */
  reset(): void {
    this.top = this.base;
  }

  /** A 64-byte aligned block of `bytes` bytes, growing the memory when needed; returns its byte address. */
  alloc(bytes: number): number {
    const ptr = this.top;
    this.top = ptr + Math.ceil(bytes / 64) * 64;
    if (this.top > this.highWater) this.highWater = this.top;
    const have = this.memory.buffer.byteLength;
    if (this.top > have) {
      try {
        this.memory.grow(Math.ceil((this.top - have) / 65536));
      } catch {
        const need = this.top - this.base;
        this.top = ptr;
        throw new BackendError(`wasmBackend: a kernel needs ${need} bytes of wasm memory, more than the module's maximum (${have} bytes now, at most 2 GiB); split the work into smaller calls`);
      }
    }
    return ptr;
  }

  /** Copies `values` into a new block; returns its byte address. */
  put(values: Float32Array): number {
    const ptr = this.alloc(values.length * 4);
    this.f32().set(values, ptr >> 2);
    return ptr;
  }

  /** A float32 view of the whole memory (remade after the memory grew). */
  f32(): Float32Array {
    if (this.f32View.byteLength !== this.memory.buffer.byteLength) this.f32View = new Float32Array(this.memory.buffer);
    return this.f32View;
  }

  /** An int32 view of `count` words at byte address `ptr`. */
  i32(ptr: number, count: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, count);
  }

  /** A copy of `count` floats at byte address `ptr`, as a fresh Float32Array. */
  take(ptr: number, count: number): Float32Array {
    return this.f32().slice(ptr >> 2, (ptr >> 2) + count);
  }

  /** Bytes of wasm memory and the most the arena ever used (both stay flat in a steady loop). */
  stats(): { memoryBytes: number; highWaterBytes: number } {
    return { memoryBytes: this.memory.buffer.byteLength, highWaterBytes: this.highWater - this.base };
  }
}
