import { Tensor, ValueError } from '@dlkit/core';
import type { Logs, LossFn, MetricFn, Model, StepOutput } from './types.js';

/** A step's result with the loss optional: evaluation may compute metrics only. */
export type EvalOutput = Omit<StepOutput, 'loss'> & { readonly loss?: Tensor };

/** The step `fit(model, { loss, data: [x, y] })` runs: `loss(model.forward(x), y)`, metrics on the predictions. */
export function supervisedStep(loss: LossFn): (model: Model, batch: readonly [Tensor, Tensor]) => StepOutput {
  return (model, [x, y]) => {
    const predictions = model.forward(x);
    return { loss: loss(predictions, y), predictions, targets: y };
  };
}

/** `evaluate(model, [x, y], { metrics })` without a loss: the predictions and targets only. */
export function predictionStep(model: Model, [x, y]: readonly [Tensor, Tensor]): EvalOutput {
  return { predictions: model.forward(x), targets: y };
}

/** A step's return value as a {@link StepOutput}, with a clear error for anything else. */
export function asStepOutput(value: Tensor | StepOutput, where: string): StepOutput {
  const output = value instanceof Tensor ? { loss: value } : value;
  if (output === null || typeof output !== 'object' || !(output.loss instanceof Tensor)) {
    throw new ValueError(`${where}: the step must return the loss tensor or { loss, predictions?, targets?, logs? }, got ${String(value)}`);
  }
  return output;
}

/** The numbers one batch logs: its loss, each metric on its predictions and targets, its extra logs. */
export function batchLogs(output: EvalOutput, metrics: Readonly<Record<string, MetricFn>>, where: string): Logs {
  const logs: Logs = {};
  if (output.loss) {
    if (output.loss.size !== 1) throw new ValueError(`${where}: the loss must be a scalar, got shape [${output.loss.shape.join(', ')}]`);
    logs.loss = output.loss.item();
  }
  const names = Object.keys(metrics);
  if (names.length > 0) {
    const { predictions, targets } = output;
    if (!predictions || !targets) {
      throw new ValueError(`${where}: metrics (${names.join(', ')}) need the step to return { loss, predictions, targets }`);
    }
    for (const name of names) logs[name] = metrics[name]!(predictions.detach(), targets);
  }
  return { ...logs, ...output.logs };
}
