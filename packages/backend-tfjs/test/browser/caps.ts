/**
 * How much looser than the CPU engines the webgl engine's float32 math may be in the conformance
 * suite. WebGL shaders evaluate `sin` and `cos` with their own approximations: on SwiftShader
 * they are off by up to 2e-4 (measured), over the default atol 1e-5 + rtol 1e-4; every other
 * op passes at scale 1.
 */
export const WEBGL_TOLERANCE_SCALE = 10;

// int32 tensors live in float32 textures on the GPU engines: exact for |x| ≤ 2²⁴ only, which the
// suite is told with `exactInt32: false`.
