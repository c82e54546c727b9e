/**
 * What the conformance suite is told about the WebGPU backend: WGSL has no float64; int32 is WGSL's
 * own i32, exact over its whole range; bool is one u32 per element. Float tolerances are the
 * CPU backends' (scale 1): the kernels compute sin/cos, erf, tanh, log1p themselves instead of
 * trusting SwiftShader's built-ins.
 */
export const WEBGPU_CAPS = { dtypes: ['float32', 'int32', 'bool'], toleranceScale: 1, exactInt32: true } as const;
