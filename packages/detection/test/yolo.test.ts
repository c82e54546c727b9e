import { describe, expect, it } from 'vitest';
import { gradcheck, manualSeed, noGrad, randn, tensor, nn, type Tensor } from '@dlkit/core';
import { Conv2d, MaxPool2d } from '@dlkit/cnn';
import { Adam } from '@dlkit/optim';
import {
  decode, encodeTargets, filterBoxes, kmeansAnchors, meanAveragePrecision, yoloEval, yoloLoss, YOLO_V1_LOSS, YOLO_V2_LAB_LOSS,
  type GroundTruth, type YoloConfig, type YoloObject,
} from '../src/index.js';

const config: YoloConfig = { gridSize: 2, anchors: [[0.2, 0.2], [0.5, 0.3]], numClasses: 3 };

describe('encodeTargets and decode', () => {
  it('puts each object in the cell of its centre and the anchor of best shape IoU, and decode inverts it', () => {
    const objects: YoloObject[][] = [[{ box: [0.6, 0.1, 0.8, 0.3], label: 2 }, { box: [0.0, 0.5, 0.5, 0.8], label: 1 }]];
    const t = encodeTargets(objects, config);
    const mask = t.objectMask.toArray() as number[][][][];
    expect(mask[0]![0]![1]).toEqual([1, 0]); // centre (0.7, 0.2): row 0, col 1, small anchor
    expect(mask[0]![1]![0]).toEqual([0, 1]); // centre (0.25, 0.65): row 1, col 0, wide anchor
    expect(Array.from(t.objectMask.dataSync()).reduce((s, v) => s + v, 0)).toBe(2);
    // An output whose raw values are the targets' inverse decodes back to the boxes.
    const c = t.coordinates.dataSync();
    const out = new Float32Array(1 * 2 * 2 * 2 * 8).fill(-20);
    for (let slot = 0; slot < 8; slot++) {
      const x = c[slot * 4]!, y = c[slot * 4 + 1]!;
      out.set([Math.log(x / (1 - x)), Math.log(y / (1 - y)), c[slot * 4 + 2]!, c[slot * 4 + 3]!], slot * 8);
    }
    const decoded = decode(tensor(out, { shape: [1, 2, 2, 16] }), config);
    const boxes = decoded.boxes.dataSync();
    expect(Array.from(boxes.subarray(8, 12)).map((v) => Number(v.toFixed(5)))).toEqual([0.6, 0.1, 0.8, 0.3]);
    expect(Array.from(boxes.subarray(20, 24)).map((v) => Number(v.toFixed(5)))).toEqual([0, 0.5, 0.5, 0.8]);
  });

  it('rejects outputs of the wrong shape and objects outside the image', () => {
    expect(() => decode(randn([1, 2, 2, 15]), config)).toThrow(/decode: output must have shape \[m, 2, 2, 16\]/);
    expect(() => encodeTargets([[{ box: [0.5, 0.5, 0.4, 0.6], label: 0 }]], config)).toThrow(/x2 > x1/);
    expect(() => encodeTargets([[{ box: [0.1, 0.1, 0.2, 0.2], label: 3 }]], config)).toThrow(/label must be an integer in \[0, 3\)/);
  });
});

describe('yoloLoss', () => {
  const objects: YoloObject[][] = [[{ box: [0.6, 0.1, 0.8, 0.3], label: 2 }], [{ box: [0.1, 0.5, 0.5, 0.8], label: 0 }, { box: [0.55, 0.55, 0.9, 0.95], label: 1 }]];
  const targets = encodeTargets(objects, config);
  it('passes gradcheck with both presets (float64)', () => {
    const x = randn([2, 2, 2, 16], { dtype: 'float64', seed: 3 });
    for (const weights of [YOLO_V1_LOSS, YOLO_V2_LAB_LOSS]) {
      // The ignore mask and IoU target are constants of the predictions (held fixed), as in the lab.
      const fixed = { ...weights, ignoreThreshold: 1, confidenceTarget: 'one' as const };
      expect(gradcheck((o) => yoloLoss(o!, targets, config, fixed).total, [x]).ok).toBe(true);
    }
  });
  it('weights its terms as the presets say', () => {
    const x = randn([2, 2, 2, 16], { seed: 4 });
    const v1 = yoloLoss(x, targets, config, YOLO_V1_LOSS);
    const unit = yoloLoss(x, targets, config, { ...YOLO_V1_LOSS, coordinates: 1, noObject: 1 });
    expect(v1.coordinates.item()).toBeCloseTo(5 * unit.coordinates.item(), 4);
    expect(v1.noObject.item()).toBeCloseTo(0.5 * unit.noObject.item(), 5);
    const v2 = yoloLoss(x, targets, config, YOLO_V2_LAB_LOSS);
    expect(v2.total.item()).toBeCloseTo(v2.coordinates.item() + v2.object.item() + v2.noObject.item() + v2.classes.item(), 5);
  });
});

describe('kmeansAnchors', () => {
  it('finds the shape clusters with the 1 − IoU distance', () => {
    const boxes: [number, number][] = [];
    for (let i = 0; i < 30; i++) boxes.push([0.1 + 0.001 * i, 0.1], [0.4, 0.2 + 0.001 * i], [0.2, 0.6 - 0.001 * i]);
    const { anchors, meanIou } = kmeansAnchors(boxes, 3, { seed: 1 });
    expect(anchors.map(([w, h]) => [Number(w.toFixed(2)), Number(h.toFixed(2))])).toEqual([[0.11, 0.1], [0.4, 0.21], [0.2, 0.59]]);
    expect(meanIou).toBeGreaterThan(0.9);
    expect(() => kmeansAnchors(boxes.slice(0, 2), 3)).toThrow(/needs at least k = 3 boxes/);
  });
});

/** A 16×16 grey image with 1–2 bright squares (class 0) or hollow frames (class 1). */
function scene(seed: number): { image: Float32Array; objects: YoloObject[] } {
  let s = seed * 7919 + 13;
  const rand = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const image = new Float32Array(16 * 16);
  const objects: YoloObject[] = [];
  const count = 1 + Math.floor(rand() * 2);
  for (let o = 0; o < count; o++) {
    const size = 4 + Math.floor(rand() * 3);
    const x = o * 8 + Math.floor(rand() * (8 - size + 1)), y = Math.floor(rand() * (16 - size));
    const label = rand() < 0.5 ? 0 : 1;
    for (let r = y; r < y + size; r++) for (let c = x; c < x + size; c++) {
      const edge = r === y || c === x || r === y + size - 1 || c === x + size - 1;
      if (label === 0 || edge) image[r * 16 + c] = 1;
    }
    objects.push({ box: [x / 16, y / 16, (x + size) / 16, (y + size) / 16], label });
  }
  return { image, objects };
}

describe('a small YOLO learns (end to end)', () => {
  it('trains on generated scenes: the loss falls and mAP@0.5 rises', () => {
    manualSeed(0);
    const yolo: YoloConfig = { gridSize: 4, anchors: [[0.3, 0.3]], numClasses: 2 };
    const scenes = Array.from({ length: 48 }, (_, i) => scene(i));
    const x: Tensor = tensor(Float32Array.from(scenes.flatMap((sc) => Array.from(sc.image))), { shape: [48, 16, 16, 1] });
    const targets = encodeTargets(scenes.map((sc) => sc.objects), yolo);
    const model = new nn.Sequential(
      new Conv2d(1, 16, 3, { padding: 'same' }), new nn.ReLU(), new MaxPool2d(2),
      new Conv2d(16, 16, 3, { padding: 'same' }), new nn.ReLU(), new MaxPool2d(2),
      new Conv2d(16, 7, 1),
    );
    const groundTruths: GroundTruth[] = scenes.flatMap((sc, image) => sc.objects.map((o) => ({ image, label: o.label, box: o.box })));
    const map = (): number => noGrad(() => meanAveragePrecision({ detections: yoloEval(model.forward(x), yolo, { scoreThreshold: 0.2 }).flat(), groundTruths }).map);
    const optimizer = new Adam(model.parameters(), { lr: 0.01 });
    const first = yoloLoss(model.forward(x), targets, yolo).total.item();
    const mapBefore = map();
    let last = first;
    for (let step = 0; step < 150; step++) {
      optimizer.zeroGrad();
      const loss = yoloLoss(model.forward(x), targets, yolo).total;
      loss.backward();
      optimizer.step();
      last = loss.item();
    }
    const mapAfter = map();
    console.log(`yolo e2e: loss ${first.toFixed(3)} → ${last.toFixed(3)}, mAP@0.5 ${mapBefore.toFixed(3)} → ${mapAfter.toFixed(3)}`);
    expect(last).toBeLessThan(first / 5);
    expect(mapAfter).toBeGreaterThan(0.8);
    expect(filterBoxes(decode(model.forward(x.slice([0, 0, 0, 0], [1, 16, 16, 1])), yolo))[0]!.length).toBeGreaterThan(0);
  });
});
