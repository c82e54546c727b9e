import { ShapeError } from '../errors.js';
import { formatShape, shapesEqual } from '../shape.js';
import type { FloatDType } from '../dtype.js';
import type { Tensor } from '../tensor.js';
import { full, zeros } from '../ops/creation.js';
import { layerNorm } from '../ops/layer-norm.js';
import { Module } from './module.js';
import { parameter } from './parameter.js';
import { assertFeatureCount } from './arguments.js';

/** Options of {@link LayerNorm}. */
export interface LayerNormOptions {
  /** Added to the variance (default 1e-5). */
  eps?: number;
  /** Learn a per-element scale and shift (default true). */
  elementwiseAffine?: boolean;
  /** Dtype of `weight` and `bias` (default `'float32'`). */
  dtype?: FloatDType;
}

/**
 * Layer normalization (Ba et al.): each example normalized over its last dims, the same in
 * training and eval. Transformers' normalization.
 *
 * Shapes: input `[..., ...normalizedShape]`; `weight` and `bias` are `normalizedShape`.
 * @example new LayerNorm(512).forward(randn([8, 20, 512]))
 */
export class LayerNorm extends Module {
  /** The trailing dims each example is normalized over, e.g. `[512]`. */
  readonly normalizedShape: readonly number[];
  /** Scale, shaped `normalizedShape`, initialized to ones; null with `elementwiseAffine: false`. */
  readonly weight: Tensor | null;
  /** Shift, shaped `normalizedShape`, initialized to zeros; null with `elementwiseAffine: false`. */
  readonly bias: Tensor | null;
  /** Added to the variance before the square root. */
  readonly eps: number;

  /**
   * Creates the layer with `weight` ones and `bias` zeros.
   *
   * @param normalizedShape - The trailing dims to normalize over: a size (`512`) or a shape (`[20, 512]`).
   * @param options - `eps`, `elementwiseAffine` and dtype.
   */
  constructor(normalizedShape: number | readonly number[], options: LayerNormOptions = {}) {
    super();
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    this.normalizedShape.forEach((d, i) => assertFeatureCount(d, `normalizedShape[${i}]`, 'LayerNorm'));
    this.eps = options.eps ?? 1e-5;
    const dtype = options.dtype ?? 'float32';
    const affine = options.elementwiseAffine ?? true;
    this.weight = affine ? parameter(full(this.normalizedShape, 1, { dtype })) : null;
    this.bias = affine ? parameter(zeros(this.normalizedShape, { dtype })) : null;
  }

  forward(x: Tensor): Tensor {
    const k = this.normalizedShape.length;
    if (x.rank < k || !shapesEqual(x.shape.slice(x.rank - k), this.normalizedShape)) {
      throw new ShapeError(`LayerNorm.forward: expected input [..., ${this.normalizedShape.join(', ')}], got ${formatShape(x.shape)}`);
    }
    return layerNorm(x, this.normalizedShape, { weight: this.weight, bias: this.bias, eps: this.eps });
  }
}
