import { describe, expect, it } from 'vitest';
import { DEFAULT_ATTENTION_CONFIG, DEFAULT_DATE } from '../src/attention/config.js';
import { attentionGrey } from '../src/attention/heatmap.js';
import { createDateTrainer } from '../src/attention/trainer.js';

/** Mean over the output characters `rows` of the attention they give the input characters `columns`. */
const attentionOn = (weights: readonly (readonly number[])[], rows: readonly number[], columns: readonly number[]): number =>
  rows.reduce((s, i) => s + columns.reduce((t, j) => t + weights[i]![j]!, 0), 0) / rows.length;

describe('date attention trainer', () => {
  it('learns to translate dates, and the year is written while attending to the year', () => {
    const trainer = createDateTrainer(DEFAULT_ATTENTION_CONFIG);
    const first = trainer.train(25);
    expect(trainer.accuracy()).toBe(0);
    trainer.train(DEFAULT_ATTENTION_CONFIG.steps - 50);
    const last = trainer.train(1000); // the last 25 steps: capped at config.steps
    const accuracy = trainer.accuracy();
    const attention = trainer.translate(DEFAULT_DATE.toUpperCase());
    // The ISO year's last two digits (output rows 2–3) while reading the year's four digits.
    const year = DEFAULT_DATE.indexOf('2022');
    const onYear = attentionOn(attention.weights, [2, 3], [year, year + 1, year + 2, year + 3]);
    console.log(`dates: loss ${first.loss.toFixed(3)} → ${last.loss.toFixed(3)} in ${last.step} steps, ${(100 * accuracy).toFixed(1)}% held-out exact; "${DEFAULT_DATE}" → ${attention.output.join('')}; year rows on the year ${onYear.toFixed(2)}`);
    expect(last.step).toBe(DEFAULT_ATTENTION_CONFIG.steps);
    expect(last.loss).toBeLessThan(0.2 * first.loss);
    expect(accuracy).toBeGreaterThan(0.4);
    expect(attention.source.join('')).toBe(DEFAULT_DATE);
    expect(attention.output.join('')).toBe('2022-03-15');
    expect(attention.output).toHaveLength(10);
    expect(attention.weights).toHaveLength(10);
    for (const row of attention.weights) {
      expect(row).toHaveLength(attention.source.length);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
    // Uniform attention would put 4/24 of each row on the year's digits.
    expect(onYear).toBeGreaterThan(0.4);
  }, 120_000);

  it('is reproducible: the same seed gives the same losses and attention, another seed differs', () => {
    const config = { ...DEFAULT_ATTENTION_CONFIG, trainPairs: 64, heldOutPairs: 8, dModel: 8, steps: 6 };
    const run = (seed: number) => {
      const trainer = createDateTrainer({ ...config, seed });
      const losses = [trainer.train(3).loss, trainer.train(3).loss];
      return { losses, attention: trainer.translate('5 mar 2002') };
    };
    const a = run(1);
    expect(run(1)).toEqual(a);
    expect(run(2).losses).not.toEqual(a.losses);
  }, 60_000);

  it('shades weights white at 0 to black at 1', () => {
    expect([0, 0.5, 1, 2].map(attentionGrey)).toEqual(['rgb(255, 255, 255)', 'rgb(128, 128, 128)', 'rgb(0, 0, 0)', 'rgb(0, 0, 0)']);
  });
});
