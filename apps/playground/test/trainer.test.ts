import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/playground/config.js';
import { createTrainer } from '../src/playground/trainer.js';

describe('playground trainer', () => {
  it('learns the flower with the default network (≥ 90% in 600 steps)', () => {
    const trainer = createTrainer(DEFAULT_CONFIG);
    const before = trainer.boundary(8);
    const first = trainer.train(1);
    const last = trainer.train(DEFAULT_CONFIG.steps - 1);
    expect(last.step).toBe(DEFAULT_CONFIG.steps);
    expect(last.loss).toBeLessThan(first.loss / 2);
    expect(last.accuracy).toBeGreaterThanOrEqual(0.9);
    const after = trainer.boundary(8);
    expect(after.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(after.some((p, i) => Math.abs(p - before[i]!) > 0.2)).toBe(true);
  });

  it('is reproducible from the seed, and every dataset, optimizer and activation trains', () => {
    const run = () => createTrainer({ ...DEFAULT_CONFIG, dataset: 'moons', optimizer: 'momentum', activation: 'relu', l2: 0.1 }).train(30);
    expect(run()).toEqual(run());
    for (const dataset of ['flower', 'moons', 'circles', 'spirals'] as const) {
      for (const optimizer of ['sgd', 'momentum', 'rmsprop', 'adam'] as const) {
        const trainer = createTrainer({ ...DEFAULT_CONFIG, dataset, optimizer, activation: 'sigmoid', learningRate: optimizer === 'sgd' ? 0.5 : 0.01 });
        const first = trainer.train(1).loss;
        expect(trainer.train(40).loss, `${dataset} ${optimizer}`).toBeLessThan(first);
      }
    }
  });
});
