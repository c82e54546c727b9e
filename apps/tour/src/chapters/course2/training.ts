import { binaryCrossEntropyWithLogits, nn, type Tensor } from '@dlkit/core';
import { evaluate, fit, predict, progressBar, type FitResult, type MetricFn, type Model, type Optimizer } from '@dlkit/optim';
import type { CostPoint, TrainingHistory } from '../course1/gradient-descent.js';

/**
 * Accuracy of a binary classifier that outputs logits: the prediction is 1 where `z > 0`
 * (`σ(z) > 0.5`). An optim `MetricFn`, for `fit` and `evaluate`.
 * @param logits `[m, 1]`; @param labels `[m, 1]` of 0/1 values.
 */
export const logitAccuracy: MetricFn = (logits, labels) => logits.greater(0).cast('float32').equal(labels).cast('float32').mean().item();

/** Options of {@link binaryNetwork}. */
export interface BinaryNetworkOptions {
  /** Hidden-layer sizes, e.g. `[5, 2]` for the course's `[n_x, 5, 2, 1]`. */
  hidden: readonly number[];
  /** Weight initializer (default He, the course's `randn · √(2/n[l−1])`); biases start at zero. */
  init?: nn.init.Initializer;
  /** Dropout rate after each hidden layer, `1 − keep_prob` (default 0: none). */
  dropout?: number;
}

/**
 * A fully connected binary classifier on 2-D points, `[LINEAR → RELU (→ DROPOUT)] × L−1 → LINEAR`,
 * built from core's `nn` layers. It outputs logits `Z[L]` of shape `[m, 1]`; the cost
 * (`binaryCrossEntropyWithLogits`) applies the sigmoid. Weights come from core's global
 * generator: call `manualSeed` first for the same network every run.
 * @example binaryNetwork({ hidden: [5, 2] }) // 2 → 5 → 2 → 1
 */
export function binaryNetwork(options: BinaryNetworkOptions): nn.Sequential {
  const init = { weightInit: options.init ?? nn.init.heNormal(), biasInit: nn.init.zeros() };
  const layers: nn.Layer[] = [];
  let previous = 2;
  for (const units of options.hidden) {
    layers.push(new nn.Linear(previous, units, init), new nn.ReLU());
    if (options.dropout) layers.push(new nn.Dropout(options.dropout));
    previous = units;
  }
  layers.push(new nn.Linear(previous, 1, init));
  return new nn.Sequential(...layers);
}

/** Probabilities `σ(Z[L])` of a logit model, in eval mode (dropout off), without gradients. */
export function probabilities(model: Model, X: Tensor): Tensor {
  return predict(model, X, { batchSize: 65_536 }).sigmoid();
}

/** A labelled set `X: [m, 2]`, `Y: [m, 1]`. */
export interface LabelledSet {
  readonly X: Tensor;
  readonly Y: Tensor;
}

/** Options of {@link trainBinary}. */
export interface TrainBinaryOptions {
  /** The optimizer over `model.parameters()`. */
  optimizer: Optimizer;
  /** Passes over the training set. */
  epochs: number;
  /** Examples per mini-batch (default: the whole set, batch gradient descent). */
  batchSize?: number;
  /** A term added to the cost of every batch, e.g. `l2Penalty` (see optim's `fit`). */
  penalty?: () => Tensor;
  /** Seed of the shuffles and of dropout (default 0). */
  seed?: number;
  /** Label of the progress bar. */
  label?: string;
  /** Show a progress bar (default true). */
  progress?: boolean;
  /** Keep at most about this many points of the cost curve (default 200). */
  curvePoints?: number;
}

/** What {@link trainBinary} returns. */
export interface BinaryRun {
  /** The cost curve: the mean cost of each recorded epoch (x = epoch), as Course 1's histories. */
  readonly history: TrainingHistory;
  /** optim's own result (per-epoch logs). */
  readonly fit: FitResult;
}

/**
 * Trains a binary classifier with optim's `fit` (binary cross-entropy on logits), with optim's
 * progress bar, and returns the cost curve.
 */
export function trainBinary(model: Model, data: LabelledSet, options: TrainBinaryOptions): BinaryRun {
  const m = data.X.shape[0]!;
  const batchSize = options.batchSize ?? m;
  // One bar for the whole run, a step per epoch: these runs have thousands of tiny epochs.
  const callbacks = options.progress === false ? [] : [progressBar({ per: 'epoch', label: options.label ?? 'network' })];
  const start = performance.now();
  const result = fit(model, {
    loss: binaryCrossEntropyWithLogits,
    optimizer: options.optimizer,
    data: [data.X, data.Y],
    epochs: options.epochs,
    batchSize,
    seed: options.seed ?? 0,
    callbacks,
    ...(options.penalty ? { penalty: options.penalty } : {}),
  });
  const seconds = (performance.now() - start) / 1000;
  const losses = result.history.loss ?? [];
  const every = Math.max(1, Math.floor(losses.length / (options.curvePoints ?? 200)));
  const costs: CostPoint[] = [];
  losses.forEach((cost, epoch) => {
    if (epoch % every === 0 || epoch === losses.length - 1) costs.push({ iteration: epoch + 1, cost });
  });
  return { history: { costs, seconds, iterations: options.epochs * Math.ceil(m / batchSize) }, fit: result };
}

/** Accuracy of a logit model on a labelled set, in eval mode. */
export function accuracyOf(model: Model, data: LabelledSet): number {
  return evaluate(model, [data.X, data.Y], { metrics: { accuracy: logitAccuracy }, batchSize: 65_536 }).accuracy ?? NaN;
}
