import { describe, expect, it } from 'vitest';
import { nn, tensor } from '@dlkit/core';
import {
  clipGradNorm, clipGradValue, decoupledWeightDecay, ExponentiallyWeightedAverage, exponentiallyWeightedAverages, l1Penalty, l2Penalty, weightsOf,
} from '@dlkit/optim';

describe('exponentially weighted averages', () => {
  it('follows v_t = βv_{t−1} + (1−β)θ_t from v₀ = 0, with optional bias correction', () => {
    expect(exponentiallyWeightedAverages([4, 4, 4], { beta: 0.5 })).toEqual([2, 3, 3.5]);
    expect(exponentiallyWeightedAverages([4, 4, 4], { beta: 0.5, biasCorrection: true })).toEqual([4, 4, 4]);
    const temperatures = [40, 49, 45, 44, 60];
    const corrected = exponentiallyWeightedAverages(temperatures, { beta: 0.98, biasCorrection: true });
    expect(corrected[0]).toBeCloseTo(40, 12); // without correction: 0.8
    expect(exponentiallyWeightedAverages(temperatures, { beta: 0.98 })[0]).toBeCloseTo(0.8, 12);
  });

  it('the class keeps a running value and resets', () => {
    const average = new ExponentiallyWeightedAverage({ beta: 0.9 });
    expect(average.value).toBe(0);
    average.update(10);
    expect(average.value).toBeCloseTo(1, 12);
    expect(average.count).toBe(1);
    average.reset();
    expect(average.count).toBe(0);
    expect(() => new ExponentiallyWeightedAverage({ beta: 1 })).toThrow(/beta must be in \[0, 1\)/);
    expect(() => average.update(Number.NaN)).toThrow(/finite/);
  });
});

describe('regularization', () => {
  it('l2Penalty is λ/2m·ΣW² and adds λ/m·W to the gradient', () => {
    const w1 = tensor([[1, 2], [3, 4]], { dtype: 'float64', requiresGrad: true });
    const w2 = tensor([[-1, 1]], { dtype: 'float64', requiresGrad: true });
    const penalty = l2Penalty([w1, w2], { lambda: 0.7, m: 10 });
    expect(penalty.item()).toBeCloseTo((0.7 / 20) * (1 + 4 + 9 + 16 + 1 + 1), 14);
    penalty.backward();
    expect(w1.grad!.toArray()).toEqual([[0.07, 0.14], [0.21000000000000002, 0.28]].map((r) => r.map((v) => expect.closeTo(v, 14))));
  });

  it('l1Penalty is λ/m·Σ|W|', () => {
    const w = tensor([[1, -2], [3, -4]], { dtype: 'float64', requiresGrad: true });
    expect(l1Penalty([w], { lambda: 0.5, m: 2 }).item()).toBeCloseTo(2.5, 14);
    expect(() => l1Penalty([], { lambda: 0.5 })).toThrow(/no weights/);
    expect(() => l2Penalty([w], { lambda: -1 })).toThrow(/lambda/);
  });

  it('weightsOf picks weight matrices, not biases', () => {
    const model = new nn.Sequential(new nn.Linear(3, 4), new nn.ReLU(), new nn.Linear(4, 1));
    expect(weightsOf(model).map((t) => t.shape)).toEqual([[4, 3], [1, 4]]);
  });

  it('decoupledWeightDecay shrinks weights by (1 − α·λ)', () => {
    const w = tensor([2, -4], { dtype: 'float64', requiresGrad: true });
    decoupledWeightDecay([w], { lr: 0.1, weightDecay: 0.5 });
    expect(w.toArray()).toEqual([1.9, -3.8]);
  });

  it('clipGradNorm returns the pre-clip norm and rescales; clipGradValue clamps', () => {
    const a = tensor([0, 0], { requiresGrad: true, dtype: 'float64' });
    const b = tensor([0], { requiresGrad: true, dtype: 'float64' });
    a.grad = tensor([3, 0], { dtype: 'float64' });
    b.grad = tensor([4], { dtype: 'float64' });
    expect(clipGradNorm([a, b], 1)).toBe(5);
    expect((a.grad.toArray() as number[])[0]).toBeCloseTo(0.6, 6);
    expect(clipGradNorm([a, b], 10)).toBeCloseTo(1, 6);
    a.grad = tensor([3, -7], { dtype: 'float64' });
    clipGradValue([a], 2);
    expect(a.grad.toArray()).toEqual([2, -2]);
    a.grad = tensor([Number.NaN, 1], { dtype: 'float64' });
    expect(() => clipGradNorm([a], 1)).toThrow(/NaN or infinite/);
    expect(clipGradNorm([tensor([1], { requiresGrad: true })], 1)).toBe(0);
    a.grad = tensor([1, 1], { dtype: 'float64' });
    expect(clipGradNorm([a], 100, { normType: 1 })).toBe(2);
    expect(clipGradNorm([a], 100, { normType: 3 })).toBeCloseTo(2 ** (1 / 3), 12);
  });
});
