import { describe, expect, it } from 'vitest';
import { chrF, sentenceChrF, type ChrFOptions } from '@dlkit/nlp-metrics';
import { Mismatches, readGolden } from './golden.js';

interface SacrebleuGolden {
  pairs: { hypothesis: string; references: string[] }[];
  chrf: { options: ChrFOptions; corpus: { score: number; name: string; signature: string }; sentences: number[] }[];
}

const golden = readGolden<SacrebleuGolden>('sacrebleu.json');

describe('chrF and chrF++ agree with sacreBLEU to 1e-9 (tools/fixtures/nlp-metrics/generate_sacrebleu.py)', () => {
  for (const { options, corpus, sentences } of golden.chrf) {
    it(`options ${JSON.stringify(options)}`, () => {
      const mismatches = new Mismatches();
      const score = chrF(golden.pairs.map((p) => p.hypothesis), golden.pairs.map((p) => p.references), options);
      mismatches.close('corpus score', score.score, corpus.score);
      mismatches.equal('corpus name', score.name, corpus.name);
      mismatches.equal('corpus signature', score.signature, corpus.signature);
      golden.pairs.forEach(({ hypothesis, references }, i) => {
        mismatches.close(`sentence ${i}`, sentenceChrF(hypothesis, references, options).score, sentences[i]!);
      });
      expect(mismatches.found).toEqual([]);
    });
  }
});
