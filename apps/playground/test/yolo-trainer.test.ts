import { describe, expect, it } from 'vitest';
import type { Detection } from '@dlkit/detection';
import type { ShapeScene } from '@dlkit/tour/shape-scenes';
import { DEFAULT_YOLO_CONFIG, YOLO_SCENE } from '../src/yolo/config.js';
import { createYoloTrainer } from '../src/yolo/trainer.js';

const iou = (a: readonly number[], b: readonly number[]): number => {
  const w = Math.max(0, Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!));
  const h = Math.max(0, Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!));
  return (w * h) / ((a[2]! - a[0]!) * (a[3]! - a[1]!) + (b[2]! - b[0]!) * (b[3]! - b[1]!) - w * h);
};

/** Mean over the ground-truth objects of their best IoU with a detection of their class (0 if none). */
const meanBestIou = (scenes: readonly ShapeScene[], detections: readonly (readonly Detection[])[]): number => {
  const best = scenes.flatMap((scene, i) =>
    scene.objects.map((o) => Math.max(0, ...detections[i]!.filter((d) => d.label === o.label).map((d) => iou(d.box, o.box)))),
  );
  return best.reduce((a, b) => a + b, 0) / best.length;
};

describe('YOLO trainer', () => {
  it('learns the shape scenes: the loss falls and the held-out boxes come to overlap the ground truth', () => {
    const trainer = createYoloTrainer({ ...DEFAULT_YOLO_CONFIG, steps: 150, heldOutScenes: 60, shown: 20 });
    expect(trainer.yolo).toMatchObject({ gridSize: YOLO_SCENE.gridSize, numClasses: 3 });
    expect(trainer.yolo.anchors).toHaveLength(YOLO_SCENE.anchors);
    const start = trainer.evaluate();
    const first = trainer.train(20);
    trainer.train(110);
    const last = trainer.train(1000); // the last 20 steps: capped at config.steps
    const end = trainer.evaluate();
    const before = meanBestIou(trainer.shown, start.detections);
    const after = meanBestIou(trainer.shown, end.detections);
    console.log(`yolo: loss ${first.loss.toFixed(2)} → ${last.loss.toFixed(2)} in ${last.step} steps; mAP@0.5 ${start.map.toFixed(3)} → ${end.map.toFixed(3)}; mean best IoU ${before.toFixed(2)} → ${after.toFixed(2)}`);
    expect(last.step).toBe(150);
    expect(last.loss).toBeLessThan(0.7 * first.loss);
    expect(end.map).toBeGreaterThan(start.map + 0.15);
    expect(after).toBeGreaterThan(0.4);
    expect(after).toBeGreaterThan(before + 0.12);
    // Boxes are fractions of the image, best first.
    for (const list of end.detections) {
      for (const d of list) for (const v of d.box) expect(Math.abs(v - 0.5)).toBeLessThan(1);
      expect(list.map((d) => d.score)).toEqual([...list.map((d) => d.score)].sort((a, b) => b - a));
    }
  }, 120_000);

  it('is reproducible: the same seed gives the same losses and detections, another seed differs', () => {
    const config = { ...DEFAULT_YOLO_CONFIG, trainScenes: 64, heldOutScenes: 8, shown: 2, batchSize: 8, channels: [4, 8, 8] as const, steps: 10 };
    const run = (seed: number) => {
      const trainer = createYoloTrainer({ ...config, seed });
      const losses = [trainer.train(5).loss, trainer.train(5).loss];
      return { losses, evaluation: trainer.evaluate() };
    };
    const a = run(1);
    expect(run(1)).toEqual(a);
    expect(run(2).losses).not.toEqual(a.losses);
  }, 60_000);
});
