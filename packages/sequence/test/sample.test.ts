import { describe, expect, it } from 'vitest';
import { manualSeed, registerBackend, setBackend, tensor, tsBackend, ValueError } from '@dlkit/core';
import { sample } from '@dlkit/sequence';

const counts = (draw: (seed: number) => number, n: number, vocab: number): number[] => {
  const c = new Array<number>(vocab).fill(0);
  for (let i = 0; i < n; i++) c[draw(i)]!++;
  return c;
};

describe('sample', () => {
  const logits = tensor([Math.log(0.5), Math.log(0.3), Math.log(0.15), Math.log(0.05)]);

  it('draws with the softmax probabilities, seeded', () => {
    const c = counts((seed) => sample(logits, { seed }).item(), 4000, 4);
    [0.5, 0.3, 0.15, 0.05].forEach((p, k) => expect(Math.abs(c[k]! / 4000 - p)).toBeLessThan(0.03));
    expect(sample(logits, { seed: 5 }).item()).toBe(sample(logits, { seed: 5 }).item());
    manualSeed(1);
    const a = sample(tensor([[0, 0, 0], [1, 1, 1]])).dataSync();
    manualSeed(1);
    expect(sample(tensor([[0, 0, 0], [1, 1, 1]])).dataSync()).toEqual(a);
  });

  it('temperature 0 is the argmax; topK and topP keep only the most likely tokens', () => {
    expect(sample(logits, { temperature: 0 }).item()).toBe(0);
    const topK = counts((seed) => sample(logits, { topK: 2, seed }).item(), 2000, 4);
    expect(topK[2]! + topK[3]!).toBe(0);
    expect(Math.abs(topK[0]! / 2000 - 0.625)).toBeLessThan(0.04);
    const topP = counts((seed) => sample(logits, { topP: 0.9, seed }).item(), 2000, 4); // 0.5 + 0.3 + 0.15 reaches 0.9
    expect(topP[3]).toBe(0);
    expect(topP[2]).toBeGreaterThan(0);
    const sharp = counts((seed) => sample(logits, { temperature: 0.25, seed }).item(), 2000, 4);
    expect(sharp[0]! / 2000).toBeGreaterThan(0.85);
  });

  it('returns int32 [batch] for [batch, vocab] and names bad options', () => {
    const out = sample(tensor([[0, 5, 0], [9, 0, 0]]), { temperature: 0 });
    expect(out.dtype).toBe('int32');
    expect(Array.from(out.dataSync())).toEqual([1, 0]);
    expect(() => sample(logits, { topP: 0 })).toThrow(/topP must be in \(0, 1\], got 0/);
    expect(() => sample(logits, { topK: 1.5 })).toThrow(ValueError);
    expect(() => sample(tensor([[[1]]]))).toThrow(/sample: logits must be a float tensor/);
  });

  it('runs on a backend without float64 (TensorFlow.js has none), drawing the same tokens', () => {
    const drawn = (): number[] => Array.from({ length: 50 }, (_, seed) => sample(tensor([0.1, 1.2, -0.4, 0.8]), { seed }).item());
    const onTs = drawn();
    registerBackend({ ...tsBackend, name: 'ts-float32-only', dtypes: ['float32', 'int32', 'bool'] });
    setBackend('ts-float32-only');
    try {
      expect(drawn()).toEqual(onTs);
    } finally {
      setBackend('ts');
    }
  });
});
