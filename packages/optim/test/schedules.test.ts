import { describe, expect, it } from 'vitest';
import { tensor } from '@dlkit/core';
import {
  constant, cosineDecay, exponentialDecay, inverseSqrtDecay, inverseTimeDecay, linearWarmup, LRScheduler, piecewiseConstant, SGD, stepDecay,
  transformerSchedule,
} from '@dlkit/optim';

describe('learning-rate schedules', () => {
  it("the course's decay formulas", () => {
    const inverse = inverseTimeDecay({ lr0: 0.2, decayRate: 1 });
    expect([0, 1, 2, 3].map(inverse)).toEqual([0.2, 0.1, 0.2 / 3, 0.05]);
    const interval = inverseTimeDecay({ lr0: 0.2, decayRate: 1, timeInterval: 2 });
    expect([0, 1, 2, 3, 4].map(interval)).toEqual([0.2, 0.2, 0.1, 0.1, 0.2 / 3]);
    expect(exponentialDecay({ lr0: 1 })(3)).toBeCloseTo(0.95 ** 3, 15);
    expect(exponentialDecay({ lr0: 1, gamma: 0.5, decaySteps: 2, staircase: true })(3)).toBe(0.5);
    expect(exponentialDecay({ lr0: 1, gamma: 0.5, decaySteps: 2 })(3)).toBeCloseTo(0.5 ** 1.5, 15);
    expect(inverseSqrtDecay({ k: 0.1 })(3)).toBeCloseTo(0.05, 15);
    expect(inverseSqrtDecay({ k: 2, lr0: 0.1 })(0)).toBeCloseTo(0.2, 15);
    expect(stepDecay({ lr0: 0.1, stepSize: 30 })(65)).toBeCloseTo(0.001, 15);
    expect(piecewiseConstant({ boundaries: [10, 20], values: [0.1, 0.01, 0.001] })(15)).toBe(0.01);
    expect(piecewiseConstant({ boundaries: [10, 20], values: [0.1, 0.01, 0.001] })(20)).toBe(0.001);
    expect(constant(0.3)(1000)).toBe(0.3);
  });

  it('cosine, warmup and the transformer schedule', () => {
    const cosine = cosineDecay({ lr0: 0.1, totalSteps: 100 });
    expect(cosine(0)).toBe(0.1);
    expect(cosine(50)).toBeCloseTo(0.05, 15);
    expect(cosine(100)).toBeCloseTo(0, 15);
    expect(cosine(500)).toBeCloseTo(0, 15);
    const warm = linearWarmup({ warmupSteps: 4, then: cosineDecay({ lr0: 0.1, totalSteps: 10 }) });
    [0.025, 0.05, 0.075, 0.1].forEach((lr, t) => expect(warm(t)).toBeCloseTo(lr, 15));
    expect(warm(4)).toBe(0.1);
    expect(warm(9)).toBeCloseTo(cosineDecay({ lr0: 0.1, totalSteps: 10 })(5), 15);
    const transformer = transformerSchedule({ dModel: 512, warmupSteps: 4000 });
    const peak = 512 ** -0.5 * 4000 ** -0.5;
    expect(transformer(3999)).toBeCloseTo(peak, 12);
    expect(transformer(1999)).toBeCloseTo(peak / 2, 12);
    expect(transformer(15999)).toBeCloseTo(peak / 2, 12);
  });

  it('rejects bad arguments with the schedule name', () => {
    expect(() => stepDecay({ lr0: 0.1, stepSize: 0 })).toThrow(/stepDecay: stepSize/);
    expect(() => cosineDecay({ lr0: 0.1, totalSteps: 1.5 })).toThrow(/cosineDecay: totalSteps/);
    expect(() => piecewiseConstant({ boundaries: [1], values: [1] })).toThrow(/expected 2 values/);
    expect(() => piecewiseConstant({ boundaries: [5, 2], values: [1, 2, 3] })).toThrow(/must increase/);
    expect(() => inverseTimeDecay({ lr0: -1, decayRate: 1 })).toThrow(/lr0/);
    expect(() => exponentialDecay({ lr0: 1 })(-1)).toThrow(/t must be an integer >= 0/);
    expect(() => exponentialDecay({ lr0: 1 })(1.5)).toThrow(/must be an integer/);
  });

  it('LRScheduler drives an optimizer and keeps group ratios; its state round-trips', () => {
    const a = tensor([1], { requiresGrad: true });
    const b = tensor([1], { requiresGrad: true });
    const optimizer = new SGD([{ params: [a] }, { params: [b], lr: 1 }], { lr: 0.1 });
    const scheduler = new LRScheduler(optimizer, exponentialDecay({ lr0: 0.1, gamma: 0.5 }));
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.1, 1]);
    scheduler.step();
    scheduler.step();
    expect(scheduler.t).toBe(2);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.025, 15);
    expect(optimizer.paramGroups[1]!.lr).toBeCloseTo(0.25, 15);
    const other = new LRScheduler(new SGD([tensor([1], { requiresGrad: true })], { lr: 0.1 }), exponentialDecay({ lr0: 0.1, gamma: 0.5 }));
    expect(() => other.loadStateDict(scheduler.stateDict())).toThrow(/expected 1 group rates/);
    const again = new LRScheduler(optimizer, exponentialDecay({ lr0: 0.1, gamma: 0.5 }));
    again.loadStateDict(scheduler.stateDict());
    expect(again.lr).toBeCloseTo(0.025, 15);
  });
});
