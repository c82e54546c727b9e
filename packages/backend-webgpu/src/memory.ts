/**
 * The GPU memory that holds a WebGPU backend's tensors, as `memory()` reports it (the idea of
 * TensorFlow.js's `tf.memory()`): one storage buffer per live tensor storage. Handles that share
 * storage (`reshape`, `shareStorage`) count once; the short-lived staging and parameter buffers of
 * a read or a dispatch, destroyed at once, are not counted. A training loop that releases what it
 * makes (`tidy`, `dispose`) keeps both numbers flat from step to step.
 *
 * @example
 * ```ts
 * const before = backend.memory();       // in a worker; `await backend.memory()` on the main thread
 * tidy(() => step());
 * console.log(backend.memory().buffers - before.buffers); // 0 once the loop is in steady state
 * ```
 */
export interface WebGPUMemory {
  /** Live storage buffers (`GPUBuffer`s not yet destroyed). */
  readonly buffers: number;
  /** Their sizes in bytes, summed (a buffer is at least 4 bytes, one per element of 4 bytes). */
  readonly bytes: number;
}
