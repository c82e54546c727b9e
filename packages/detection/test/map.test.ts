import { describe, expect, it } from 'vitest';
import { ValueError } from '@dlkit/core';
import { meanAveragePrecision, type ApInterpolation, type Detection, type GroundTruth } from '../src/index.js';
import { maxAbsDiff, readGolden } from './golden.js';

interface ClassResult { ap: number; recall?: number[]; precision?: number[]; apPerIou?: number[] }
interface MapCase { groundTruths: GroundTruth[]; detections: Detection[]; results: Record<string, { map: number; perClass: Record<string, ClassResult> }> }
const cases = readGolden<{ map: MapCase[] }>('reference-golden.json').map;

describe('meanAveragePrecision against the numpy reference of the VOC and COCO rules', () => {
  cases.forEach((c, index) => {
    it(`case ${index}: ${c.groundTruths.length} objects (difficult ones included), ${c.detections.length} detections with duplicates and misses`, () => {
      for (const [key, expected] of Object.entries(c.results)) {
        const [interpolation, threshold] = key === 'coco' ? ['coco', '0.5'] : key.split('@') as [string, string];
        const result = meanAveragePrecision(c, { interpolation: interpolation as ApInterpolation, iouThreshold: Number(threshold) });
        expect(result.map, key).toBeCloseTo(expected.map, 12);
        expect(result.perClass.map((p) => String(p.label))).toEqual(Object.keys(expected.perClass));
        for (const p of result.perClass) {
          const ref = expected.perClass[String(p.label)]!;
          expect(p.ap, `${key} class ${p.label}`).toBeCloseTo(ref.ap, 12);
          if (ref.recall) expect(maxAbsDiff(p.recall, ref.recall)).toBeLessThan(1e-12);
          if (ref.precision) expect(maxAbsDiff(p.precision, ref.precision)).toBeLessThan(1e-12);
          if (ref.apPerIou) expect(maxAbsDiff(p.apPerIou!, ref.apPerIou)).toBeLessThan(1e-12);
        }
      }
    });
  });

  it('perfect detections give 1, a duplicate is a false positive, a difficult match is ignored', () => {
    const groundTruths: GroundTruth[] = [{ image: 0, label: 'a', box: [0, 0, 10, 10] }, { image: 0, label: 'a', box: [20, 20, 30, 30], difficult: true }];
    const hit: Detection = { image: 0, label: 'a', box: [0, 0, 10, 10], score: 0.9 };
    expect(meanAveragePrecision({ detections: [hit], groundTruths }).map).toBe(1);
    expect(meanAveragePrecision({ detections: [hit, { ...hit, box: [20, 20, 30, 30], score: 0.95 }], groundTruths }).map).toBe(1);
    // A duplicate scored above the hit comes first: precision 1/1 then 1/2 at recall 1 → AP 1 … then the duplicate below:
    const dup = meanAveragePrecision({ detections: [hit, { ...hit, score: 0.5 }], groundTruths });
    expect(dup.perClass[0]!.precision).toEqual([1, 0.5]);
    expect(dup.perClass[0]!.recall).toEqual([1, 1]);
  });

  it('rejects bad boxes and options with typed errors', () => {
    const groundTruths: GroundTruth[] = [{ image: 0, label: 0, box: [5, 0, 1, 10] }];
    expect(() => meanAveragePrecision({ detections: [], groundTruths })).toThrow(ValueError);
    expect(() => meanAveragePrecision({ detections: [], groundTruths })).toThrow(/meanAveragePrecision: groundTruths\[0\]\.box/);
    expect(() => meanAveragePrecision({ detections: [], groundTruths: [] }, { iouThreshold: 2 })).toThrow(/iouThreshold must be a number in \[0, 1\]/);
  });
});
