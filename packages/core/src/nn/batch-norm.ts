import { ShapeError, ValueError } from '../errors.js';
import { formatShape } from '../shape.js';
import type { FloatDType } from '../dtype.js';
import type { Tensor } from '../tensor.js';
import { noGrad } from '../autograd/grad-mode.js';
import { full, zeros } from '../ops/creation.js';
import { batchNorm } from '../ops/batch-norm.js';
import { moments } from '../ops/reduce.js';
import { Module } from './module.js';
import { parameter } from './parameter.js';
import { assertFeatureCount } from './arguments.js';

/** Options of {@link BatchNorm1d} and {@link BatchNorm2d}. */
export interface BatchNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /** Weight of the new batch in the running averages (default 0.1, PyTorch's convention). */
  momentum?: number;
  /** Learn a scale γ and shift β (default true). */
  affine?: boolean;
  /** Dtype of the parameters and running statistics (default `'float32'`). */
  dtype?: FloatDType;
}

/**
 * Batch normalization over every dim but the last, one statistic per channel in the last dim:
 * `ẑ = (z - μ)/√(σ² + ε)`, `out = γ·ẑ + β` — the functional {@link batchNorm} on the batch's
 * {@link moments} (training) or the running statistics (eval), with no transposes.
 *
 * In training mode μ and σ² are the batch's (σ² biased) and the running averages are updated as
 * `running = (1 - momentum)·running + momentum·batch` (running variance unbiased, as PyTorch);
 * in eval mode the running statistics are used — the course's "batch norm at test time".
 * `weight`, `bias`, `running_mean`, `running_var` are `[C]` (PyTorch's names and layouts).
 *
 * The subclasses fix which input ranks they take (their own {@link BatchNorm.checkInput}).
 */
export abstract class BatchNorm extends Module {
  /** Scale γ, `[numFeatures]`, initialized to ones; null with `affine: false`. */
  readonly weight: Tensor | null;
  /** Shift β, `[numFeatures]`, initialized to zeros; null with `affine: false`. */
  readonly bias: Tensor | null;
  /** Running mean (a buffer, not a parameter), `[numFeatures]`, starting at zeros. */
  readonly runningMean: Tensor;
  /** Running unbiased variance (a buffer), `[numFeatures]`, starting at ones. */
  readonly runningVar: Tensor;
  /** Count of training batches seen (a scalar int32 buffer, PyTorch's `num_batches_tracked`). */
  readonly numBatchesTracked: Tensor;
  /** Added to the variance before the square root. */
  readonly eps: number;
  /** Weight of the new batch in the running averages, in `[0, 1]`. */
  readonly momentum: number;

  /**
   * Creates the layer: γ = 1, β = 0, running mean 0 and running variance 1.
   *
   * @param numFeatures - Channels `C`: the size of the input's last dim.
   * @param options - `eps`, `momentum`, `affine` and dtype.
   */
  constructor(readonly numFeatures: number, options: BatchNormOptions = {}) {
    super();
    assertFeatureCount(numFeatures, 'numFeatures', 'BatchNorm1d');
    this.eps = options.eps ?? 1e-5;
    if (!(this.eps >= 0)) throw new ValueError(`BatchNorm1d: eps must be a non-negative number, got ${this.eps}`);
    this.momentum = options.momentum ?? 0.1;
    if (!(this.momentum >= 0 && this.momentum <= 1)) throw new ValueError(`${new.target.name}: momentum must be in [0, 1], got ${this.momentum}`);
    const dtype = options.dtype ?? 'float32';
    const affine = options.affine ?? true;
    this.weight = affine ? parameter(full([numFeatures], 1, { dtype })) : null;
    this.bias = affine ? parameter(zeros([numFeatures], { dtype })) : null;
    this.runningMean = zeros([numFeatures], { dtype });
    this.runningVar = full([numFeatures], 1, { dtype });
    this.numBatchesTracked = zeros([], { dtype: 'int32' });
  }

  /** Throws a ShapeError naming the layer unless it takes `x` (its rank, and `numFeatures` channels last). */
  protected abstract checkInput(x: Tensor): void;

  forward(x: Tensor): Tensor {
    this.checkInput(x);
    const axes = x.shape.slice(0, -1).map((_, i) => i);
    let mu: Tensor;
    let sigma2: Tensor;
    if (this.training) {
      const count = axes.reduce((n, a) => n * x.shape[a]!, 1);
      if (count < 2) {
        throw new ValueError(`${this.constructor.name}.forward: training needs more than one value per feature, got ${formatShape(x.shape)}`);
      }
      ({ mean: mu, variance: sigma2 } = moments(x, axes));
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
    return batchNorm(x, mu, sigma2, { weight: this.weight, bias: this.bias, eps: this.eps });
  }
}

/**
 * Batch normalization (batch statistics and running averages in training, the running statistics
 * in eval; the functional {@link batchNorm} underneath) of features `[m, C]` or sequences `[m, L, C]` (statistics over `m` and `L`).
 * @example new BatchNorm1d(64).forward(randn([32, 64]))
 */
export class BatchNorm1d extends BatchNorm {
  protected checkInput(x: Tensor): void {
    if ((x.rank !== 2 && x.rank !== 3) || x.shape[x.rank - 1] !== this.numFeatures) {
      throw new ShapeError(`BatchNorm1d.forward: expected input [m, ${this.numFeatures}] or [m, L, ${this.numFeatures}], got ${formatShape(x.shape)}`);
    }
  }
}

/**
 * Batch normalization, as {@link BatchNorm1d}, of NHWC images `[m, h, w, C]` (statistics over `m`, `h` and `w`; PyTorch's
 * `BatchNorm2d` on the NCHW transpose, with the same state-dict names). The layer CNNs put
 * between a convolution and its activation.
 * @example new BatchNorm2d(16).forward(randn([8, 28, 28, 16]))
 */
export class BatchNorm2d extends BatchNorm {
  protected checkInput(x: Tensor): void {
    if (x.rank !== 4 || x.shape[3] !== this.numFeatures) {
      throw new ShapeError(`BatchNorm2d.forward: expected NHWC input [m, h, w, ${this.numFeatures}], got ${formatShape(x.shape)}`);
    }
  }
}
