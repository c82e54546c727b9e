import { describe, expect, it } from 'vitest';
import { trainGlove } from '../src/index.js';
import { plantedAnalogies, plantedCorpus } from './planted-corpus.js';

describe('GloVe training on the generated planted-analogy corpus', () => {
  it('the weighted least-squares loss falls and the planted analogies are solved', async () => {
    const corpus = plantedCorpus({ rows: 6, cols: 4, sentences: 4000, seed: 7 });
    const { wv, losses, entries } = await trainGlove(corpus, { vectorSize: 24, window: 10, minCount: 1, epochs: 30, seed: 2 });
    expect(entries).toBeGreaterThan(1000);
    console.log(`glove: ${entries} co-occurrence entries, loss ${losses[0]!.toFixed(4)} → ${losses.at(-1)!.toFixed(4)}`);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! / 5);
    let related = 0;
    let unrelated = 0;
    for (let c = 1; c < 4; c++) related += wv.similarity('w0_0', `w0_${c}`) / 3;
    for (let r = 1; r < 4; r++) unrelated += wv.similarity('w0_0', `w${r}_${r}`) / 3;
    const { score } = wv.evaluateAnalogies(plantedAnalogies(6, 4));
    console.log(`glove: mean cosine same row ${related.toFixed(3)}, unrelated ${unrelated.toFixed(3)}, analogy accuracy ${(score * 100).toFixed(1)}%`);
    expect(related - unrelated).toBeGreaterThan(0.3);
    expect(score).toBeGreaterThan(0.8);
  });
});
