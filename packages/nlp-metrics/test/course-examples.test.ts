import { describe, expect, it } from 'vitest';
import { nltkSentenceBleu, sentenceBleu } from '@dlkit/nlp-metrics';

// The Sequence Models course's BLEU lecture: French "Le chat est sur le tapis.", references
// "The cat is on the mat." and "There is a cat on the mat.". The course counts words without
// regard to case ("The" and "the" are one word), which is `lowercase: true` here; sacreBLEU's
// default is case-sensitive.
const REFERENCE_1 = 'The cat is on the mat';
const REFERENCE_2 = 'There is a cat on the mat';
const tokens = (text: string): string[] => text.toLowerCase().split(' ');

describe("the course's worked BLEU examples", () => {
  it('"the the the the" has unigram precision 1/4 against "The cat is on the mat" (case-sensitive, clipped)', () => {
    // Four hypothesis unigrams, all "the"; the reference holds "the" once ("The" is another
    // token when case matters), so the count is clipped to 1.
    const bleu = sentenceBleu('the the the the', [REFERENCE_1]);
    expect(bleu.counts[0]).toBe(1);
    expect(bleu.totals[0]).toBe(4);
    expect(bleu.precisions[0]).toBeCloseTo(100 / 4, 12);
    const nltk = nltkSentenceBleu([REFERENCE_1.split(' ')], 'the the the the'.split(' '));
    expect(nltk.numerators[0]! / nltk.denominators[0]!).toBe(1 / 4);
  });

  it('"the the the the the the the" has modified unigram precision 2/7 (plain precision would be 7/7)', () => {
    // Every one of the 7 words appears in a reference, so plain precision is 7/7. Clipping caps
    // "the" at its largest count in any single reference: 2 in reference 1, 1 in reference 2.
    const bleu = sentenceBleu('the the the the the the the', [REFERENCE_1, REFERENCE_2], { lowercase: true });
    expect([bleu.counts[0], bleu.totals[0]]).toEqual([2, 7]);
    expect(bleu.precisions[0]).toBeCloseTo((100 * 2) / 7, 12);
    const nltk = nltkSentenceBleu([tokens(REFERENCE_1), tokens(REFERENCE_2)], tokens('the the the the the the the'));
    expect([nltk.numerators[0], nltk.denominators[0]]).toEqual([2, 7]);
    // Case-sensitively, reference 1 holds "the" once only.
    expect(sentenceBleu('the the the the the the the', [REFERENCE_1, REFERENCE_2]).counts[0]).toBe(1);
  });

  it('"The cat the cat on the mat" has modified bigram precision 4/6', () => {
    // Bigrams: "the cat" ×2 (clipped to 1), "cat the" (0), "cat on" (1), "on the" (1), "the mat" (1).
    const bleu = sentenceBleu('The cat the cat on the mat', [REFERENCE_1, REFERENCE_2], { lowercase: true });
    expect([bleu.counts[1], bleu.totals[1]]).toEqual([4, 6]);
  });

  it('"The cat is mat" has precisions 4/4, 2/3, 1/2 and 0/1 and brevity penalty exp(1 − 6/4)', () => {
    // Unigrams the, cat, is, mat: all in reference 1 → 4/4.
    // Bigrams "the cat", "cat is" (both in reference 1), "is mat" (in neither) → 2/3.
    // Trigrams "the cat is" (reference 1), "cat is mat" (neither) → 1/2.
    // The one 4-gram "the cat is mat" is in neither → 0/1.
    // c = 4 words; the closest reference length is 6 (reference 1) → BP = exp(1 − 6/4).
    const bleu = sentenceBleu('The cat is mat', [REFERENCE_1, REFERENCE_2], { lowercase: true, smooth: 'none' });
    expect(bleu.counts).toEqual([4, 2, 1, 0]);
    expect(bleu.totals).toEqual([4, 3, 2, 1]);
    expect(bleu.precisions.slice(0, 3).map((p) => p / 100)).toEqual([1, 2 / 3, 1 / 2].map((p) => expect.closeTo(p, 12)));
    expect([bleu.hypothesisLength, bleu.referenceLength]).toEqual([4, 6]);
    expect(bleu.brevityPenalty).toBeCloseTo(Math.exp(1 - 6 / 4), 15);
    // Without smoothing a zero 4-gram precision makes the geometric mean, and BLEU, 0.
    expect(bleu.score).toBe(0);

    // sacreBLEU's default `exp` smoothing replaces the zero by 1/(2·1) → p4 = 50%:
    // BLEU = BP · exp((log 100 + log 66.7 + log 50 + log 50) / 4).
    const smoothed = sentenceBleu('The cat is mat', [REFERENCE_1, REFERENCE_2], { lowercase: true });
    const expected = Math.exp(1 - 6 / 4) * Math.exp((Math.log(100) + Math.log(200 / 3) + Math.log(50) + Math.log(50)) / 4);
    expect(smoothed.score).toBeCloseTo(expected, 10);

    // NLTK on the same tokens agrees on the counts; smoothing method 1 gives p4 = 0.1/1.
    const nltk = nltkSentenceBleu([tokens(REFERENCE_1), tokens(REFERENCE_2)], tokens('The cat is mat'), { smoothing: 1 });
    expect(nltk.numerators).toEqual([4, 2, 1, 0]);
    expect(nltk.denominators).toEqual([4, 3, 2, 1]);
    expect(nltk.score).toBeCloseTo(Math.exp(1 - 6 / 4) * (1 * (2 / 3) * (1 / 2) * 0.1) ** 0.25, 14);
  });
});
