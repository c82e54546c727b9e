import { describe, expect, it } from 'vitest';
import { perplexity } from '@dlkit/nlp-metrics';

describe('perplexity', () => {
  it('is exp of the mean negative log-probability', () => {
    expect(perplexity([Math.log(0.5), Math.log(0.25)])).toBeCloseTo(1 / Math.sqrt(0.5 * 0.25), 12);
    // A uniform model over V words has perplexity V.
    expect(perplexity(new Array<number>(10).fill(Math.log(1 / 50)))).toBeCloseTo(50, 10);
    expect(perplexity([0])).toBe(1);
  });

  it('accepts log-probabilities in another base and typed arrays', () => {
    expect(perplexity([-1, -3], { base: 2 })).toBe(4);
    expect(perplexity(Float32Array.of(-2, -2), { base: 10 })).toBeCloseTo(100, 10);
  });
});
