import { describe, expect, it } from 'vitest';
import { cer, wer } from '@dlkit/nlp-metrics';

describe('wer', () => {
  it('counts substitutions, deletions and insertions of a minimum-cost alignment', () => {
    const result = wer('the cat sat on the the mat', 'a cat sat on the mat');
    expect(result).toMatchObject({ substitutions: 1, deletions: 0, insertions: 1, hits: 5, referenceLength: 6, hypothesisLength: 7 });
    expect(result.errorRate).toBe(2 / 6);
  });

  it('returns the word alignment', () => {
    expect(wer('the cat sat', 'the dog sat down').alignments).toEqual([
      [
        { type: 'match', reference: 'the', hypothesis: 'the' },
        { type: 'substitution', reference: 'dog', hypothesis: 'cat' },
        { type: 'match', reference: 'sat', hypothesis: 'sat' },
        { type: 'deletion', reference: 'down' },
      ],
    ]);
    expect(wer('well the cat', 'the cat').alignments[0]![0]).toEqual({ type: 'insertion', hypothesis: 'well' });
  });

  it('sums edits and reference words over a corpus rather than averaging rates', () => {
    // 1 error in 1 word and 0 errors in 4 words: 1/5, not the mean of 1 and 0.
    const result = wer(['b', 'w x y z'], ['a', 'w x y z']);
    expect(result.errorRate).toBe(1 / 5);
    expect(result.alignments).toHaveLength(2);
  });

  it('can exceed 1 when the hypothesis inserts many words', () => {
    expect(wer('a b c d', 'a').errorRate).toBe(3);
  });
});

describe('cer', () => {
  it('is the character edit distance over reference characters', () => {
    // kitten → sitting: k→s, e→i substitutions and a missing g.
    expect(cer('kitten', 'sitting')).toMatchObject({ substitutions: 2, deletions: 1, insertions: 0, errorRate: 3 / 7 });
  });

  it('counts code points, and collapses whitespace runs as jiwer does', () => {
    expect(cer('😀a', '😀b')).toMatchObject({ referenceLength: 2, substitutions: 1 });
    expect(cer('  a   b ', 'a b').errorRate).toBe(0);
  });
});
