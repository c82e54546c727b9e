/**
 * Reference layer normalization over trailing dims, one example at a time.
 */
import { nd, type NdArray } from './array.js';

/**
 * `(x - μ) / √(σ² + ε) · γ + β` for each example of `x`: μ and the biased variance σ² over its
 * trailing `normalizedShape` dims (k dims flatten to one row), γ and β indexed like that row.
 */
export function layerNorm(
  x: NdArray,
  normalizedShape: number | readonly number[],
  options: { weight?: NdArray | null; bias?: NdArray | null; eps?: number } = {},
): NdArray {
  const eps = options.eps ?? 1e-5;
  const shape = typeof normalizedShape === 'number' ? [normalizedShape] : normalizedShape;
  const n = shape.reduce((p, d) => p * d, 1);
  const out = new Float64Array(x.data.length);
  for (let base = 0; base < x.data.length; base += n) {
    const row = Array.from(x.data.subarray(base, base + n));
    const mean = row.reduce((s, v) => s + v, 0) / n;
    const variance = row.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
    row.forEach((v, i) => {
      out[base + i] = ((v - mean) / Math.sqrt(variance + eps)) * (options.weight?.data[i] ?? 1) + (options.bias?.data[i] ?? 0);
    });
  }
  return nd(x.shape, out, x.dtype);
}
