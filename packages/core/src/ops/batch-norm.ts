import { isFloat } from '../dtype.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { add, mul, sub } from './binary.js';
import { rsqrt } from './unary.js';

/** Options of {@link batchNorm}. */
export interface BatchNormFunctionOptions {
  /** Scale γ `[C]` (default none: 1). */
  weight?: Tensor | null;
  /** Shift β `[C]` (default none: 0). */
  bias?: Tensor | null;
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
}

/**
 * Batch normalization over the last (channel) axis of any rank, without transposes:
 * `out = (x - μ) / √(σ² + ε) · γ + β` with `μ`, `σ²`, `γ`, `β` of shape `[C]` broadcast along
 * `x: [..., C]` (NHWC images, `[m, C]` features, `[m, L, C]` sequences), as
 * `(x - μ) · scale + β` with `scale = γ/√(σ² + ε)` formed on `[C]`. Differentiable in every
 * tensor argument: pass the batch's `moments(x, axes)` for training mode (the gradient then flows
 * through the statistics), running statistics for eval mode. `nn.BatchNorm1d` and cnn's `BatchNorm2d` use it.
 * @example
 * ```ts
 * const { mean, variance } = moments(x, [0, 1, 2]); // x: [m, h, w, c]
 * const y = batchNorm(x, mean, variance, { weight: gamma, bias: beta });
 * ```
 */
export function batchNorm(x: Tensor, mean: Tensor, variance: Tensor, options: BatchNormFunctionOptions = {}): Tensor {
  const where = 'batchNorm';
  if (x.rank === 0) throw new ShapeError(`${where}: input must have a channel axis, got a scalar`);
  if (!isFloat(x.dtype)) throw new DTypeError(`${where}: expected a float input, got ${x.dtype}`);
  const channels = x.shape[x.rank - 1]!;
  const eps = options.eps ?? 1e-5;
  if (!(Number.isFinite(eps) && eps >= 0)) throw new ValueError(`${where}: eps must be a finite number >= 0, got ${eps}`);
  const named: [string, Tensor | null | undefined][] = [['mean', mean], ['variance', variance], ['weight', options.weight], ['bias', options.bias]];
  for (const [name, t] of named) {
    if (t === null || t === undefined) continue;
    if (t.rank !== 1 || t.shape[0] !== channels) {
      throw new ShapeError(`${where}: ${name} must have shape [${channels}] (the channels of input ${formatShape(x.shape)}), got ${formatShape(t.shape)}`);
    }
    if (t.dtype !== x.dtype) throw new DTypeError(`${where}: ${name} must have the input's dtype ${x.dtype}, got ${t.dtype}`);
  }
  // γ/√(σ² + ε) is formed on [C]; the full-size work is one subtract, one multiply and one add.
  const invStd = rsqrt(add(variance, eps));
  const scale = options.weight ? mul(invStd, options.weight) : invStd;
  const normalized = mul(sub(x, mean), scale);
  return options.bias ? add(normalized, options.bias) : normalized;
}
