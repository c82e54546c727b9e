import { describe, expect, it } from 'vitest';
import { manualSeed, tensor } from '@dlkit/core';
import { boxIou } from '@dlkit/detection';
import { detectionPanelsSvg } from '../src/chapters/course4/detection-figures.js';
import { shapeScenes, SHAPE_CLASSES } from '../src/chapters/course4/shape-scenes.js';
import { detect, trainShapeYolo } from '../src/chapters/course4/shape-yolo.js';
import { slidingWindowRace } from '../src/chapters/course4/sliding-windows.js';

describe('generated shape scenes', () => {
  it('are seeded, with 1–3 objects of 10–16 pixels, centres in distinct grid cells and limited overlap', () => {
    const a = shapeScenes(50, 1), b = shapeScenes(50, 1);
    expect(a.map((s) => s.objects)).toEqual(b.map((s) => s.objects));
    expect(Array.from(a[0]!.pixels)).toEqual(Array.from(b[0]!.pixels));
    for (const scene of a) {
      expect(scene.pixels).toHaveLength(32 * 32 * 3);
      expect(scene.objects.length).toBeGreaterThanOrEqual(1);
      expect(scene.objects.length).toBeLessThanOrEqual(3);
      const cells = scene.objects.map(({ box }) => Math.floor(((box[1] + box[3]) / 2) * 4) * 4 + Math.floor(((box[0] + box[2]) / 2) * 4));
      expect(new Set(cells).size).toBe(cells.length);
      for (const { box, label } of scene.objects) {
        expect(label).toBeGreaterThanOrEqual(0);
        expect(label).toBeLessThan(SHAPE_CLASSES.length);
        for (const side of [box[2] - box[0], box[3] - box[1]]) {
          expect(side * 32).toBeGreaterThanOrEqual(10);
          expect(side * 32).toBeLessThanOrEqual(16);
        }
      }
      const iou = boxIou(tensor(scene.objects.map((o) => [...o.box])), tensor(scene.objects.map((o) => [...o.box]))).toArray() as number[][];
      iou.forEach((row, i) => row.forEach((v, j) => { if (i !== j) expect(v).toBeLessThanOrEqual(0.2 + 1e-6); }));
    }
    expect(a.some((s) => s.objects.length === 3)).toBe(true);
  });
});

describe('the detection chapter, small', () => {
  it('trains a tiny YOLO through fit, detects and draws before/after NMS', async () => {
    manualSeed(0);
    const train = shapeScenes(64, 1);
    const yolo = trainShapeYolo(train, { side: 32, gridSize: 4, anchors: 2, epochs: 2, batchSize: 32, learningRate: 0.01, channels: [4, 8, 8], progress: false });
    expect(yolo.config.anchors).toHaveLength(2);
    expect(yolo.losses).toHaveLength(2);
    expect(yolo.losses[1]!).toBeLessThan(yolo.losses[0]!);
    const before = detect(yolo.model, train.slice(0, 2), yolo.config, 32, 1);
    const after = detect(yolo.model, train.slice(0, 2), yolo.config, 32);
    expect(before).toHaveLength(2);
    expect(after[0]!.length).toBeLessThanOrEqual(before[0]!.length);
    const svg = detectionPanelsSvg([{ title: 'before', panels: [{ scene: train[0]!, detections: before[0]!.slice(0, 3) }] }], 32);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('data:image/png;base64,');
  });

  it('the convolutional sliding window gives the naive loop\'s scores', () => {
    manualSeed(0);
    const race = slidingWindowRace({ trainCrops: 64, epochs: 1, images: 1, side: 32 });
    expect(race.windows).toBe(25); // (32 − 16) / 4 + 1 = 5 per side
    expect(race.maxDifference).toBeLessThan(1e-4);
  });
});
