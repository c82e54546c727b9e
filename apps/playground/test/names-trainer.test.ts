import { describe, expect, it } from 'vitest';
import { DEFAULT_NAMES_CONFIG } from '../src/names/config.js';
import { DINOSAUR_NAMES } from '../src/names/dinosaurs.js';
import { createNamesTrainer, NAME_CHARACTERS } from '../src/names/trainer.js';

describe('names trainer', () => {
  it('has a clean list: distinct lower-case a–z names', () => {
    expect(DINOSAUR_NAMES.length).toBeGreaterThanOrEqual(250);
    expect(new Set(DINOSAUR_NAMES).size).toBe(DINOSAUR_NAMES.length);
    expect(DINOSAUR_NAMES.every((n) => /^[a-z]+$/.test(n))).toBe(true);
  });

  it('learns the dinosaur names: the loss falls well below a uniform guess and the samples turn name-like', () => {
    const trainer = createNamesTrainer(DINOSAUR_NAMES, DEFAULT_NAMES_CONFIG);
    const first = trainer.train(1).loss;
    // A fresh network guesses about uniformly over the 27 characters.
    expect(first).toBeGreaterThan(0.9 * Math.log(NAME_CHARACTERS.length));
    const before = trainer.sample(20, 0.8, 5);
    const last = trainer.train(199);
    expect(last.step).toBe(200);
    expect(last.loss).toBeLessThan(0.7 * first);
    const after = trainer.sample(20, 0.8, 5);
    const ending = (names: string[]): number => names.filter((n) => /(saurus|raptor|ceratops|don|mimus|us)$/.test(n)).length;
    console.log(`names: loss ${first.toFixed(3)} → ${last.loss.toFixed(3)} in 200 steps; before: ${before.slice(0, 5).join(', ')}; after: ${after.slice(0, 8).join(', ')}`);
    expect(after.every((n) => /^[a-z]*$/.test(n) && n.length <= DEFAULT_NAMES_CONFIG.maxLength)).toBe(true);
    expect(ending(after)).toBeGreaterThan(ending(before));
    // Greedy sampling (temperature 0) writes the same name whatever the seed.
    expect(trainer.sample(3, 0, 1)).toEqual(trainer.sample(3, 0, 2));
  }, 120_000);

  it('is reproducible: the same seed gives the same losses and samples, another seed differs', () => {
    const config = { ...DEFAULT_NAMES_CONFIG, hidden: 16, batchSize: 8 };
    const run = (seed: number) => {
      const trainer = createNamesTrainer(DINOSAUR_NAMES, { ...config, seed });
      const losses = [trainer.train(10).loss, trainer.train(10).loss];
      return { losses, samples: trainer.sample(4, 1, 3) };
    };
    const a = run(1);
    expect(run(1)).toEqual(a);
    expect(run(2).losses).not.toEqual(a.losses);
  }, 60_000);

  it('rejects a name with a character outside a–z', () => {
    expect(() => createNamesTrainer(['ok', 'T-rex'], DEFAULT_NAMES_CONFIG)).toThrow(/"T-rex" has a character outside a–z/);
  });
});
