import { concat, noGrad, tidy, ValueError, type Tensor } from '@dlkit/core';
import { asDataset, type SupervisedData } from '../data/dataset.js';
import { batchIndices } from '../data/batches.js';
import { WeightedMeans } from './metrics-accumulator.js';
import type { Logs, LossFn, MetricFn, Model } from './types.js';

/** Runs `fn` with the model in eval mode (dropout off, batch norm on running stats), then restores its modes. */
export function inEvalMode<T>(model: Model, fn: () => T): T {
  const modes = model.namedModules().map(([, m]) => [m, m.training] as const);
  model.eval();
  try {
    return noGrad(fn);
  } finally {
    for (const [m, training] of modes) m.training = training;
  }
}

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** The loss to report as `loss`. */
  loss?: LossFn;
  /** Metrics to report under their names. */
  metrics?: Record<string, MetricFn>;
  /** Examples per forward pass (default 256). */
  batchSize?: number;
}

/**
 * The loss and metrics of `model` on a dataset, in eval mode and without gradients, in batches
 * (averaged weighted by batch size).
 * @example evaluate(model, [xDev, yDev], { loss: crossEntropy, metrics: { accuracy } }) // { loss: 0.31, accuracy: 0.91 }
 */
export function evaluate(model: Model, data: SupervisedData, options: EvaluateOptions = {}): Logs {
  const dataset = asDataset(data, 'evaluate');
  const { loss, metrics = {}, batchSize = 256 } = options;
  if (!loss && Object.keys(metrics).length === 0) throw new ValueError('evaluate: nothing to compute; pass a loss and/or metrics');
  const means = new WeightedMeans();
  inEvalMode(model, () => {
    for (const indices of batchIndices(dataset.length, { batchSize, shuffle: false })) {
      const logs = tidy((): Logs => {
        const [x, y] = dataset.batch(indices);
        const predictions = model.forward(x);
        const batchLogs: Logs = {};
        if (loss) batchLogs.loss = loss(predictions, y).item();
        for (const [name, metric] of Object.entries(metrics)) batchLogs[name] = metric(predictions, y);
        return batchLogs;
      });
      means.add(logs, indices.length);
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
