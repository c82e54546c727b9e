import { describe, expect, it } from 'vitest';
import { MetricInputError, nltkCorpusBleu, nltkSentenceBleu, type NltkBleuOptions, type NltkBleuScore } from '@dlkit/nlp-metrics';
import { Mismatches, readGolden } from './golden.js';

interface NltkGolden {
  nltkVersion: string;
  pairs: { hypothesis: string[]; references: string[][] }[];
  /** A null score: NLTK raised (method 6 without trigram matches). */
  sentence: { options: NltkBleuOptions; scores: (number | null)[] }[];
  sentenceDetails: Omit<NltkBleuScore, 'score' | 'precisions'>[];
  corpora: { pairs: number[]; cases: { options: NltkBleuOptions; score: number | null }[] }[];
}

const golden = readGolden<NltkGolden>('nltk.json');

/** The score, or the error class name when scoring throws. */
function attempt(score: () => NltkBleuScore): number | string {
  try {
    return score().score;
  } catch (error) {
    return error instanceof MetricInputError ? 'MetricInputError' : String(error);
  }
}

function check(mismatches: Mismatches, where: string, actual: number | string, expected: number | null): void {
  if (expected === null) mismatches.equal(where, actual, 'MetricInputError');
  else if (typeof actual === 'string') mismatches.found.push(`${where}: threw ${actual}, expected ${expected}`);
  else mismatches.close(where, actual, expected);
}

describe('NLTK-compatible BLEU agrees with NLTK to 1e-9 (tools/fixtures/nlp-metrics/generate_nltk.py)', () => {
  it('covers a few hundred pairs', () => {
    expect(golden.pairs.length).toBeGreaterThanOrEqual(300);
    expect(golden.nltkVersion).toBe('3.8');
  });

  for (const { options, scores } of golden.sentence) {
    it(`nltkSentenceBleu with ${JSON.stringify(options)}`, () => {
      const mismatches = new Mismatches();
      golden.pairs.forEach(({ hypothesis, references }, i) => {
        check(mismatches, `pair ${i}`, attempt(() => nltkSentenceBleu(references, hypothesis, options)), scores[i]!);
      });
      expect(mismatches.found).toEqual([]);
    });
  }

  it('reports the counts, lengths and brevity penalty of NLTK’s helper functions', () => {
    const mismatches = new Mismatches();
    golden.pairs.forEach(({ hypothesis, references }, i) => {
      const { numerators, denominators, hypothesisLength, referenceLength, brevityPenalty } = nltkSentenceBleu(references, hypothesis);
      const expected = golden.sentenceDetails[i]!;
      mismatches.equal(`pair ${i} counts`, { numerators, denominators, hypothesisLength, referenceLength }, {
        numerators: expected.numerators,
        denominators: expected.denominators,
        hypothesisLength: expected.hypothesisLength,
        referenceLength: expected.referenceLength,
      });
      mismatches.close(`pair ${i} brevity penalty`, brevityPenalty, expected.brevityPenalty);
    });
    expect(mismatches.found).toEqual([]);
  });

  it('nltkCorpusBleu on runs of 25 pairs and on the whole set, for every smoothing method', () => {
    const mismatches = new Mismatches();
    golden.corpora.forEach((corpus, c) => {
      const pairs = corpus.pairs.map((i) => golden.pairs[i]!);
      for (const { options, score } of corpus.cases) {
        const actual = attempt(() => nltkCorpusBleu(pairs.map((p) => p.references), pairs.map((p) => p.hypothesis), options));
        check(mismatches, `corpus ${c} ${JSON.stringify(options)}`, actual, score);
      }
    });
    expect(mismatches.found).toEqual([]);
  });
});
