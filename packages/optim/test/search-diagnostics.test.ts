import { describe, expect, it } from 'vitest';
import { Generator } from '@dlkit/core';
import {
  choice, diagnose, gridConfigurations, gridSearch, integer, logUniform, oneMinusLogUniform, randomSearch, sampleConfiguration, selectByMetrics,
  tallyErrors, uniform,
} from '@dlkit/optim';

describe('search space dimensions', () => {
  it("logUniform samples every decade equally (the course's r = −4·rand(), α = 10^r)", () => {
    const random = new Generator(0);
    const lr = logUniform(1e-4, 1);
    const decades = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const value = lr.sample(random);
      expect(value).toBeGreaterThanOrEqual(1e-4);
      expect(value).toBeLessThanOrEqual(1);
      decades[Math.min(3, Math.floor(-Math.log10(value)))]!++;
    }
    for (const count of decades) expect(count).toBeGreaterThan(900);
    expect(lr.grid(5).map((v) => Math.log10(v))).toEqual([-4, -3, -2, -1, 0].map((v) => expect.closeTo(v, 12)));
  });

  it('oneMinusLogUniform puts as many samples in 0.99…0.999 as in 0.9…0.99', () => {
    const random = new Generator(1);
    const beta = oneMinusLogUniform(0.9, 0.999);
    let high = 0;
    for (let i = 0; i < 2000; i++) if (beta.sample(random) > 0.99) high++;
    expect(high).toBeGreaterThan(850);
    expect(high).toBeLessThan(1150);
    expect(beta.grid(3).map((v) => v.toFixed(6))).toEqual(['0.900000', '0.990000', '0.999000']);
  });

  it('uniform, integer and choice', () => {
    const random = new Generator(2);
    for (let i = 0; i < 100; i++) {
      const n = integer(2, 4).sample(random);
      expect([2, 3, 4]).toContain(n);
      const u = uniform(-1, 1).sample(random);
      expect(u).toBeGreaterThanOrEqual(-1);
      expect(u).toBeLessThanOrEqual(1);
    }
    expect(integer(1, 3).grid(5)).toEqual([1, 2, 3]);
    expect(integer(0, 100).grid(3)).toEqual([0, 50, 100]);
    expect(choice(['relu', 'tanh']).grid(1)).toEqual(['relu', 'tanh']);
    expect(() => logUniform(0, 1)).toThrow(/low > 0/);
    expect(() => integer(1.5, 3)).toThrow(/integers/);
    expect(() => choice([])).toThrow(/non-empty/);
  });

  it('configurations are typed and reproducible', () => {
    const space = { lr: logUniform(1e-3, 1), units: integer(8, 64), act: choice(['relu', 'tanh'] as const) };
    const a = sampleConfiguration(space, new Generator(5));
    const b = sampleConfiguration(space, new Generator(5));
    expect(a).toEqual(b);
    const act: 'relu' | 'tanh' = a.act;
    expect(['relu', 'tanh']).toContain(act);
    expect(gridConfigurations(space, 2)).toHaveLength(8);
  });
});

describe('random and grid search', () => {
  // A made-up dev error with its optimum at lr = 0.01, units = 32.
  const devError = ({ lr, units }: { lr: number; units: number }): number => Math.abs(Math.log10(lr) + 2) + Math.abs(units - 32) / 32;

  it('random search returns every trial, best first, with its configuration', async () => {
    const results = await randomSearch({ lr: logUniform(1e-4, 1), units: integer(8, 64) }, devError, { trials: 40, seed: 3 });
    expect(results).toHaveLength(40);
    for (let i = 1; i < results.length; i++) expect(results[i]!.score).toBeGreaterThanOrEqual(results[i - 1]!.score);
    expect(results[0]!.config.lr).toBeGreaterThan(1e-3);
    expect(results[0]!.config.lr).toBeLessThan(1e-1);
    expect(results[0]!.score).toBeCloseTo(devError(results[0]!.config), 12);
  });

  it('grid search tries every combination; max mode and async trials with extras work', async () => {
    const results = await gridSearch(
      { lr: logUniform(1e-4, 1), act: choice(['relu', 'tanh']) },
      async ({ lr, act }) => ({ score: act === 'relu' ? -Math.abs(Math.log10(lr) + 2) : -10, note: `${act}` }),
      { pointsPerDimension: 5, mode: 'max' },
    );
    expect(results).toHaveLength(10);
    expect(results[0]!.config).toEqual({ lr: expect.closeTo(0.01, 12), act: 'relu' });
    expect(results[0]!.extra).toEqual({ note: 'relu' });
    await expect(randomSearch({ x: uniform(0, 1) }, () => Number.NaN, { trials: 1 })).rejects.toThrow(/score NaN/);
    await expect(randomSearch({}, () => 1, { trials: 1 })).rejects.toThrow(/empty/);
  });

  it("records diverged trials as failures, listed last, when asked to", async () => {
    const trial = ({ lr }: { lr: number }): number => {
      if (lr > 0.5) throw new Error('loss became NaN');
      return lr < 0.01 ? Number.NaN : 1 - lr;
    };
    const results = await gridSearch({ lr: choice([0.001, 0.1, 0.3, 0.9]) }, trial, { mode: 'max', onFailure: 'record' });
    expect(results.map((r) => r.config.lr)).toEqual([0.1, 0.3, 0.001, 0.9]);
    expect(results.slice(0, 2).every((r) => r.failure === undefined)).toBe(true);
    expect(results[2]!.failure).toMatch(/score NaN/);
    expect(results[3]!.failure).toBe('loss became NaN');
    expect(results[3]!.score).toBe(-Infinity);
    await expect(gridSearch({ lr: choice([0.9]) }, trial)).rejects.toThrow('loss became NaN');
  });
});

describe('ML-strategy diagnostics', () => {
  it("the course's bias vs variance examples", () => {
    const bias = diagnose({ humanError: 0.01, trainError: 0.08, devError: 0.1 });
    expect(bias.avoidableBias).toBeCloseTo(0.07, 12);
    expect(bias.variance).toBeCloseTo(0.02, 12);
    expect(bias.focus).toBe('avoidableBias');
    expect(bias.ranked[0]!.remedies.join(' ')).toMatch(/bigger model/i);
    const variance = diagnose({ humanError: 0.075, trainError: 0.08, devError: 0.1 });
    expect(variance.focus).toBe('variance');
    expect(variance.ranked[0]!.remedies.join(' ')).toMatch(/regulari/i);
  });

  it('data mismatch and dev-set overfitting with a train-dev set', () => {
    const d = diagnose({ humanError: 0.04, trainError: 0.07, trainDevError: 0.1, devError: 0.2, testError: 0.21 });
    expect(d.avoidableBias).toBeCloseTo(0.03, 12);
    expect(d.variance).toBeCloseTo(0.03, 12);
    expect(d.dataMismatch).toBeCloseTo(0.1, 12);
    expect(d.devOverfitting).toBeCloseTo(0.01, 12);
    expect(d.focus).toBe('dataMismatch');
    expect(d.ranked.map((r) => r.problem)).toEqual(['dataMismatch', 'avoidableBias', 'variance', 'devOverfitting']);
    const overfit = diagnose({ humanError: 0.01, trainError: 0.01, trainDevError: 0.011, devError: 0.012, testError: 0.05 });
    expect(overfit.focus).toBe('devOverfitting');
    expect(overfit.ranked[0]!.remedies[0]).toMatch(/bigger dev set/);
    expect(diagnose({ humanError: 0.05, trainError: 0.03, devError: 0.04 }).surpassedHuman).toBe(true);
    expect(() => diagnose({ humanError: -1, trainError: 0.1, devError: 0.1 })).toThrow(/humanError/);
  });

  it('error analysis tallies tags and the ceiling each offers', () => {
    // 100 examined dev errors: 5 dogs, 43 great cats, 62 blurry (10 are blurry great cats).
    const errors = [
      ...Array.from({ length: 5 }, () => ({ tags: ['dog'] })),
      ...Array.from({ length: 33 }, () => ({ tags: ['great cat'] })),
      ...Array.from({ length: 10 }, () => ({ tags: ['blurry', 'great cat'] })),
      ...Array.from({ length: 52 }, () => ({ tags: ['blurry'] })),
    ];
    const tally = tallyErrors(errors, { overallError: 0.1 });
    expect(tally.map((t) => [t.tag, t.count])).toEqual([['blurry', 62], ['great cat', 43], ['dog', 5]]);
    const dog = tally.find((t) => t.tag === 'dog')!;
    expect(dog.fraction).toBe(0.05);
    expect(dog.ceiling).toBeCloseTo(0.005, 12);
    expect(dog.errorIfFixed).toBeCloseTo(0.095, 12);
    expect(() => tallyErrors([], { overallError: 0.1 })).toThrow(/no errors/);
  });

  it('one optimizing metric subject to satisficing constraints', () => {
    const candidates = [
      { name: 'A', accuracy: 0.9, runningTimeMs: 80 },
      { name: 'B', accuracy: 0.92, runningTimeMs: 95 },
      { name: 'C', accuracy: 0.95, runningTimeMs: 1500 },
    ];
    const result = selectByMetrics(candidates, { optimizing: 'accuracy', satisficing: { runningTimeMs: { max: 100 } } });
    expect(result.best?.name).toBe('B');
    expect(result.feasible.map((c) => c.name)).toEqual(['B', 'A']);
    expect(result.rejected).toEqual([{ candidate: candidates[2], failed: ['runningTimeMs'] }]);
    expect(selectByMetrics(candidates, { optimizing: 'runningTimeMs', mode: 'min' }).best?.name).toBe('A');
    expect(selectByMetrics(candidates, { optimizing: 'accuracy', satisficing: { runningTimeMs: { max: 10 } } }).best).toBeNull();
  });
});
