import { argMax, crossEntropy, manualSeed, noGrad, tensor } from '@dlkit/core';
import { embeddingFrom, sentencesToIndices, Vocabulary, WordVectors } from '@dlkit/embeddings';
import { brownCorpusFiles, readTaggedSentences } from '@dlkit/embeddings/node';
import { Adam, fit } from '@dlkit/optim';
import { describe, expect, it } from 'vitest';
import { EMOJIS, emojifyData, unseenKeyword } from '../src/chapters/course5/emojify-data.js';
import { EmojifyV2 } from '../src/chapters/course5/emojify-v2.js';
import { renderReportHtml } from '../src/report/html.js';

describe('generated Emojify data', () => {
  const data = emojifyData();

  it("has the lab's sizes and classes, balanced and seeded", () => {
    expect(data.train).toHaveLength(132);
    expect(data.test).toHaveLength(56);
    expect(emojifyData()).toEqual(data);
    for (let label = 0; label < EMOJIS.length; label++) expect(data.train.filter((s) => s.label === label).length).toBeGreaterThanOrEqual(26);
    expect(Math.max(...data.train.concat(data.test).map((s) => s.words.length))).toBeLessThanOrEqual(10);
    expect(data.train.every((s) => s.words.includes(s.keyword))).toBe(true);
  });

  it('holds some class words out of training, so part of the test set needs the vectors', () => {
    const unseen = data.test.filter((s) => unseenKeyword(s, data.train));
    expect(unseen.length).toBeGreaterThan(5);
    expect(unseen.length).toBeLessThan(data.test.length / 2);
  });
});

describe('Brown corpus reader', () => {
  it('reads the 500 files as sentences of lower-case words (letters, inner hyphens and apostrophes)', () => {
    expect(brownCorpusFiles()).toHaveLength(500);
    const sentences = readTaggedSentences(brownCorpusFiles().slice(0, 1), { lowercase: true, wordsOnly: true });
    expect(sentences.length).toBeGreaterThan(50);
    expect(sentences.flat().every((w) => /^\p{L}+(?:['-]\p{L}+)*$/u.test(w) && w === w.toLowerCase())).toBe(true);
    expect(sentences[0]!.slice(0, 3)).toEqual(['the', 'fulton', 'county']);
  });
});

describe('Emojify v2 (LSTM over frozen vectors)', () => {
  it('learns the generated sentences from planted vectors', () => {
    manualSeed(1);
    const data = emojifyData({ train: 100, test: 40 });
    const words = [...new Set(data.train.concat(data.test).flatMap((s) => s.words))];
    const keywordClass = new Map(data.train.concat(data.test).map((s) => [s.keyword, s.label]));
    // Class words near their class's axis, other words small and random: what trained vectors give, ideally.
    const vectors = words.map((w, i) => Array.from({ length: 8 }, (_, d) => (keywordClass.get(w) === d ? 1 : 0) + 0.1 * Math.sin(7 * i + d)));
    const wv = WordVectors.fromArrays(words, vectors);
    const vocabulary = Vocabulary.build(words, { minCount: 1 });
    const encode = (set: typeof data.train) => ({
      ids: sentencesToIndices(set.map((s) => s.words), vocabulary, 10, vocabulary.unkIndex),
      lengths: tensor(set.map((s) => s.words.length), { dtype: 'int32' }),
      labels: tensor(set.map((s) => s.label), { dtype: 'int32' }),
    });
    const train = encode(data.train);
    const test = encode(data.test);
    const model = new EmojifyV2(embeddingFrom(wv, vocabulary, { paddingIdx: vocabulary.unkIndex }), 16);
    const result = fit(model, {
      step: (m, [ids, lengths, labels]: readonly [typeof train.ids, typeof train.ids, typeof train.ids]) => crossEntropy(m.forward(ids, lengths), labels),
      data: [train.ids, train.lengths, train.labels] as const,
      optimizer: new Adam(model.parameters().filter((p) => p.requiresGrad), { lr: 0.02 }),
      epochs: 15,
      batchSize: 25,
      seed: 1,
    });
    model.eval();
    const losses = result.history['loss']!;
    expect(losses.at(-1)!).toBeLessThan(losses[0]! / 3);
    const predicted = noGrad(() => argMax(model.forward(test.ids, test.lengths), -1).dataSync());
    const accuracy = data.test.filter((s, i) => predicted[i] === s.label).length / data.test.length;
    expect(accuracy).toBeGreaterThan(0.9);
    expect(model.embedding.weight.requiresGrad).toBe(false);
  });
});

describe('report tables', () => {
  it('renders a chapter table with its caption', async () => {
    const html = await renderReportHtml({
      title: 't', backend: 'ts', totalSeconds: 1, generated: new Date(0),
      sections: [{ id: 's', title: 'S', course: 'C', paragraphs: [], summaries: [], figures: [], tables: [{ caption: 'cos `g`', head: ['word', 'before'], rows: [['nurse', '0.12']] }] }],
    });
    expect(html).toContain('<table><caption>cos <code>g</code></caption><thead><tr><th>word</th><th>before</th></tr></thead><tbody><tr><td>nurse</td><td>0.12</td></tr></tbody></table>');
  });
});
