import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { biasDirection, debias, equalize, neutralize, WordVectors } from '../src/index.js';

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, x, i) => s + x * b[i]!, 0);
const close = (a: ArrayLike<number>, b: ArrayLike<number>, digits = 6) => Array.from(a).forEach((x, i) => expect(x).toBeCloseTo(b[i]!, digits));

describe('debiasing (Bolukbasi et al., the Course 5 lab)', () => {
  const g = [0.5, -0.25, 1, 0];
  const e = [0.2, 0.9, -0.4, 0.3];

  it('neutralize is e − (e·g/‖g‖²) g, orthogonal to g', () => {
    // e·g = 0.1 − 0.225 − 0.4 = −0.525; ‖g‖² = 1.3125; scale = −0.4.
    close(neutralize(e, g), [0.2 + 0.4 * 0.5, 0.9 - 0.4 * 0.25, -0.4 + 0.4, 0.3], 12);
    expect(dot(neutralize(e, g), g)).toBeCloseTo(0, 12);
  });

  it("equalize ('lab') follows the lab's formulas step by step", () => {
    const e1 = [0.3, 0.1, 0.6, -0.2];
    const e2 = [-0.1, 0.4, -0.5, 0.1];
    const gg = dot(g, g);
    const mu = e1.map((x, i) => (x + e2[i]!) / 2);
    const muB = g.map((x) => (dot(mu, g) / gg) * x);
    const muOrth = mu.map((x, i) => x - muB[i]!);
    const expected = [e1, e2].map((ei) => {
      const eiB = g.map((x) => (dot(ei, g) / gg) * x);
      const norm = Math.hypot(...ei.map((x, i) => x - muOrth[i]! - muB[i]!));
      return eiB.map((x, i) => (Math.sqrt(Math.abs(1 - dot(muOrth, muOrth))) * (x - muB[i]!)) / norm + muOrth[i]!);
    });
    const [a, b] = equalize(e1, e2, g);
    close(a, expected[0]!, 12);
    close(b, expected[1]!, 12);
    // Both now have the same component orthogonal to g and opposite components along it.
    close(neutralize(a, g), neutralize(b, g), 12);
    expect(dot(a, g)).toBeCloseTo(-dot(b, g), 12);
  });

  it("equalize ('debiaswe') gives unit vectors symmetric about the g-orthogonal plane", () => {
    const [a, b] = equalize([0.3, 0.1, 0.6, -0.2], [-0.1, 0.4, -0.5, 0.1], g, 'debiaswe');
    expect(dot(a, a)).toBeCloseTo(1, 12);
    expect(dot(b, b)).toBeCloseTo(1, 12);
    close(neutralize(a, g), neutralize(b, g), 12);
    expect(dot(a, g)).toBeGreaterThan(0);
  });

  it('biasDirection: a pair gives e_a − e_b; several pairs the top principal component of the centred pairs', () => {
    const wv = WordVectors.fromArrays(['she', 'he', 'her', 'his', 'woman', 'man'], [[1, 0.2, 0], [-1, 0, 0.1], [0.9, -0.1, 0.3], [-0.8, 0.1, 0.2], [1.1, 0.5, -0.2], [-0.9, 0.3, -0.1]]);
    close(biasDirection(wv, ['she', 'he']), [2, 0.2, -0.1]);
    const pairs = [['she', 'he'], ['her', 'his'], ['woman', 'man']] as const;
    const v = biasDirection(wv, pairs);
    // v is the unit eigenvector of C = Σ_rows r rᵀ (rows ±(e_a − e_b)/2) with the largest eigenvalue.
    const diffs = pairs.map(([a, b]) => Array.from(wv.vector(a), (x, i) => (x - wv.vector(b)[i]!) / 2));
    const cv = [0, 1, 2].map((i) => diffs.reduce((s, r) => s + 2 * r[i]! * dot(r, v), 0));
    const lambda = dot(cv, v);
    close(cv, Array.from(v, (x) => lambda * x), 9);
    expect(dot(v, v)).toBeCloseTo(1, 12);
    for (const probe of [[0, 1, 0], [0, 0, 1], [0.7, 0.7, 0]]) {
      const cp = [0, 1, 2].map((i) => diffs.reduce((s, r) => s + 2 * r[i]! * dot(r, probe), 0));
      expect(dot(cp, probe) / dot(probe, probe)).toBeLessThanOrEqual(lambda + 1e-12);
    }
    expect(v[0]).toBeGreaterThan(0.9);
  });

  it('debias returns new WordVectors: neutral words lose their bias component, pairs are equalized', () => {
    const wv = WordVectors.fromArrays(['woman', 'man', 'nurse', 'actress', 'actor', 'tree'], [[1, 0.5, 0], [-1, 0.4, 0.1], [0.6, 0.3, 0.5], [0.8, -0.2, 0.4], [-0.5, -0.1, 0.45], [0.1, 0.1, 0.1]]);
    const dir = biasDirection(wv, ['woman', 'man']);
    const fair = debias(wv, { direction: dir, neutralize: ['nurse', 'unknown'], equalize: [['actress', 'actor']] });
    expect(dot(fair.vector('nurse'), dir)).toBeCloseTo(0, 6);
    close(fair.vector('tree'), wv.vector('tree'));
    expect(fair.similarity('nurse', 'actress')).toBeCloseTo(fair.similarity('nurse', 'actor'), 5);
    expect(wv.similarity('nurse', 'actress')).not.toBeCloseTo(wv.similarity('nurse', 'actor'), 2);
    expect(wv.vector('nurse')[0]).toBeCloseTo(0.6, 6);
  });
});

/** tools/fixtures/embeddings/debias-numpy.json: the lab's formulas and debiaswe's code in NumPy (debias_numpy.py). */
const numpy = JSON.parse(readFileSync(new URL('../../../tools/fixtures/embeddings/debias-numpy.json', import.meta.url), 'utf8')) as {
  words: string[];
  vectors: number[][];
  g: number[];
  neutralize: Record<string, number[]>;
  equalize: Record<string, [number[], number[]]>;
  definitionalPairs: [string, string][];
  gPca: number[];
  equalizeDebiaswe: Record<string, [number[], number[]]>;
  debias: { neutralize: string[]; equalize: [string, string][]; vectors: number[][] };
};

describe('debiasing against the NumPy golden values', () => {
  const wv = WordVectors.fromArrays(numpy.words, numpy.vectors);

  it("wv.neutralize equals the lab's neutralize, with g from one pair", () => {
    const g = biasDirection(wv, ['woman', 'man']);
    close(g, numpy.g, 12);
    for (const [word, expected] of Object.entries(numpy.neutralize)) close(wv.neutralize(word, g), expected, 12);
  });

  it("wv.equalize equals the lab's equalize, and debiaswe's with the PCA direction", () => {
    for (const [key, [e1, e2]] of Object.entries(numpy.equalize)) {
      const [a, b] = key.split('|') as [string, string];
      const [x, y] = wv.equalize(a, b, numpy.g);
      close(x, e1, 12);
      close(y, e2, 12);
    }
    const gPca = biasDirection(wv, numpy.definitionalPairs);
    close(gPca, numpy.gPca, 10);
    for (const [key, [e1, e2]] of Object.entries(numpy.equalizeDebiaswe)) {
      const [a, b] = key.split('|') as [string, string];
      const [x, y] = wv.equalize(a, b, gPca, 'debiaswe');
      close(x, e1, 10);
      close(y, e2, 10);
    }
  });

  it('debias gives the whole debiased matrix (float32)', () => {
    const fair = debias(wv, { direction: biasDirection(wv, ['woman', 'man']), neutralize: numpy.debias.neutralize, equalize: numpy.debias.equalize });
    numpy.words.forEach((word, i) => close(fair.vector(word), numpy.debias.vectors[i]!, 6));
  });
});
