import { ValueError } from '@dlkit/core';
import { describe, expect, it } from 'vitest';
import { pca } from '../src/index.js';

describe('pca', () => {
  it('finds the principal axes and variances of points with a known covariance', () => {
    // Points ±3 along u = (0.6, 0.8, 0) and ±1 along w = (−0.8, 0.6, 0), shifted by (5, −2, 1).
    const u = [0.6, 0.8, 0];
    const w = [-0.8, 0.6, 0];
    const rows = [
      [3, 0], [-3, 0], [0, 1], [0, -1],
    ].map(([a, b]) => u.map((x, d) => a! * x + b! * w[d]! + [5, -2, 1][d]!));
    const { components, explainedVariance, projected } = pca(rows, 2);
    // Covariance = (18 u uᵀ + 2 w wᵀ) / 3: eigenvalues 6 and 2/3.
    expect(explainedVariance[0]).toBeCloseTo(6, 10);
    expect(explainedVariance[1]).toBeCloseTo(2 / 3, 10);
    Array.from(components.subarray(0, 3)).forEach((x, d) => expect(x).toBeCloseTo(u[d]!, 10));
    Array.from(components.subarray(3, 6)).forEach((x, d) => expect(x).toBeCloseTo(w[d]! * -1, 10));
    expect(Array.from(projected).map((x) => Math.round(x * 1e9) / 1e9 + 0)).toEqual([3, 0, -3, 0, 0, -1, 0, 1]);
  });

  it('names bad input', () => {
    expect(() => pca([[1, 2]])).toThrow(ValueError);
    expect(() => pca([[1, 2], [3]])).toThrow(/row 1 has length 1, expected 2/);
    expect(() => pca([[1, 2], [3, 4]], 3)).toThrow(/components must be an integer in \[1, 2\], got 3/);
  });
});
