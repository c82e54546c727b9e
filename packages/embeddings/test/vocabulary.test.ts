import { ValueError } from '@dlkit/core';
import { describe, expect, it } from 'vitest';
import { sampleFromCumulative, Vocabulary } from '../src/index.js';

const tokens = 'the cat sat on the mat the cat ran a dog ran'.split(' ');

describe('Vocabulary', () => {
  it('counts, sorts by frequency (ties by first occurrence) and maps unknown words to <unk>', () => {
    const vocab = Vocabulary.build(tokens, { minCount: 2 });
    expect(vocab.words).toEqual(['<unk>', 'the', 'cat', 'ran']);
    expect([...vocab.counts]).toEqual([5, 3, 2, 2]);
    expect(vocab.index('cat')).toBe(2);
    expect(vocab.index('zebra')).toBe(0);
    expect(vocab.word(3)).toBe('ran');
    expect([...vocab.encode(['the', 'dog'])]).toEqual([1, 0]);
    expect(vocab.totalCount).toBe(7);
  });

  it('keeps at most maxSize words; without an unknown token an unknown word is an error', () => {
    const vocab = Vocabulary.build(tokens, { minCount: 1, maxSize: 2, unkToken: null });
    expect(vocab.words).toEqual(['the', 'cat']);
    expect(vocab.unkIndex).toBe(-1);
    expect(() => vocab.index('dog')).toThrow(ValueError);
    expect(() => Vocabulary.build(tokens, { minCount: 0 })).toThrow(/minCount must be an integer >= 1, got 0/);
  });

  it("sub-sampling keep probabilities follow gensim's (sqrt(c/t) + 1) t/c with t = sample * total", () => {
    const counts = new Map([['a', 1000], ['b', 100], ['c', 1]]);
    const vocab = Vocabulary.fromCounts(counts, { minCount: 1 });
    const t = 1e-3 * 1101;
    const p = vocab.keepProbabilities(1e-3);
    expect(p[0]).toBe(0);
    expect(p[1]).toBeCloseTo((Math.sqrt(1000 / t) + 1) * (t / 1000), 12);
    expect(p[2]).toBeCloseTo((Math.sqrt(100 / t) + 1) * (t / 100), 12);
    expect(p[3]).toBe(1);
    expect([...vocab.keepProbabilities(0)].slice(1)).toEqual([1, 1, 1]);
    // sample >= 1 is an absolute count threshold: int(sample (3 + sqrt 5) / 2).
    expect(vocab.keepProbabilities(10)[1]).toBeCloseTo((Math.sqrt(1000 / 26) + 1) * (26 / 1000), 12);
  });

  it('the negative-sampling table is the cumulative unigram^0.75 distribution, and sampling follows it', () => {
    const vocab = Vocabulary.fromCounts(new Map([['a', 16], ['b', 1]]), { minCount: 1 });
    const table = vocab.negativeSamplingTable(0.75);
    expect(table[0]).toBe(0);
    expect(table[1]).toBeCloseTo(8 / 9, 12);
    expect(table[2]).toBe(1);
    expect(sampleFromCumulative(table, 0)).toBe(1);
    expect(sampleFromCumulative(table, 0.88)).toBe(1);
    expect(sampleFromCumulative(table, 0.9)).toBe(2);
  });
});
