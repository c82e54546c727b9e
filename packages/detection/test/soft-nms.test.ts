import { describe, expect, it } from 'vitest';
import { tensor, ValueError } from '@dlkit/core';
import { softNms } from '../src/index.js';
import { boxesOf, maxAbsDiff, readGolden } from './golden.js';

interface SoftCase {
  boxes: number[]; scores: number[]; method: 'linear' | 'gaussian'; sigma: number; iouThreshold: number; scoreThreshold: number;
  indices: number[]; keptScores: number[];
}
const cases = readGolden<{ softNms: SoftCase[] }>('reference-golden.json').softNms;

describe('softNms against the numpy reference of Bodla et al.', () => {
  for (const c of cases) {
    it(`${c.method}, σ=${c.sigma}, Nt=${c.iouThreshold}, score threshold ${c.scoreThreshold}`, () => {
      const { indices, scores } = softNms(boxesOf(c.boxes), tensor(c.scores, { dtype: 'float64' }), c);
      expect(Array.from(indices.dataSync())).toEqual(c.indices);
      expect(maxAbsDiff(scores.dataSync(), c.keptScores)).toBeLessThan(1e-12);
    });
  }

  it('maxDetections cuts the selection and bad options are typed errors', () => {
    const c = cases[0]!;
    const { indices } = softNms(boxesOf(c.boxes), tensor(c.scores, { dtype: 'float64' }), { ...c, maxDetections: 3 });
    expect(Array.from(indices.dataSync())).toEqual(c.indices.slice(0, 3));
    expect(() => softNms(boxesOf(c.boxes), tensor(c.scores, { dtype: 'float64' }), { sigma: 0 })).toThrow(ValueError);
    expect(() => softNms(boxesOf(c.boxes), tensor([1, 2], { dtype: 'float64' }))).toThrow(/softNms: scores must have shape \[30\]/);
  });
});
