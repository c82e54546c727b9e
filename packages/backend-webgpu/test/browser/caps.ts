/**
 * What the conformance suite is told about the WebGPU backend. WGSL has no float64; int32 is
 * WGSL's own i32, exact over its whole range; bool is a u32 per element.
 */
export const WEBGPU_CAPS = { dtypes: ['float32', 'int32', 'bool'], toleranceScale: 10, exactInt32: true } as const;
