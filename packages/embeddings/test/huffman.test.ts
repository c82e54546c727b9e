import { ValueError } from '@dlkit/core';
import { describe, expect, it } from 'vitest';
import { huffmanTree } from '../src/index.js';

describe('huffmanTree', () => {
  it('gives optimal prefix-free codes whose paths run from the root (inner node size − 2)', () => {
    // Merges: 1+1 = 2, 2+3 = 5, 5+5 = 10: code lengths 1, 2, 3, 3.
    const { codes, points } = huffmanTree(Float64Array.of(5, 3, 1, 1));
    expect(codes.map((c) => c.length)).toEqual([1, 2, 3, 3]);
    const strings = codes.map((c) => c.join(''));
    expect(new Set(strings).size).toBe(4);
    for (const a of strings) for (const b of strings) if (a !== b) expect(b.startsWith(a)).toBe(false);
    for (const p of points) expect(p[0]).toBe(2);
    points.forEach((p, w) => expect(p.length).toBe(codes[w]!.length));
  });

  it('satisfies Kraft equality and puts frequent words higher on a larger vocabulary', () => {
    const counts = Float64Array.from({ length: 200 }, (_, i) => Math.floor(10000 / (i + 1)));
    const { codes, points } = huffmanTree(counts);
    expect(codes.reduce((s, c) => s + 2 ** -c.length, 0)).toBeCloseTo(1, 12);
    for (let w = 1; w < counts.length; w++) expect(codes[w]!.length).toBeGreaterThanOrEqual(codes[w - 1]!.length);
    for (const p of points) for (const node of p) expect(node >= 0 && node <= 198).toBe(true);
  });

  it('names bad input', () => {
    expect(() => huffmanTree([1])).toThrow(ValueError);
    expect(() => huffmanTree([1, 2])).toThrow(/sorted descending, got 1 then 2 at 1/);
  });
});
