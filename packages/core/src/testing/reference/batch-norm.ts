/**
 * Reference batch normalization over the last axis, element by element.
 */
import { build, type NdArray } from './array.js';

/** `(x - μ[c]) / √(σ²[c] + ε) · γ[c] + β[c]` at every element, `c` its last coordinate. */
export function batchNorm(
  x: NdArray,
  mean: NdArray,
  variance: NdArray,
  options: { weight?: NdArray | null; bias?: NdArray | null; eps?: number } = {},
): NdArray {
  const eps = options.eps ?? 1e-5;
  return build(x.shape, x.dtype, (coords) => {
    const flat = coords.reduce((f, v, d) => f * x.shape[d]! + v, 0);
    const c = coords[coords.length - 1]!;
    const normalized = (x.data[flat]! - mean.data[c]!) / Math.sqrt(variance.data[c]! + eps);
    return normalized * (options.weight?.data[c] ?? 1) + (options.bias?.data[c] ?? 0);
  });
}
