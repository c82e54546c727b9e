import { argMax, crossEntropy, manualSeed, noGrad, sub, tensor, ValueError } from '@dlkit/core';
import { describe, expect, it } from 'vitest';
import { embeddingFrom, MeanEmbeddingClassifier, sentencesToIndices, Vocabulary, WordVectors } from '../src/index.js';
import { Random32 } from '../src/random.js';

describe('embeddingFrom', () => {
  const wv = WordVectors.fromArrays(['king', 'queen', 'man'], [[1, 2], [3, 4], [5, 6]]);

  it("copies the vectors in wv's order, frozen by default", () => {
    const layer = embeddingFrom(wv);
    expect(layer.weight.shape).toEqual([3, 2]);
    expect(Array.from(layer.weight.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(layer.weight.requiresGrad).toBe(false);
    expect(Array.from(layer.forward(tensor([[2, 0]], { dtype: 'int32' })).dataSync())).toEqual([5, 6, 1, 2]);
  });

  it("follows a vocabulary's indices, zero rows for words without a vector; freeze: false trains", () => {
    const vocab = Vocabulary.build(['man', 'man', 'king', 'woman'], { minCount: 1 });
    const layer = embeddingFrom(wv, vocab, { freeze: false, paddingIdx: vocab.unkIndex });
    const rows = vocab.words.map((w) => Array.from(layer.weight.dataSync().subarray(vocab.index(w) * 2, vocab.index(w) * 2 + 2)));
    expect(rows).toEqual([[0, 0], [5, 6], [1, 2], [0, 0]]); // <unk>, man, king, woman
    expect(layer.weight.requiresGrad).toBe(true);
    const ids = sentencesToIndices([['man', 'king', 'queen']], vocab, 4, vocab.unkIndex);
    expect(Array.from(ids.dataSync())).toEqual([1, 2, 0, 0]); // 'queen' is not in the vocabulary: <unk>
    layer.forward(ids).sum().backward();
    expect(Array.from(layer.weight.grad!.dataSync())).toEqual([0, 0, 1, 1, 1, 1, 0, 0]);
  });

  it('names bad input', () => {
    expect(() => sentencesToIndices([['a']], { index: () => 0 }, 0)).toThrow(ValueError);
    expect(() => embeddingFrom(wv, undefined, { paddingIdx: 3 })).toThrow(/paddingIdx/);
  });
});

describe('Emojify v1: MeanEmbeddingClassifier', () => {
  it('averages word vectors without the padding', () => {
    const wv = WordVectors.fromArrays(['<pad>', 'a', 'b'], [[9, 9], [1, 2], [3, 6]]);
    const model = new MeanEmbeddingClassifier(embeddingFrom(wv, undefined, { paddingIdx: 0 }), 3);
    const average = model.average(tensor([[1, 2, 0, 0], [2, 0, 0, 0]], { dtype: 'int32' }));
    expect(Array.from(average.dataSync())).toEqual([2, 4, 3, 6]);
    expect(model.forward(tensor([[1, 2, 0]], { dtype: 'int32' })).shape).toEqual([1, 3]);
  });

  it('generalizes to sentences of words never seen in training, through the vectors', () => {
    // Three classes, each a direction in 16-d; each class has 8 words near its direction plus shared filler words.
    manualSeed(3);
    const random = new Random32(5);
    const normal = () => Math.sqrt(-2 * Math.log(1 - random.nextFloat())) * Math.cos(2 * Math.PI * random.nextFloat());
    const directions = [0, 1, 2].map(() => Array.from({ length: 16 }, normal));
    const words = ['<pad>'];
    const vectors: number[][] = [new Array(16).fill(0)];
    const classWords = directions.map((direction, c) => Array.from({ length: 8 }, (_, k) => {
      words.push(`c${c}w${k}`);
      vectors.push(direction.map((x) => x + 0.6 * normal()));
      return `c${c}w${k}`;
    }));
    const filler = Array.from({ length: 6 }, (_, k) => {
      words.push(`f${k}`);
      vectors.push(Array.from({ length: 16 }, () => 0.5 * normal()));
      return `f${k}`;
    });
    const wv = WordVectors.fromArrays(words, vectors);
    const sentence = (c: number, seen: boolean) => {
      const pick = (list: readonly string[]) => list[Math.floor(random.nextFloat() * list.length)]!;
      const own = classWords[c]!.slice(seen ? 0 : 5, seen ? 5 : 8); // test sentences use words 5–7 only
      return [pick(filler), pick(own), pick(filler), pick(filler)];
    };
    const make = (count: number, seen: boolean) => {
      const labels = Array.from({ length: count }, (_, i) => i % 3);
      return { ids: sentencesToIndices(labels.map((c) => sentence(c, seen)), wv, 6), labels: tensor(labels, { dtype: 'int32' }) };
    };
    const train = make(60, true);
    const test = make(30, false);
    const model = new MeanEmbeddingClassifier(embeddingFrom(wv, undefined, { paddingIdx: 0 }), 3);
    const accuracy = (data: typeof train) => noGrad(() => {
      const predicted = argMax(model.forward(data.ids), -1).dataSync();
      return Array.from(data.labels.dataSync()).filter((y, i) => predicted[i] === y).length / data.labels.size;
    });
    let first = 0;
    let last = 0;
    for (let step = 0; step < 150; step++) {
      const loss = crossEntropy(model.forward(train.ids), train.labels);
      if (step === 0) first = loss.item();
      last = loss.item();
      model.zeroGrad();
      loss.backward();
      noGrad(() => model.parameters().filter((p) => p.requiresGrad).forEach((p) => p.assign(sub(p, p.grad!.mul(0.5)))));
    }
    expect(model.embedding.weight.requiresGrad).toBe(false);
    expect(last).toBeLessThan(first / 5);
    expect(accuracy(train)).toBe(1);
    expect(accuracy(test)).toBeGreaterThanOrEqual(0.9);
  });
});
