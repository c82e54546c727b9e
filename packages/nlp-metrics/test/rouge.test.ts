import { describe, expect, it } from 'vitest';
import { corpusRouge, rouge } from '@dlkit/nlp-metrics';

describe('rouge', () => {
  it('scores unigram, bigram and LCS overlap with precision, recall and F1', () => {
    // Hypothesis: the cat was found under the bed (7 tokens); reference: the cat was under the bed (6).
    // Unigrams: all 6 reference tokens matched → P 6/7, R 6/6.
    // Bigrams: the cat, cat was, under the, the bed match; was found, found under do not → P 4/6, R 4/5.
    // LCS: "the cat was under the bed" (6) → P 6/7, R 1.
    const score = rouge('the cat was found under the bed', 'the cat was under the bed');
    const f1 = (p: number, r: number): number => (2 * p * r) / (p + r);
    expect(score.rouge1).toEqual({ precision: 6 / 7, recall: 1, f: f1(6 / 7, 1) });
    expect(score.rouge2.precision).toBeCloseTo(4 / 6, 15);
    expect(score.rouge2.recall).toBeCloseTo(4 / 5, 15);
    expect(score.rouge2.f).toBeCloseTo(f1(4 / 6, 4 / 5), 15);
    expect(score.rougeL).toEqual({ precision: 6 / 7, recall: 1, f: f1(6 / 7, 1) });
  });

  it('clips repeated n-grams and uses the longest common subsequence, not substring', () => {
    // LCS of "a b c d e" and "a x c y e" is "a c e".
    expect(rouge('a x c y e', 'a b c d e').rougeL.recall).toBeCloseTo(3 / 5, 15);
    // "the" ×4 against one "the": 1 clipped match out of 4.
    expect(rouge('the the the the', 'the cat').rouge1.precision).toBe(1 / 4);
  });

  it('tokenizes as rouge-score (lowercase, [a-z0-9] runs) or by Unicode letters', () => {
    expect(rouge("Don't STOP!", 'don t stop').rouge1.f).toBe(1);
    // rouge-score's tokenizer drops non-ASCII letters: "café" → "caf".
    expect(rouge('café', 'caf').rouge1.f).toBe(1);
    expect(rouge('café', 'caf', { tokenize: 'unicode' }).rouge1.f).toBe(0);
    expect(rouge('Straße ist groß', 'straße ist klein', { tokenize: 'unicode' }).rouge1.recall).toBeCloseTo(2 / 3, 15);
    expect(rouge('a|b', 'a|b', { tokenize: (text) => [text] }).rouge1.f).toBe(1);
  });

  it('takes, per variant, the reference with the best F', () => {
    const score = rouge('the cat sat', ['a dog ran', 'the cat sat down']);
    expect(score.rouge1.recall).toBe(3 / 4);
    expect(score.rouge2.recall).toBe(2 / 3);
  });

  it('averages sentence scores over a corpus', () => {
    const score = corpusRouge(['the cat sat', 'a dog ran'], ['the cat sat down', ['a dog ran', 'the dog ran']]);
    expect(score.rouge1.f).toBeCloseTo((6 / 7 + 1) / 2, 15);
    expect(score.rouge1.precision).toBe(1);
  });
});
