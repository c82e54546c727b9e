import { describe, expect, it } from 'vitest';
import { ShapeError, tensor, ValueError } from '@dlkit/core';
import { batchedNms, nms } from '../src/index.js';
import { boxesOf, readGolden } from './golden.js';

interface NmsCase {
  kind: string;
  n: number;
  boxes: number[];
  scores: number[];
  classes: number[];
  results: { threshold: number; nms: number[]; batched: number[] }[];
}
const cases = readGolden<{ nms: NmsCase[] }>('boxes-golden.json').nms;

describe('nms and batchedNms against torchvision 0.14 (float32, tied scores, duplicates)', () => {
  for (const c of cases) {
    it(`${c.kind} boxes, n=${c.n}: identical indices at thresholds ${c.results.map((r) => r.threshold).join(', ')}`, () => {
      const boxes = boxesOf(c.boxes, 'float32');
      const scores = tensor(Float32Array.from(c.scores));
      const classes = tensor(Int32Array.from(c.classes), { dtype: 'int32' });
      for (const r of c.results) {
        const kept = nms(boxes, scores, r.threshold);
        expect(kept.dtype).toBe('int32');
        expect(Array.from(kept.dataSync())).toEqual(r.nms);
        expect(Array.from(batchedNms(boxes, scores, classes, r.threshold).dataSync())).toEqual(r.batched);
      }
    });
  }

  it('scoreThreshold and maxDetections filter before and after suppression', () => {
    const c = cases[1]!;
    const boxes = boxesOf(c.boxes, 'float32'), scores = tensor(Float32Array.from(c.scores));
    const r = c.results[2]!;
    expect(Array.from(nms(boxes, scores, r.threshold, { maxDetections: 5 }).dataSync())).toEqual(r.nms.slice(0, 5));
    const kept = Array.from(nms(boxes, scores, r.threshold, { scoreThreshold: 0.5 }).dataSync());
    expect(kept.every((i) => c.scores[i]! >= 0.5)).toBe(true);
    expect(kept.length).toBeGreaterThan(0);
  });
});

describe('nms drops only IoU strictly above the threshold', () => {
  it('keeps a box whose IoU equals the threshold', () => {
    // IoU of [0,0,2,1] and [1,0,3,1] is exactly 1/3.
    const boxes = tensor([[0, 0, 2, 1], [1, 0, 3, 1]], { dtype: 'float64' });
    const scores = tensor([0.9, 0.8], { dtype: 'float64' });
    expect(Array.from(nms(boxes, scores, 1 / 3).dataSync())).toEqual([0, 1]);
    expect(Array.from(nms(boxes, scores, 0.33).dataSync())).toEqual([0]);
  });
});

describe('bad inputs', () => {
  const boxes = tensor([[0, 0, 1, 1], [0, 0, 2, 2]]);
  const scores = tensor([0.5, 0.4]);
  it('names the function and the shapes', () => {
    expect(() => nms(tensor([[0, 0, 1]]), tensor([1]), 0.5)).toThrow(ShapeError);
    expect(() => nms(tensor([[0, 0, 1]]), tensor([1]), 0.5)).toThrow(/nms: boxes must have shape \[N, 4\], got \[1, 3\]/);
    expect(() => nms(boxes, tensor([0.5, 0.4, 0.3]), 0.5)).toThrow(/nms: scores must have shape \[2\] \(one per box\), got \[3\]/);
    expect(() => nms(tensor([[0, 0, -1, 1]]), tensor([1]), 0.5)).toThrow(ValueError);
    expect(() => nms(tensor([[0, 0, -1, 1]]), tensor([1]), 0.5)).toThrow(/x2 >= x1/);
    expect(() => nms(boxes, scores, 1.5)).toThrow(/nms: iouThreshold must be a number in \[0, 1\], got 1.5/);
    expect(() => nms(boxes, scores, -0.1)).toThrow(ValueError);
    expect(() => nms(boxes, tensor([Number.NaN, 1]), 0.5)).toThrow(/scores\[0\] is NaN/);
    expect(() => batchedNms(boxes, scores, tensor([0], { dtype: 'int32' }), 0.5)).toThrow(/batchedNms: classes must have shape \[2\]/);
    expect(() => nms(boxes, scores, 0.5, { maxDetections: -1 })).toThrow(/maxDetections/);
  });
});
