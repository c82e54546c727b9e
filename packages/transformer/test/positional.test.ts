import { describe, expect, it } from 'vitest';
import { randn, sum, mul, ShapeError, ValueError, zeros } from '@dlkit/core';
import { applyRotaryEmbedding, LearnedPositionalEmbedding, sinusoidalPositionalEncoding } from '@dlkit/transformer';

describe('sinusoidalPositionalEncoding', () => {
  it('equals PE(pos, 2i) = sin(pos/10000^(2i/d)), PE(pos, 2i+1) = cos(pos/10000^(2i/d)) entry by entry', () => {
    const [length, d] = [50, 16];
    const table = sinusoidalPositionalEncoding(length, d, { dtype: 'float64' }).toArray() as number[][];
    expect(table.length).toBe(length);
    for (let pos = 0; pos < length; pos++) {
      for (let i = 0; i < d / 2; i++) {
        const angle = pos / Math.pow(10000, (2 * i) / d);
        expect(table[pos]![2 * i]).toBe(Math.sin(angle));
        expect(table[pos]![2 * i + 1]).toBe(Math.cos(angle));
      }
    }
    expect(table[0]).toEqual(Array.from({ length: d }, (_, j) => (j % 2 === 0 ? 0 : 1)));
    expect(sinusoidalPositionalEncoding(3, 5).shape).toEqual([3, 5]);
    expect(() => sinusoidalPositionalEncoding(-1, 4)).toThrow(ValueError);
  });
});

describe('applyRotaryEmbedding', () => {
  const f64 = { dtype: 'float64' as const };
  it('keeps norms and makes q·k depend only on the distance between positions', () => {
    const x = randn([2, 6, 8], { ...f64, seed: 1 });
    const rotated = applyRotaryEmbedding(x, { offset: 3 });
    const norms = (t: typeof x) => Array.from(sum(mul(t, t), -1).dataSync());
    norms(rotated).forEach((n, i) => expect(n).toBeCloseTo(norms(x)[i]!, 12));
    expect(Array.from(applyRotaryEmbedding(x, { offset: 0 }).slice([0, 0, 0], [2, 1, 8]).dataSync())).toEqual(Array.from(x.slice([0, 0, 0], [2, 1, 8]).dataSync()));
    const q = randn([1, 1, 8], { ...f64, seed: 2 });
    const k = randn([1, 1, 8], { ...f64, seed: 3 });
    const score = (m: number, n: number) => sum(mul(applyRotaryEmbedding(q, { offset: m }), applyRotaryEmbedding(k, { offset: n }))).item();
    expect(score(7, 3)).toBeCloseTo(score(4, 0), 12);
    expect(score(10, 6)).toBeCloseTo(score(4, 0), 12);
    expect(Math.abs(score(7, 3) - score(3, 7))).toBeGreaterThan(1e-6);
    expect(() => applyRotaryEmbedding(randn([2, 4]), { offset: -1 })).toThrow(ValueError);
    expect(() => applyRotaryEmbedding(randn([2, 3]))).toThrow(ShapeError);
  });
});

describe('LearnedPositionalEmbedding', () => {
  it('adds the rows of positions offset … offset+T−1, and only while they fit', () => {
    const pe = new LearnedPositionalEmbedding(6, 4, { dtype: 'float64' });
    const out = pe.forward(zeros([1, 2, 4], { dtype: 'float64' }), 3).dataSync();
    expect(Array.from(out)).toEqual(Array.from(pe.weight.slice([3, 0], [2, 4]).dataSync()));
    expect(pe.namedParameters().map(([n]) => n)).toEqual(['weight']);
    expect(() => pe.forward(zeros([1, 4, 4], { dtype: 'float64' }), 3)).toThrow(/exceed maxLength 6/);
  });
});
