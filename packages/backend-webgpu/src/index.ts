/**
 * `@dlkit/backend-webgpu`: dlkit's own GPU backend, WGSL compute kernels on WebGPU.
 *
 * @packageDocumentation
 */
export { WEBGPU_DTYPES } from './dtypes.js';
