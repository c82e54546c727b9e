import { describe, expect, it } from 'vitest';
import { tensor, ValueError } from '@dlkit/core';
import { beamErrorAnalysis, beamSearch, blameBeamSearch, sequenceLogProb, type BeamErrorExample, type BeamStep } from '@dlkit/sequence';

const EOS = 0;
/**
 * A toy "translator" with known probabilities over tokens {EOS, a=1, b=2, c=3}, conditioned on a
 * source id x: P(first token) is a trap for greedy decoding when x = 0 (a is likelier than b, but
 * nothing after a is likely), and a fair model when x = 1.
 */
const TABLE: Record<string, number[]> = {
  '0:': [0, 0.4, 0.35, 0.25],
  '0:1': [0.3, 0.25, 0.2, 0.25],
  '0:2': [0.9, 0.05, 0.03, 0.02],
  '0:3': [0.5, 0.2, 0.2, 0.1],
  '1:': [0, 0.2, 0.7, 0.1],
  '1:2': [0.8, 0.1, 0.05, 0.05],
};
const uniform = [0.25, 0.25, 0.25, 0.25];
const stepFor = (x: number): BeamStep<undefined> => (prefixes) => ({
  logProbs: tensor(prefixes.map((p) => (TABLE[`${x}:${p.join('')}`] ?? uniform).map(Math.log)), { dtype: 'float64' }),
});

/** Decodes source x with the given beam and scores the reference `y*` with the same model. */
function example(x: number, reference: number[], beamWidth: number): BeamErrorExample {
  const step = stepFor(x);
  const [best] = beamSearch(step, { beamWidth, maxLength: 4, eos: EOS });
  return { reference, referenceLogProb: sequenceLogProb(step, reference), output: best!.tokens, outputLogProb: best!.logProb };
}

describe('beam-search error analysis (the course\'s method)', () => {
  it('sequenceLogProb sums the step\'s log-probabilities of each token given its prefix', () => {
    expect(sequenceLogProb(stepFor(0), [2, EOS])).toBeCloseTo(Math.log(0.35 * 0.9), 12);
    expect(sequenceLogProb(stepFor(0), [1, 3, EOS], { start: [] })).toBeCloseTo(Math.log(0.4 * 0.25 * 0.25), 12);
    expect(() => sequenceLogProb(stepFor(0), [7])).toThrow(ValueError);
  });

  it('blames the search when P(y*|x) > P(ŷ|x), the model when P(y*|x) ≤ P(ŷ|x), and a wider beam fixes only the search\'s errors', () => {
    // x = 0, y* = "b": greedy takes a (0.4) and ends at 0.4·0.3 = 0.12 < P(b EOS) = 0.315 → search.
    const greedyMiss = example(0, [2, EOS], 1);
    expect(greedyMiss.output).toEqual([1, EOS]);
    expect(blameBeamSearch(greedyMiss)).toBe('search');
    // x = 1, y* = "a": the model itself prefers "b" (0.56 > P(a EOS) = 0.05) → model.
    const modelMiss = example(1, [1, EOS], 1);
    expect(modelMiss.output).toEqual([2, EOS]);
    expect(blameBeamSearch(modelMiss)).toBe('model');
    expect(blameBeamSearch(example(1, [2, EOS], 1))).toBe('correct');

    const dev = [example(0, [2, EOS], 1), example(0, [2, EOS], 1), example(1, [1, EOS], 1), example(1, [2, EOS], 1)];
    const report = beamErrorAnalysis(dev);
    expect(report).toMatchObject({ faults: ['search', 'search', 'model', 'correct'], correct: 1, search: 2, model: 1, verdict: 'search' });
    expect(report.searchFraction).toBeCloseTo(2 / 3, 12);
    expect(report.modelFraction).toBeCloseTo(1 / 3, 12);

    // Acting on the verdict: beam width 2 removes the search errors, the model's error stays.
    const wider = beamErrorAnalysis([example(0, [2, EOS], 2), example(0, [2, EOS], 2), example(1, [1, EOS], 2), example(1, [2, EOS], 2)]);
    expect(wider).toMatchObject({ correct: 3, search: 0, model: 1, verdict: 'model', modelFraction: 1 });
  });

  it('compares the length-normalized objective when the search used a length penalty', () => {
    // log P(y*) = −3 over 6 tokens, log P(ŷ) = −2 over 2: y* loses on Σ log P, wins on (1/Ty^α) Σ log P at α = 1.
    const e: BeamErrorExample = { reference: [1, 1, 1, 1, 1, EOS], referenceLogProb: -3, output: [2, EOS], outputLogProb: -2 };
    expect(blameBeamSearch(e)).toBe('model');
    expect(blameBeamSearch(e, { lengthPenalty: 1 })).toBe('search');
    expect(beamErrorAnalysis([], {})).toMatchObject({ search: 0, model: 0, searchFraction: 0, verdict: 'none' });
  });

  it('rejects values that are not log-probabilities', () => {
    expect(() => blameBeamSearch({ reference: [1], referenceLogProb: 0.5, output: [2], outputLogProb: -1 })).toThrow(/referenceLogProb must be a log-probability/);
    expect(() => blameBeamSearch({ reference: [1], referenceLogProb: -1, output: [2], outputLogProb: NaN })).toThrow(ValueError);
    expect(() => blameBeamSearch({ reference: [1], referenceLogProb: -1, output: [2], outputLogProb: -1 }, { lengthPenalty: -1 })).toThrow(ValueError);
  });
});
