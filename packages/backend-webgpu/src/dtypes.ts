import type { DType } from '@dlkit/core';

/**
 * The dtypes the WebGPU backend stores. WGSL has no 64-bit float, so float64 is left out (creating
 * a float64 tensor raises core's DTypeError); bool is stored as one `u32` (0 or 1) per element.
 *
 * @example
 * ```ts
 * WEBGPU_DTYPES.includes('float64'); // false
 * ```
 */
export const WEBGPU_DTYPES: readonly DType[] = ['float32', 'int32', 'bool'];
