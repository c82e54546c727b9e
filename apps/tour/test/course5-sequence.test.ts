import { describe, expect, it } from 'vitest';
import { crossEntropy, manualSeed, noGrad, reshape } from '@dlkit/core';
import { Adam, fit } from '@dlkit/optim';
import { Seq2Seq } from '@dlkit/sequence';
import { TokenLanguageModel, sequenceBatches, type SequenceBatch } from '../src/chapters/course5/token-model.js';
import { DateCodec, heldOutDates, ISO_LENGTH, type DateBatch } from '../src/chapters/course5/date-batches.js';
import { dateVocabularies, generateDatePairs } from '../src/data/dates.js';
import { loadFirstNames, NAME_ALPHABET } from '../src/data/names.js';
import { heatmapSpec } from '../src/report/heatmap.js';
import { renderSvg } from '../src/report/render.js';

describe('date translation pieces', () => {
  const pairs = generateDatePairs(300, { seed: 3 });
  const vocab = dateVocabularies(pairs);
  const codec = new DateCodec(vocab.human, vocab.machine);

  it('batches pad to the batch’s longest date and shift the target right behind the start token', () => {
    const chosen = [{ human: '3/5/02', machine: '2002-03-05' }, { human: 'march 5, 2002', machine: '2002-03-05' }];
    const b = codec.batch(chosen);
    expect(b.source.shape).toEqual([2, 13]);
    expect(b.lengths).toEqual([6, 13]);
    const source = Array.from(b.source.dataSync());
    expect(source.slice(6, 13)).toEqual([0, 0, 0, 0, 0, 0, 0]); // <pad>
    expect(source.slice(0, 6)).toEqual(codec.encodeHuman('3/5/02'));
    expect(codec.encodeHuman('§')).toEqual([1]); // <unk>
    const targetIn = Array.from(b.targetIn.dataSync()).slice(0, ISO_LENGTH);
    const targetOut = Array.from(b.targetOut.dataSync()).slice(0, ISO_LENGTH);
    expect(codec.decodeMachine(targetOut)).toBe('2002-03-05');
    expect(targetIn[0]).toBe(codec.start);
    expect(targetIn.slice(1)).toEqual(targetOut.slice(0, -1));
    expect(codec.targetVocabSize).toBe(12);
  });

  it('held-out dates share no calendar day with the training pairs', () => {
    const test = heldOutDates(generateDatePairs(400, { seed: 4 }), pairs, 100);
    expect(test).toHaveLength(100);
    const seen = new Set(pairs.map((p) => p.machine));
    expect(test.every((p) => !seen.has(p.machine))).toBe(true);
  });

  it('a small Seq2Seq trained through the batch source learns to rewrite "yyyy/mm/dd" dates: the loss falls below half its start', () => {
    manualSeed(2);
    const iso = generateDatePairs(2000, { seed: 5 }).map((p) => ({ human: p.machine.replaceAll('-', '/'), machine: p.machine }));
    const isoCodec = new DateCodec(dateVocabularies(iso).human, dateVocabularies(iso).machine);
    const model = new Seq2Seq({ sourceVocabSize: isoCodec.human.length, targetVocabSize: isoCodec.targetVocabSize, embeddingDim: 8, encoderHidden: 8, decoderHidden: 16, attentionDim: 8 });
    const lossOf = (m: Seq2Seq, b: DateBatch) => crossEntropy(reshape(m.forward(b.source, b.targetIn, { sourceLengths: b.lengths }).logits, [-1, isoCodec.targetVocabSize]), b.targetOut);
    const first = noGrad(() => lossOf(model, isoCodec.batch(iso.slice(0, 256)))).item();
    fit(model, { step: lossOf, data: isoCodec.source(iso), optimizer: new Adam(model.parameters(), { lr: 0.02 }), epochs: 2, batchSize: 100, seed: 1 });
    const last = noGrad(() => lossOf(model, isoCodec.batch(iso.slice(0, 256)))).item();
    expect(last).toBeLessThan(first / 2);
  }, 60_000);
});

describe('character-level names pieces', () => {
  it('loads real first names from both @stdlib lists, lower case, without duplicates', () => {
    const names = loadFirstNames();
    expect(names.length).toBeGreaterThan(8000);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => /^[a-z]+$/.test(n))).toBe(true);
    expect(names).toContain('aaron'); // male list
    expect(names).toContain('abagail'); // female list
  });

  it('batches start with the end token, end the target with it and ignore padding', () => {
    const source = sequenceBatches([[1, 2, 3], [4]]);
    const { x, y } = source.batch([0, 1]);
    expect(x.shape).toEqual([2, 4]);
    expect(Array.from(x.dataSync())).toEqual([0, 1, 2, 3, 0, 4, 0, 0]);
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 0, 4, 0, -1, -1]);
  });

  it('trains on a few names and samples strings over the alphabet that end', () => {
    manualSeed(3);
    const names = loadFirstNames().slice(0, 300).map((n) => [...n].map((ch) => NAME_ALPHABET.indexOf(ch)));
    const model = new TokenLanguageModel(NAME_ALPHABET.length, 8, 24);
    const lossOf = (m: TokenLanguageModel, b: SequenceBatch) => crossEntropy(reshape(m.forward(b.x), [-1, NAME_ALPHABET.length]), reshape(b.y, [-1]), { ignoreIndex: -1 });
    const { history } = fit(model, { step: lossOf, data: sequenceBatches(names), optimizer: new Adam(model.parameters(), { lr: 0.02 }), epochs: 6, batchSize: 32, seed: 1 });
    expect(history['loss']![0]!).toBeGreaterThan(2.8); // ≈ log 27 at the start
    expect(history['loss']!.at(-1)!).toBeLessThan(2.5);
    const samples = model.generate(5, { temperature: 0.8, maxLength: 12, seed: 1 });
    expect(samples).toHaveLength(5);
    expect(samples.every((s) => s.length <= 12 && s.every((id) => id >= 1 && id < NAME_ALPHABET.length))).toBe(true);
    expect(model.generate(5, { temperature: 0.8, maxLength: 12, seed: 1 })).toEqual(samples); // seeded
  }, 60_000);
});

describe('heatmapSpec', () => {
  it('draws one cell per value with repeated labels kept apart', async () => {
    const spec = heatmapSpec([[0.9, 0.1, 0], [0, 0.2, 0.8]], { title: 'attention', rowLabels: ['1', '1'], columnLabels: ['a', ' ', 'a'] });
    const svg = await renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('␣');
    expect((svg.match(/>a</g) ?? []).length).toBe(2);
  });
});
