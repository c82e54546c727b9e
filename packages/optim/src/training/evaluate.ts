import { concat, noGrad, tidy, ValueError, type Tensor } from '@dlkit/core';
import { asDataset, type SupervisedData } from '../data/dataset.js';
import { asBatchSource, type BatchSource, type StepData } from '../data/batch-source.js';
import { batchIndices } from '../data/batches.js';
import { WeightedMeans } from './metrics-accumulator.js';
import { asStepOutput, batchLogs, predictionStep, supervisedStep, type EvalOutput } from './step.js';
import type { Logs, LossFn, MetricFn, Model, StepFn, Trainable } from './types.js';

/** Runs `fn` with the model in eval mode (dropout off, batch norm on running stats), then restores its modes. */
export function inEvalMode<T>(model: Trainable, fn: () => T): T {
  const modes = model.namedModules().map(([, m]) => [m, m.training] as const);
  model.eval();
  try {
    return noGrad(fn);
  } finally {
    for (const [m, training] of modes) m.training = training;
  }
}

/** Options of {@link evaluate} for a one-input model: the loss and/or metrics on `[x, y]` batches. */
export interface EvaluateOptions {
  /** The loss to report as `loss`. */
  loss?: LossFn;
  /** Metrics to report under their names. */
  metrics?: Record<string, MetricFn>;
  /** Examples per forward pass (default 256). */
  batchSize?: number;
}

/** Options of {@link evaluate} with a custom step (any model, any batch shape). */
export interface StepEvaluateOptions<M, B> {
  /** Runs the model on one batch; its loss is reported as `loss`, its logs under their names. */
  step: StepFn<M, B>;
  /** Metrics on the step's `predictions` and `targets`. */
  metrics?: Record<string, MetricFn>;
  /** Examples per batch (default 256). */
  batchSize?: number;
}

/**
 * The loss and metrics of `model` on a dataset, in eval mode and without gradients, in batches
 * (averaged weighted by batch size). With a `step`, any model and batch shape (the same step
 * `fit` trains with, or an evaluation-only one).
 * @example evaluate(model, [xDev, yDev], { loss: crossEntropy, metrics: { accuracy } }) // { loss: 0.31, accuracy: 0.91 }
 * @example evaluate(siamese, [aDev, bDev, sameDev], { step: pairStep, metrics: { accuracy: binaryAccuracy } })
 */
export function evaluate(model: Model, data: SupervisedData, options?: EvaluateOptions): Logs;
export function evaluate<M extends Trainable, const B>(model: M, data: StepData<B>, options: StepEvaluateOptions<M, B>): Logs;
export function evaluate(model: Trainable, data: StepData<unknown>, options: EvaluateOptions | StepEvaluateOptions<Trainable, unknown> = {}): Logs {
  const { metrics = {}, batchSize = 256 } = options;
  if ('step' in options) {
    if (typeof options.step !== 'function') throw new ValueError(`evaluate: step must be a function (model, batch) => loss, got ${String(options.step)}`);
    const step = options.step;
    return evaluateSteps(model, asBatchSource(data, 'evaluate'), (batch) => asStepOutput(step(model, batch), 'evaluate'), metrics, batchSize, 'evaluate');
  }
  const { loss } = options;
  if (!loss && Object.keys(metrics).length === 0) throw new ValueError('evaluate: nothing to compute; pass a loss and/or metrics');
  const forward = loss ? supervisedStep(loss) : predictionStep;
  const dataset = asDataset(data as SupervisedData, 'evaluate');
  return evaluateSteps(model, dataset, (batch) => forward(model as Model, batch), metrics, batchSize, 'evaluate');
}

/** Runs `run` on every batch of `source` in order, in eval mode without gradients, and averages the logs. */
export function evaluateSteps<B>(
  model: Trainable, source: BatchSource<B>, run: (batch: B) => EvalOutput, metrics: Readonly<Record<string, MetricFn>>, batchSize: number, where: string,
): Logs {
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new ValueError(`${where}: batchSize must be a positive integer, got ${String(batchSize)}`);
  const means = new WeightedMeans();
  inEvalMode(model, () => {
    for (const indices of batchIndices(source.length, { batchSize, shuffle: false })) {
      means.add(tidy(() => batchLogs(run(source.batch(indices)), metrics, where)), indices.length);
    }
  });
  return means.result();
}

/**
 * The model's outputs for every example of `x` (`[m, …]`), computed in batches in eval mode
 * without gradients, concatenated along the batch axis.
 * @example const probabilities = predict(model, xTest).softmax(); // [m, C]
 */
export function predict(model: Model, x: Tensor, options: { batchSize?: number } = {}): Tensor {
  if (x.rank === 0) throw new ValueError('predict: expected inputs with a batch dimension, got a scalar');
  const m = x.shape[0]!;
  const batchSize = options.batchSize ?? 256;
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new ValueError(`predict: batchSize must be a positive integer, got ${String(batchSize)}`);
  if (m === 0) throw new ValueError('predict: x has no examples');
  return inEvalMode(model, () => {
    const outputs: Tensor[] = [];
    for (let start = 0; start < m; start += batchSize) {
      const size = Math.min(batchSize, m - start);
      outputs.push(tidy(() => model.forward(size === m ? x : x.slice([start, ...x.shape.slice(1).map(() => 0)], [size, ...x.shape.slice(1)]))));
    }
    if (outputs.length === 1) return outputs[0]!;
    const result = concat(outputs, 0);
    for (const output of outputs) output.dispose();
    return result;
  });
}
