import { describe, expect, it } from 'vitest';
import { crossEntropy, nn, randn, tensor, ValueError } from '@dlkit/core';
import { fit, reduceLrOnPlateau, SGD, TensorDataset, type Callback, type TrainingState } from '@dlkit/optim';

/** Feeds a sequence of dev losses to the callback, as fit would after each epoch; returns the rate after each. */
function drive(callback: Callback, losses: readonly number[], lrs = [1, 0.5]): number[][] {
  const optimizer = new SGD([
    { params: [randn([2], { requiresGrad: true })], lr: lrs[0]! },
    { params: [randn([2], { requiresGrad: true })], lr: lrs[1]! },
  ]);
  const state = { optimizer } as unknown as TrainingState;
  callback.onTrainBegin?.(state);
  return losses.map((valLoss, epoch) => {
    callback.onEpochEnd?.(epoch, { loss: valLoss, valLoss }, state);
    return optimizer.paramGroups.map((g) => g.lr);
  });
}

describe('reduceLrOnPlateau', () => {
  it('cuts every group by factor after `patience` epochs without improvement, then waits out the cooldown', () => {
    const callback = reduceLrOnPlateau({ patience: 2, factor: 0.5, cooldown: 1, minDelta: 0 });
    // Keras' order: the cooldown counter drops first, so with cooldown 1 the epoch after a cut
    // already counts a stall. Epochs: best, stall, stall→cut, stall, stall→cut, stall, better.
    const rates = drive(callback, [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5]);
    expect(rates.map((r) => r[0])).toEqual([1, 1, 0.5, 0.5, 0.25, 0.25, 0.25]);
    expect(rates.map((r) => r[1])).toEqual([0.5, 0.5, 0.25, 0.25, 0.125, 0.125, 0.125]);
    expect(callback.reductions).toEqual([2, 4]);
    const longCooldown = reduceLrOnPlateau({ patience: 1, factor: 0.5, cooldown: 2, minDelta: 0 });
    expect(drive(longCooldown, [1, 1, 1, 1, 1]).map((r) => r[0])).toEqual([1, 0.5, 0.5, 0.25, 0.25]);
  });

  it('counts only improvements larger than minDelta, respects minLr, and watches accuracy upwards', () => {
    const small = reduceLrOnPlateau({ patience: 1, factor: 0.1, minDelta: 0.01, minLr: 0.05 });
    const rates = drive(small, [1.0, 0.995, 0.99, 0.5]);
    expect(rates.map((r) => r[0])).toEqual([1, 0.1, 0.05, 0.05]);
    expect(rates.map((r) => r[1])).toEqual([0.5, 0.05, 0.05, 0.05]);
    const byAccuracy = reduceLrOnPlateau({ monitor: 'valAccuracy', patience: 1, factor: 0.5, minDelta: 0 });
    const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 1 });
    const state = { optimizer } as unknown as TrainingState;
    byAccuracy.onTrainBegin?.(state);
    [0.5, 0.6, 0.6].forEach((valAccuracy, epoch) => byAccuracy.onEpochEnd?.(epoch, { loss: 0, valAccuracy }, state));
    expect(optimizer.lr).toBe(0.5);
  });

  it('rejects bad options and names a missing log', () => {
    expect(() => reduceLrOnPlateau({ factor: 1 })).toThrow(ValueError);
    expect(() => reduceLrOnPlateau({ patience: -1 })).toThrow(/patience must be an integer >= 0/);
    expect(() => drive(reduceLrOnPlateau({ monitor: 'valF1' }), [1])).toThrow(/'valF1' is not in the epoch logs/);
  });

  it('runs inside fit and lowers the logged learning rate when the dev loss stalls', () => {
    const x = randn([32, 3], { seed: 1 });
    const y = tensor(Array.from({ length: 32 }, (_, i) => i % 2), { dtype: 'int32' });
    const model = new nn.Sequential(new nn.Linear(3, 2));
    const plateau = reduceLrOnPlateau({ patience: 1, factor: 0.5, minDelta: 10 });
    const data = new TensorDataset(x, y);
    const { history } = fit(model, {
      loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), data, validationData: data,
      epochs: 4, batchSize: 32, shuffle: false, callbacks: [plateau],
    });
    // minDelta 10 means nothing counts as improvement after the first epoch: a cut after every epoch from the second.
    expect(history.lr).toEqual([0.1, 0.1, 0.05, 0.025]);
    expect(plateau.reductions).toEqual([1, 2, 3]);
  });
});
