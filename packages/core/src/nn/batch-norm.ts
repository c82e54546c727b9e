import { ShapeError, ValueError } from '../errors.js';
import { formatShape } from '../shape.js';
import type { FloatDType } from '../dtype.js';
import type { Tensor } from '../tensor.js';
import { noGrad } from '../autograd/grad-mode.js';
import { full, zeros } from '../ops/creation.js';
import { mean, variance } from '../ops/reduce.js';
import { rsqrt } from '../ops/unary.js';
import { Module } from './module.js';
import { parameter } from './parameter.js';
import { assertFeatureCount } from './arguments.js';

/** Options of {@link BatchNorm1d}. */
export interface BatchNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /** Weight of the new batch in the running averages (default 0.1, PyTorch's convention). */
  momentum?: number;
  /** Learn a scale γ and shift β (default true). */
  affine?: boolean;
  dtype?: FloatDType;
}

/**
 * Batch normalization over the batch (and any middle) dims, one statistic per feature in the last
 * dim: `ẑ = (z - μ)/√(σ² + ε)`, `out = γ·ẑ + β`.
 *
 * In training mode μ and σ² are the batch's (σ² biased) and the running averages are updated as
 * `running = (1 - momentum)·running + momentum·batch` (running variance unbiased, as PyTorch);
 * in eval mode the running statistics are used — the course's "batch norm at test time".
 *
 * Shapes: input `[m, C]` or `[m, L, C]`; `weight`, `bias`, `running_mean`, `running_var` are `[C]`.
 * @example new BatchNorm1d(64).forward(randn([32, 64]))
 */
export class BatchNorm1d extends Module {
  readonly weight: Tensor | null;
  readonly bias: Tensor | null;
  readonly runningMean: Tensor;
  readonly runningVar: Tensor;
  readonly numBatchesTracked: Tensor;
  readonly eps: number;
  readonly momentum: number;

  constructor(readonly numFeatures: number, options: BatchNormOptions = {}) {
    super();
    assertFeatureCount(numFeatures, 'numFeatures', 'BatchNorm1d');
    this.eps = options.eps ?? 1e-5;
    if (!(this.eps >= 0)) throw new ValueError(`BatchNorm1d: eps must be a non-negative number, got ${this.eps}`);
    this.momentum = options.momentum ?? 0.1;
    if (!(this.momentum >= 0 && this.momentum <= 1)) throw new ValueError(`BatchNorm1d: momentum must be in [0, 1], got ${this.momentum}`);
    const dtype = options.dtype ?? 'float32';
    const affine = options.affine ?? true;
    this.weight = affine ? parameter(full([numFeatures], 1, { dtype })) : null;
    this.bias = affine ? parameter(zeros([numFeatures], { dtype })) : null;
    this.runningMean = zeros([numFeatures], { dtype });
    this.runningVar = full([numFeatures], 1, { dtype });
    this.numBatchesTracked = zeros([], { dtype: 'int32' });
  }

  forward(x: Tensor): Tensor {
    if ((x.rank !== 2 && x.rank !== 3) || x.shape[x.rank - 1] !== this.numFeatures) {
      throw new ShapeError(`BatchNorm1d.forward: expected input [m, ${this.numFeatures}] or [m, L, ${this.numFeatures}], got ${formatShape(x.shape)}`);
    }
    const axes = x.rank === 2 ? [0] : [0, 1];
    let mu: Tensor;
    let sigma2: Tensor;
    if (this.training) {
      const count = axes.reduce((n, a) => n * x.shape[a]!, 1);
      if (count < 2) throw new ValueError(`BatchNorm1d.forward: training needs more than one value per feature, got ${formatShape(x.shape)}`);
      mu = mean(x, axes);
      sigma2 = variance(x, axes);
      noGrad(() => {
        const m = this.momentum;
        this.runningMean.assign(this.runningMean.mul(1 - m).add(mu.mul(m)));
        this.runningVar.assign(this.runningVar.mul(1 - m).add(sigma2.mul((m * count) / (count - 1))));
        this.numBatchesTracked.assign(this.numBatchesTracked.add(1));
      });
    } else {
      mu = this.runningMean;
      sigma2 = this.runningVar;
    }
    const normalized = x.sub(mu).mul(rsqrt(sigma2.add(this.eps)));
    return this.weight && this.bias ? normalized.mul(this.weight).add(this.bias) : normalized;
  }
}
