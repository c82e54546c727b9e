import { layerNormRows, layerNormRowsBackprop } from '../backend/compose.js';
import { isFloat } from '../dtype.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';
import { formatShape, shapesEqual, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { add, mul } from './binary.js';
import { assertTensor } from './primitive.js';
import { reshape } from './shape.js';

/** Options of {@link layerNorm}. */
export interface LayerNormFunctionOptions {
  /** Scale γ shaped `normalizedShape` (default none: 1). */
  weight?: Tensor | null;
  /** Shift β shaped `normalizedShape` (default none: 0). */
  bias?: Tensor | null;
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
}

/**
 * Layer normalization (PyTorch's `F.layer_norm`): each example normalized over its trailing dims
 * `normalizedShape`, `out = (x - μ) / √(σ² + ε) · γ + β` with `μ` and the biased variance `σ²`
 * taken over those dims. Differentiable in `x`, `weight` and `bias`, to any order.
 *
 * Shapes: `x [..., ...normalizedShape]` → the same shape; `weight`, `bias` are `normalizedShape`.
 * `nn.LayerNorm` uses it. Backends with the fused `layerNorm` kernels normalize each row in one
 * kernel and its gradient in another; others run a composition of public ops.
 * @example
 * ```ts
 * const y = layerNorm(randn([8, 20, 512]), 512, { weight: gamma, bias: beta }); // gamma, beta: [512]
 * ```
 */
export function layerNorm(x: Tensor, normalizedShape: number | readonly number[], options: LayerNormFunctionOptions = {}): Tensor {
  const where = 'layerNorm';
  assertTensor(x, where);
  if (!isFloat(x.dtype)) throw new DTypeError(`${where}: expected a float input, got ${x.dtype}`);
  const shape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
  if (shape.length === 0 || !shape.every((d) => Number.isInteger(d) && d >= 1)) {
    throw new ShapeError(`${where}: normalizedShape must be one or more positive integer sizes, got [${shape.join(', ')}]`);
  }
  const k = shape.length;
  if (x.rank < k || !shapesEqual(x.shape.slice(x.rank - k), shape)) {
    throw new ShapeError(`${where}: expected input [..., ${shape.join(', ')}], got ${formatShape(x.shape)}`);
  }
  const eps = options.eps ?? 1e-5;
  if (!(Number.isFinite(eps) && eps >= 0)) throw new ValueError(`${where}: eps must be a finite number >= 0, got ${eps}`);
  const affine: [string, Tensor | null | undefined][] = [['weight', options.weight], ['bias', options.bias]];
  for (const [name, t] of affine) {
    if (t === null || t === undefined) continue;
    assertTensor(t, where, name);
    if (!shapesEqual(t.shape, shape)) throw new ShapeError(`${where}: ${name} must have shape ${formatShape(shape)} (normalizedShape), got ${formatShape(t.shape)}`);
    if (t.dtype !== x.dtype) throw new DTypeError(`${where}: ${name} must have the input's dtype ${x.dtype}, got ${t.dtype}`);
  }
  // The normalized dims are contiguous and trailing, so rows of their product are the examples.
  const rows = k === 1 ? x : reshape(x, [...x.shape.slice(0, x.rank - k), sizeOf(shape)]);
  const normalized = k === 1 ? layerNormRows(rows, eps) : reshape(layerNormRows(rows, eps), x.shape);
  const scaled = options.weight ? mul(normalized, options.weight) : normalized;
  return options.bias ? add(scaled, options.bias) : scaled;
}

// ---- gradients ----

export function layerNormGrad(dy: Tensor, [x]: readonly Tensor[], y: Tensor, { eps }: { eps: number }): (Tensor | null)[] {
  return [layerNormRowsBackprop(dy, x!, y, eps)];
}
