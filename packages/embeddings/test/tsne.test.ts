import { readFileSync } from 'node:fs';
import { ValueError } from '@dlkit/core';
import { describe, expect, it } from 'vitest';
import { trustworthiness, tsne } from '../src/index.js';
import { jointProbabilities, sparseJointProbabilities, squaredDistances } from '../src/tsne/affinities.js';
import { exactKlGradient } from '../src/tsne/gradient.js';
import { barnesHutKlGradient } from '../src/tsne/space-tree.js';
import { Random32 } from '../src/random.js';

/** tools/fixtures/embeddings/tsne-sklearn.json: scikit-learn 1.2's t-SNE internals (tsne_sklearn.py). */
const golden = JSON.parse(readFileSync(new URL('../../../tools/fixtures/embeddings/tsne-sklearn.json', import.meta.url), 'utf8')) as {
  perplexity: number;
  x: number[][];
  y: number[][];
  pExact: number[][];
  pNeighbours: number[][];
  kl: number;
  gradient: number[][];
  trustworthiness5: number;
};
const m = golden.x.length;
const flat = (rows: number[][]) => Float64Array.from(rows.flat());

function expectRelative(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]!));
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThanOrEqual(tolerance * scale);
}

/** Gaussian clusters: `perCluster` points around each of `clusters` random centres in `dims` dimensions. */
function clusters(count: number, perCluster: number, dims: number, seed: number): { rows: number[][]; labels: number[] } {
  const random = new Random32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random.nextFloat())) * Math.cos(2 * Math.PI * random.nextFloat());
  const centres = Array.from({ length: count }, () => Array.from({ length: dims }, () => 4 * normal()));
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < count * perCluster; i++) {
    rows.push(centres[i % count]!.map((c) => c + normal()));
    labels.push(i % count);
  }
  return { rows, labels };
}

/** Fraction of points whose `k` nearest layout neighbours all carry their label. */
function neighbourPurity(embedding: Float64Array, labels: readonly number[], k: number): number {
  const n = labels.length;
  let pure = 0;
  for (let i = 0; i < n; i++) {
    const order = labels.map((_, j) => j).filter((j) => j !== i)
      .sort((a, b) => (embedding[2 * i]! - embedding[2 * a]!) ** 2 + (embedding[2 * i + 1]! - embedding[2 * a + 1]!) ** 2 - (embedding[2 * i]! - embedding[2 * b]!) ** 2 - (embedding[2 * i + 1]! - embedding[2 * b + 1]!) ** 2);
    if (order.slice(0, k).every((j) => labels[j] === labels[i])) pure++;
  }
  return pure / n;
}

describe('t-SNE against scikit-learn 1.2', () => {
  it("exact P: the perplexity-calibrated joint probabilities equal sklearn's _joint_probabilities", () => {
    const p = jointProbabilities(squaredDistances(golden.x), m, golden.perplexity);
    expectRelative(p, flat(golden.pExact), 1e-9);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
  });

  it("Barnes–Hut P: the nearest-neighbour affinities equal sklearn's _joint_probabilities_nn", () => {
    const sparse = sparseJointProbabilities(golden.x, golden.perplexity);
    const dense = new Float64Array(m * m);
    for (let i = 0; i < m; i++) for (let e = sparse.rowStart[i]!; e < sparse.rowStart[i + 1]!; e++) dense[i * m + sparse.cols[e]!] = sparse.values[e]!;
    expectRelative(dense, flat(golden.pNeighbours), 1e-9);
  });

  it("KL(P‖Q) and its gradient at a fixed layout equal sklearn's _kl_divergence", () => {
    const p = jointProbabilities(squaredDistances(golden.x), m, golden.perplexity);
    const { kl, gradient } = exactKlGradient(p, flat(golden.y), m, 2);
    expect(kl).toBeCloseTo(golden.kl, 9);
    expectRelative(gradient, flat(golden.gradient), 1e-9);
  });

  it("trustworthiness equals sklearn's", () => {
    expect(trustworthiness(golden.x, flat(golden.y), 2, 5)).toBeCloseTo(golden.trustworthiness5, 12);
  });
});

describe('Barnes–Hut gradient', () => {
  const { rows } = clusters(4, 100, 10, 3);
  const sparse = sparseJointProbabilities(rows, 20);
  const n = rows.length;
  const dense = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let e = sparse.rowStart[i]!; e < sparse.rowStart[i + 1]!; e++) dense[i * n + sparse.cols[e]!] = sparse.values[e]!;
  const random = new Random32(9);
  const layout = Float64Array.from({ length: n * 2 }, () => 10 * (random.nextFloat() - 0.5));
  const exact = exactKlGradient(dense, layout, n, 2);

  it('equals the exact gradient (same P) at θ = 0', () => {
    const bh = barnesHutKlGradient(sparse, layout, 2, 0);
    expectRelative(bh.gradient, exact.gradient, 1e-10);
    expect(bh.kl).toBeCloseTo(exact.kl, 9);
  });

  it('stays close at θ = 0.5, closer as θ falls (the repulsion is the approximated part)', () => {
    const noAttraction = { ...sparse, values: new Float64Array(sparse.values.length) };
    const exactRepulsion = exactKlGradient(new Float64Array(n * n), layout, n, 2).gradient;
    const relativeError = (a: Float64Array, b: Float64Array) => {
      let diff = 0;
      let norm = 0;
      a.forEach((x, k) => {
        diff += (x - b[k]!) ** 2;
        norm += b[k]! ** 2;
      });
      return Math.sqrt(diff / norm);
    };
    const repulsionError = (theta: number) => relativeError(barnesHutKlGradient(noAttraction, layout, 2, theta).gradient, exactRepulsion);
    expect(repulsionError(0.2)).toBeLessThan(0.02);
    // Measured: 1.1% at θ = 0.2, 8% at θ = 0.5 on this uniform layout (the monopole error grows as θ²).
    expect(repulsionError(0.5)).toBeLessThan(0.1);
    expect(repulsionError(0.2)).toBeLessThan(repulsionError(0.5));
    expect(repulsionError(0.5)).toBeLessThan(repulsionError(0.8));
    const bh = barnesHutKlGradient(sparse, layout, 2, 0.5);
    expect(relativeError(bh.gradient, exact.gradient)).toBeLessThan(0.1);
    expect(Math.abs(bh.kl - exact.kl) / exact.kl).toBeLessThan(0.02); // measured 1.07%
  });

  it('handles duplicate points and 3-D layouts', () => {
    const rowsWithTwins = [...rows.slice(0, 50), ...rows.slice(0, 10)];
    const twins = sparseJointProbabilities(rowsWithTwins, 10);
    const y = Float64Array.from({ length: 60 * 3 }, (_, k) => (k < 30 ? 0.1 * Math.sin(k) : 0.1 * Math.sin(k - 150)));
    const denseTwins = new Float64Array(60 * 60);
    for (let i = 0; i < 60; i++) for (let e = twins.rowStart[i]!; e < twins.rowStart[i + 1]!; e++) denseTwins[i * 60 + twins.cols[e]!] = twins.values[e]!;
    expectRelative(barnesHutKlGradient(twins, y, 3, 0).gradient, exactKlGradient(denseTwins, y, 60, 3).gradient, 1e-10);
  });
});

describe('tsne', () => {
  it('separates generated clusters (exact): neighbourhoods kept, clusters pure, KL fallen', () => {
    const { rows, labels } = clusters(5, 40, 20, 1);
    const start = exactKlGradient(jointProbabilities(squaredDistances(rows), rows.length, 30), new Float64Array(rows.length * 2).map((_, k) => 1e-4 * Math.sin(k)), rows.length, 2).kl;
    const result = tsne(rows, { seed: 1, iterations: 500 });
    expect(result.method).toBe('exact');
    expect(result.kl).toBeLessThan(start / 2);
    expect(trustworthiness(rows, result.embedding, 2, 5)).toBeGreaterThan(0.95);
    expect(neighbourPurity(result.embedding, labels, 5)).toBeGreaterThan(0.97);
  });

  it('separates generated clusters with Barnes–Hut', () => {
    const { rows, labels } = clusters(6, 100, 20, 2);
    const result = tsne(rows, { method: 'barnes-hut', seed: 2, iterations: 300 });
    expect(result.method).toBe('barnes-hut');
    expect(trustworthiness(rows, result.embedding, 2, 10)).toBeGreaterThan(0.9);
    expect(neighbourPurity(result.embedding, labels, 5)).toBeGreaterThan(0.95);
  });

  it('is seeded: the same seed gives the same layout, another seed another', () => {
    const { rows } = clusters(3, 10, 5, 4);
    const run = (seed: number) => tsne(rows, { perplexity: 5, init: 'random', seed, iterations: 100 }).embedding;
    expect(Array.from(run(1))).toEqual(Array.from(run(1)));
    expect(Array.from(run(1))).not.toEqual(Array.from(run(2)));
  });

  it('names bad input', () => {
    expect(() => tsne([[1, 2]])).toThrow(ValueError);
    expect(() => tsne([[1, 2], [3, 4], [5, 6]], { perplexity: 3 })).toThrow(/perplexity must be less than the number of points \(3\), got 3/);
    expect(() => tsne([[1, 2], [3]], { perplexity: 1 })).toThrow(/row 1 has length 1, expected 2/);
    expect(() => tsne([[1, 2], [3, NaN]], { perplexity: 1 })).toThrow(/non-finite/);
    expect(() => tsne([[1, 2], [3, 4]], { perplexity: 1, method: 'barnes-hut', components: 4 })).toThrow(/components <= 3/);
    expect(() => trustworthiness([[1], [2], [3]], [1, 2, 3], 1, 2)).toThrow(/k must be an integer/);
  });
});
