/**
 * `@dlkit/backend-webgpu`: dlkit's own GPU backend, WGSL compute kernels on WebGPU.
 *
 * @packageDocumentation
 */
export { WEBGPU_DTYPES } from './dtypes.js';
export { webgpuBackend, requestWebGPUDevice, type WebGPUBackend, type WebGPUBackendOptions, type KernelPaths } from './backend.js';
export { MAX_COMMANDS_AHEAD, serveWebGPU, webgpuWorkerBackend, type MessageEndpoint, type WebGPUServer, type WebGPUWorkerBackend } from './remote.js';
export type { WebGPUHandle } from './frontend.js';
export type { WebGPUMemory } from './memory.js';
export { adapterName, type AdapterInfoLike } from './adapter.js';
