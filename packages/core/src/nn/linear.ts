import { ShapeError } from '../errors.js';
import { formatShape } from '../shape.js';
import type { FloatDType } from '../dtype.js';
import type { Tensor } from '../tensor.js';
import { assertTensor } from '../ops/primitive.js';
import { Module } from './module.js';
import { parameter } from './parameter.js';
import { uniform, zeros, type Initializer } from './init.js';
import { assertFeatureCount } from './arguments.js';

/** Options of {@link Linear}. */
export interface LinearOptions {
  /** Add a bias `b` (default true). */
  bias?: boolean;
  /** Dtype of the weight and bias (default `'float32'`). */
  dtype?: FloatDType;
  /** Weight initializer; default PyTorch's `U(±1/√in)`. */
  weightInit?: Initializer;
  /** Bias initializer; default PyTorch's `U(±1/√in)` (zeros when `in` is 0, as PyTorch). */
  biasInit?: Initializer;
}

/**
 * Fully connected layer `z = x·Wᵀ + b`: the course's `Z[l] = W[l]A[l-1] + b[l]`, batch first.
 *
 * Shapes: `weight [out, in]` (the course's `(n[l], n[l-1])`), `bias [out]`;
 * input `[..., in]` → output `[..., out]`. Either size may be 0, as in PyTorch: `Linear(0, n)` maps
 * `[m, 0]` to its bias (zeros), `Linear(n, 0)` gives `[m, 0]`.
 * @example new Linear(784, 10).forward(randn([32, 784])) // [32, 10]
 */
export class Linear extends Module {
  /** Weight `W`, `[outFeatures, inFeatures]`. */
  readonly weight: Tensor;
  /** Bias `b`, `[outFeatures]`; null with `bias: false`. */
  readonly bias: Tensor | null;

  /**
   * Creates the layer with freshly initialized `weight` and `bias`.
   *
   * @param inFeatures - Size of the input's last dim.
   * @param outFeatures - Size of the output's last dim.
   * @param options - Bias, dtype and initializers.
   */
  constructor(readonly inFeatures: number, readonly outFeatures: number, options: LinearOptions = {}) {
    super();
    assertFeatureCount(inFeatures, 'inFeatures', 'Linear');
    assertFeatureCount(outFeatures, 'outFeatures', 'Linear');
    // PyTorch's bound 1/√in; with no inputs there is nothing to scale, and the bias starts at 0.
    const defaultInit = inFeatures > 0 ? uniform(-1 / Math.sqrt(inFeatures), 1 / Math.sqrt(inFeatures)) : zeros();
    const dtype = options.dtype ?? 'float32';
    this.weight = parameter((options.weightInit ?? defaultInit)([outFeatures, inFeatures], { dtype }));
    this.bias = options.bias === false ? null : parameter((options.biasInit ?? defaultInit)([outFeatures], { dtype }));
  }

  forward(x: Tensor): Tensor {
    assertTensor(x, 'Linear.forward');
    if (x.shape[x.rank - 1] !== this.inFeatures) {
      throw new ShapeError(`Linear.forward: expected input [..., ${this.inFeatures}], got ${formatShape(x.shape)}`);
    }
    const z = x.matmul(this.weight.transpose());
    return this.bias ? z.add(this.bias) : z;
  }

  /** `output.size · inFeatures`: one multiply–accumulate per weight and output row (the bias adds none). */
  override macs(_inputs: [Tensor], output: Tensor): number {
    return output.size * this.inFeatures;
  }
}
