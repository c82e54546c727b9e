import { ValueError } from '@dlkit/core';
import { describe, expect, it } from 'vitest';
import { WordVectors } from '../src/index.js';
import { golden } from './golden.js';

const wv = WordVectors.fromArrays(golden.words, golden.vectors);

/** Same words in the same order, scores to float32 precision relative to their size (gensim computes in float32). */
function expectNeighbours(actual: [string, number][], expected: [string, number][]): void {
  expect(actual.map(([w]) => w)).toEqual(expected.map(([w]) => w));
  actual.forEach(([, score], i) => expect(Math.abs(score - expected[i]![1])).toBeLessThan(2e-6 * Math.max(1, Math.abs(expected[i]![1]))));
}

describe("WordVectors against gensim's KeyedVectors semantics", () => {
  it('mostSimilar (3CosAdd) returns the top 3, query words excluded', () => {
    for (const q of golden.mostSimilar) expectNeighbours(wv.mostSimilar({ positive: q.positive, negative: q.negative, topn: 3 }), q.result);
    expect(wv.mostSimilar({ positive: ['woman', 'king'], negative: ['man'], topn: 1 })[0]![0]).toBe('queen');
  });

  it('mostSimilarCosmul (3CosMul) returns the top 3', () => {
    for (const q of golden.mostSimilarCosmul) expectNeighbours(wv.mostSimilarCosmul({ positive: q.positive, negative: q.negative, topn: 3 }), q.result);
  });

  it('doesntMatch and similarity', () => {
    for (const q of golden.doesntMatch) expect(wv.doesntMatch(q.words)).toBe(q.result);
    for (const q of golden.similarity) expect(wv.similarity(q.a, q.b)).toBeCloseTo(q.result, 6);
  });

  it('evaluateWordPairs: Spearman and Pearson correlations and the OOV ratio', () => {
    const result = wv.evaluateWordPairs(golden.wordPairs.text);
    expect(result.spearman).toBeCloseTo(golden.wordPairs.spearman, 6);
    expect(result.pearson).toBeCloseTo(golden.wordPairs.pearson, 6);
    expect(result.oovRatio).toBeCloseTo(golden.wordPairs.oovRatio, 10);
    expect(result.pairs).toBe(golden.wordPairs.pairs);
  });

  it('evaluateAnalogies: per-section correct/incorrect and the total score (Google format)', () => {
    const result = wv.evaluateAnalogies(golden.analogies.text);
    expect(result.score).toBeCloseTo(golden.analogies.score, 12);
    expect(result.sections.slice(0, -1)).toEqual(golden.analogies.sections);
    expect(result.sections.at(-1)!.section).toBe('Total accuracy');
    expect(result.oov).toBe(1);
    expect(() => wv.evaluateAnalogies('king man queen woman\n')).toThrow(/missing section header/);
  });

  it('a query vector is used as given; bad queries raise ValueError naming the problem', () => {
    const king = wv.vector('king');
    expect(wv.mostSimilar({ positive: [king], topn: 1 })[0]![0]).toBe('king');
    expect(() => wv.mostSimilar({})).toThrow(/no input/);
    expect(() => wv.mostSimilar({ positive: ['nosuchword'] })).toThrow(ValueError);
    expect(() => wv.mostSimilar({ positive: [[1, 2]] })).toThrow(/length 2, expected 8/);
    expect(() => WordVectors.fromArrays(['a', 'a'], [[1], [2]])).toThrow(/duplicate word "a"/);
    expect(() => WordVectors.fromArrays(['a', 'b'], [[1], [2, 3]])).toThrow(/vector 1 \("b"\) has length 2, expected 1/);
  });
});
