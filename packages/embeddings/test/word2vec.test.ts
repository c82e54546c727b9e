import { ValueError } from '@dlkit/core';
import { describe, expect, it } from 'vitest';
import { trainWord2Vec, type WordVectors } from '../src/index.js';
import { plantedAnalogies, plantedCorpus } from './planted-corpus.js';

const ROWS = 6;
const COLS = 4;
const corpus = plantedCorpus({ rows: ROWS, cols: COLS, sentences: 4000, seed: 7 });

/** Mean cosine of grid words sharing a row vs of grid words sharing neither row nor column. */
function relatedVsRandom(wv: WordVectors): { related: number; unrelated: number } {
  const related: number[] = [];
  const unrelated: number[] = [];
  for (let r1 = 0; r1 < ROWS; r1++)
    for (let c1 = 0; c1 < COLS; c1++)
      for (let r2 = 0; r2 < ROWS; r2++)
        for (let c2 = 0; c2 < COLS; c2++) {
          if (r1 === r2 && c1 < c2) related.push(wv.similarity(`w${r1}_${c1}`, `w${r2}_${c2}`));
          if (r1 < r2 && c1 !== c2) unrelated.push(wv.similarity(`w${r1}_${c1}`, `w${r2}_${c2}`));
        }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { related: mean(related), unrelated: mean(unrelated) };
}

describe('word2vec training on a generated corpus with planted analogies (36k tokens)', () => {
  it('skip-gram: same-row words are much closer than unrelated ones, and the planted analogies are solved', async () => {
    const { wv, vocabulary, wordsTrained } = await trainWord2Vec(corpus, { sg: true, vectorSize: 32, minCount: 1, epochs: 5, seed: 3 });
    expect(vocabulary.size).toBe(ROWS * COLS + 4 * ROWS + 4 * COLS + 40);
    expect(wordsTrained).toBeGreaterThan(0);
    const { related, unrelated } = relatedVsRandom(wv);
    console.log(`skip-gram: mean cosine same row ${related.toFixed(3)}, unrelated ${unrelated.toFixed(3)}`);
    expect(related - unrelated).toBeGreaterThan(0.3);
    const { score } = wv.evaluateAnalogies(plantedAnalogies(ROWS, COLS));
    console.log(`skip-gram: planted analogy accuracy ${(score * 100).toFixed(1)}%`);
    expect(score).toBeGreaterThan(0.9);
  });

  it('CBOW (mean) learns the same structure', async () => {
    const { wv } = await trainWord2Vec(corpus, { vectorSize: 32, minCount: 1, epochs: 5, seed: 3 });
    const { related, unrelated } = relatedVsRandom(wv);
    const { score } = wv.evaluateAnalogies(plantedAnalogies(ROWS, COLS));
    console.log(`cbow: mean cosine same row ${related.toFixed(3)}, unrelated ${unrelated.toFixed(3)}, analogy accuracy ${(score * 100).toFixed(1)}%`);
    expect(related - unrelated).toBeGreaterThan(0.3);
    expect(score).toBeGreaterThan(0.8);
  });

  it('skip-gram with hierarchical softmax only (negative = 0) learns it too', async () => {
    const { wv, syn1, syn1neg } = await trainWord2Vec(corpus, { sg: true, hs: true, negative: 0, vectorSize: 32, minCount: 1, epochs: 5, seed: 3 });
    expect(syn1.length).toBe((wv.size - 1) * 32);
    expect(syn1neg.length).toBe(0);
    const { related, unrelated } = relatedVsRandom(wv);
    const { score } = wv.evaluateAnalogies(plantedAnalogies(ROWS, COLS));
    console.log(`skip-gram hs: mean cosine same row ${related.toFixed(3)}, unrelated ${unrelated.toFixed(3)}, analogy accuracy ${(score * 100).toFixed(1)}%`);
    expect(related - unrelated).toBeGreaterThan(0.3);
    expect(score).toBeGreaterThan(0.8);
  });

  it('two worker threads (Hogwild on shared memory) learn the same structure and report every epoch', async () => {
    const epochs: number[] = [];
    const { wv, wordsTrained } = await trainWord2Vec(corpus, { sg: true, vectorSize: 32, minCount: 1, epochs: 5, seed: 3, workers: 2, onEpoch: ({ epoch }) => epochs.push(epoch) });
    expect(epochs).toEqual([0, 1, 2, 3, 4]);
    expect(wordsTrained).toBeGreaterThan(0);
    const { related, unrelated } = relatedVsRandom(wv);
    const { score } = wv.evaluateAnalogies(plantedAnalogies(ROWS, COLS));
    console.log(`skip-gram, 2 workers: mean cosine same row ${related.toFixed(3)}, unrelated ${unrelated.toFixed(3)}, analogy accuracy ${(score * 100).toFixed(1)}%`);
    expect(related - unrelated).toBeGreaterThan(0.3);
    expect(score).toBeGreaterThan(0.9);
    await expect(trainWord2Vec(corpus, { workers: 0 })).rejects.toThrow(/workers must be an integer >= 1, got 0/);
  });

  it('is seeded, reads async streams, and names bad options', async () => {
    const small = corpus.slice(0, 200);
    const a = await trainWord2Vec(small, { vectorSize: 8, minCount: 1, epochs: 1, seed: 5 });
    async function* stream() {
      yield* small;
    }
    const b = await trainWord2Vec(stream(), { vectorSize: 8, minCount: 1, epochs: 1, seed: 5 });
    expect(b.wv.vectors).toEqual(a.wv.vectors);
    const c = await trainWord2Vec(small, { vectorSize: 8, minCount: 1, epochs: 1, seed: 6 });
    expect(c.wv.vectors).not.toEqual(a.wv.vectors);
    await expect(trainWord2Vec(small, { window: 0 })).rejects.toThrow(/window must be an integer >= 1, got 0/);
    await expect(trainWord2Vec([['a']], { minCount: 2 })).rejects.toThrow(ValueError);
    await expect(trainWord2Vec(small, { negative: 0 })).rejects.toThrow(/negative must be an integer >= 1, got 0/);
  });
});
