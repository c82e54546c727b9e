import { describe, expect, it } from 'vitest';
import { crossEntropy, manualSeed, noGrad } from '@dlkit/core';
import { Adam, fit } from '@dlkit/optim';
import { CharTokenizer, GPT, Transformer } from '@dlkit/transformer';
import { dateVocabularies, generateDatePairs } from '../src/data/dates.js';
import { attentionHeatmapSpec } from '../src/chapters/course5/attention-heatmap.js';
import { BROWN_CHARS, brownGenreText, untagBrownLine } from '../src/chapters/course5/brown-text.js';
import { evaluateWindows, sampleLonger, windowSource } from '../src/chapters/course5/chapter-char-lm.js';
import { crossAttentionOf, DateCodec, translateDates } from '../src/chapters/course5/date-translation.js';

const pairs = generateDatePairs(120, { seed: 3 });
const { human, machine } = dateVocabularies(pairs);
const codec = new DateCodec(human, machine);
const tinyTransformer = (): Transformer => new Transformer({
  srcVocabSize: codec.srcVocabSize, tgtVocabSize: codec.tgtVocabSize, dModel: 16, nHead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 32, dropout: 0, maxLength: 32,
});

describe('date translation pieces', () => {
  it('batches pad the sources to the longest, mask the padding, and shift the targets right after <bos>', () => {
    const chunk = pairs.slice(0, 5);
    const b = codec.batch(chunk);
    const width = Math.max(...chunk.map((p) => p.human.length));
    expect(b.src.shape).toEqual([5, width]);
    expect(b.tgtIn.shape).toEqual([5, 10]);
    const src = b.src.toArray() as number[][];
    const mask = b.srcKeyMask.toArray() as boolean[][];
    chunk.forEach((p, i) => {
      expect(src[i]!.slice(0, p.human.length).map((id) => human[id]).join('')).toBe(p.human);
      expect(src[i]!.slice(p.human.length).every((id) => id === 0)).toBe(true);
      expect(mask[i]!.map((m, j) => m === j < p.human.length).every(Boolean)).toBe(true);
    });
    const tgtIn = b.tgtIn.toArray() as number[][];
    const tgtOut = b.tgtOut.toArray() as number[][];
    tgtIn.forEach((row, i) => {
      expect(row[0]).toBe(codec.bos);
      expect(row.slice(1)).toEqual(tgtOut[i]!.slice(0, 9));
      expect(codec.decodeMachine(tgtOut[i]!)).toBe(chunk[i]!.machine);
    });
  });

  it('fit with the chapter step lowers the teacher-forced loss, greedy translation writes 10 characters, and cross-attention rows are distributions over the real characters', () => {
    manualSeed(1);
    const model = tinyTransformer();
    const batchOf = (indices: number[]) => codec.batch(indices.map((i) => pairs[i]!));
    const step = (m: Transformer, b: ReturnType<typeof batchOf>) => crossEntropy(m.forward(b.src, b.tgtIn, { srcKeyMask: b.srcKeyMask }), b.tgtOut);
    const all = batchOf(pairs.map((_, i) => i));
    const before = noGrad(() => step(model, all)).item();
    fit(model, { step, data: { length: pairs.length, batch: batchOf }, optimizer: new Adam(model.parameters(), { lr: 1e-2 }), epochs: 5, batchSize: 20, seed: 2 });
    const after = noGrad(() => step(model.eval(), all)).item();
    expect(after).toBeLessThan(before / 2); // 2.72 → 1.26 when written (30 steps)

    const out = translateDates(model, codec, pairs.slice(0, 3));
    expect(out).toHaveLength(3);
    for (const o of out) expect(o).toMatch(/^[-0-9?]{10}$/);
    const attention = crossAttentionOf(model, codec, pairs[0]!, out[0]!);
    expect(attention.weights).toHaveLength(10);
    for (const row of attention.weights) {
      expect(row).toHaveLength(pairs[0]!.human.length);
      expect(row.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 5);
    }
    const spec = attentionHeatmapSpec(attention, { title: 't' }) as { data: { values: unknown[] } };
    expect(spec.data.values).toHaveLength(10 * pairs[0]!.human.length);
  });
});

describe('character language model pieces', () => {
  it('untags Brown lines into plain lower-case text', () => {
    expect(untagBrownLine("``/`` I/ppss wish/vb they/ppss were/bed emeralds/nns ''/'' ./.")).toBe("'i wish they were emeralds'.");
    expect(untagBrownLine('He/pps said/vbd ,/, `` Go/vb !/. \'\'/\'\'')).toBe("he said, 'go!'");
    const text = brownGenreText('r');
    expect(text.length).toBeGreaterThan(50_000);
    expect([...new Set(text)].every((ch) => BROWN_CHARS.includes(ch))).toBe(true);
  });

  it('windows pair each input with the text one character later; an untrained GPT scores about ln(vocab)', () => {
    const tokenizer = new CharTokenizer([...BROWN_CHARS]);
    const ids = Int32Array.from(tokenizer.encode('the quick brown fox jumps over the lazy dog. '.repeat(4)));
    const source = windowSource(ids, 8);
    expect(source.length).toBe(Math.floor((ids.length - 1) / 8));
    const b = source.batch([0, 2]);
    expect(tokenizer.decode(Array.from(b.input.dataSync()).slice(0, 8))).toBe('the quic');
    expect(tokenizer.decode(Array.from(b.target.dataSync()).slice(0, 8))).toBe('he quick');
    expect(tokenizer.decode(Array.from(b.input.dataSync()).slice(8))).toBe(tokenizer.decode(Array.from(ids.subarray(16, 24))));
    manualSeed(0);
    const model = new GPT({ vocabSize: tokenizer.vocabSize, dModel: 16, nHead: 2, numLayers: 1, maxLength: 8, dropout: 0 });
    const { loss, accuracy } = evaluateWindows(model, source);
    expect(Math.abs(loss - Math.log(tokenizer.vocabSize))).toBeLessThan(0.2);
    expect(accuracy).toBeGreaterThanOrEqual(0);
    expect(accuracy).toBeLessThanOrEqual(1);
    const samples = sampleLonger(model.eval(), [tokenizer.encode('th'), tokenizer.encode('a ')], 20);
    expect(samples.map((s) => s.length)).toEqual([20, 20]); // beyond the 8-position context
    expect(samples.flat().every((id) => id >= 0 && id < tokenizer.vocabSize)).toBe(true);
    expect(sampleLonger(model, [tokenizer.encode('th'), tokenizer.encode('a ')], 20)).toEqual(samples); // seeded
  });
});
