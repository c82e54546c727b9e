import { describe, expect, it } from 'vitest';
import { gradcheck, manualSeed, nn, noGrad, randn, tensor, type Tensor } from '@dlkit/core';
import { Conv2d, MaxPool2d } from '@dlkit/cnn';
import { Adam, fit } from '@dlkit/optim';
import {
  decodeLandmarks, decodeLocalization, landmarkLoss, landmarkTargets, LandmarkHead, localizationLoss, localizationTargets, LocalizationHead,
  type YoloObject,
} from '../src/index.js';

describe('localizationTargets and landmarkTargets', () => {
  it("build the course's y = [pc, bx, by, bh, bw, c1..cK] and [pc, l1x, l1y, …]", () => {
    const y = localizationTargets([{ box: [0.2, 0.3, 0.6, 0.9], label: 1 }, null], 3).toArray() as number[][];
    expect(y[0]!.map((v) => Number(v.toFixed(6)))).toEqual([1, 0.4, 0.6, 0.6, 0.4, 0, 1, 0]);
    expect(y[1]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    const l = landmarkTargets([[[0.25, 0.5], [0.75, 0.5]], null], 2).toArray();
    expect(l).toEqual([[1, 0.25, 0.5, 0.75, 0.5], [0, 0, 0, 0, 0]]);
    expect(() => localizationTargets([{ box: [0.5, 0.3, 0.4, 0.9], label: 0 }], 3)).toThrow(/localizationTargets: objects\[0\]\.box .* x2 > x1/);
    expect(() => localizationTargets([{ box: [0.1, 0.1, 0.4, 0.9], label: 3 }], 3)).toThrow(/label must be an integer in \[0, 3\)/);
    expect(() => landmarkTargets([[[0.1, 0.1]]], 2)).toThrow(/landmarkTargets: landmarks\[0\] has 1 points, expected 2/);
  });
});

describe('localizationLoss', () => {
  const targets = localizationTargets([{ box: [0.2, 0.3, 0.6, 0.9], label: 1 }, null, { box: [0, 0, 0.5, 0.5], label: 2 }], 3);
  it('counts only the pc error where pc = 0 and every component where pc = 1', () => {
    const out = randn([3, 8], { seed: 1 });
    const sig = (v: number): number => 1 / (1 + Math.exp(-v));
    const o = out.toArray() as number[][], y = targets.toArray() as number[][];
    const expected = o.map((row, i) => {
      const pcErr = (sig(row[0]!) - y[i]![0]!) ** 2;
      if (y[i]![0] === 0) return pcErr;
      const box = [1, 2, 3, 4].reduce((s, j) => s + (sig(row[j]!) - y[i]![j]!) ** 2, 0);
      const z = row.slice(5).map(Math.exp), total = z.reduce((a, b) => a + b, 0);
      return pcErr + box + z.reduce((s, e, k) => s + (e / total - y[i]![5 + k]!) ** 2, 0);
    });
    expect(localizationLoss(out, targets).item()).toBeCloseTo(expected.reduce((a, b) => a + b, 0) / 3, 5);
    // Changing the box or class outputs of the background image changes nothing.
    const moved = (out.toArray() as number[][]).map((row, i) => (i === 1 ? [row[0]!, 5, -5, 5, -5, 9, -9, 3] : row));
    expect(localizationLoss(tensor(moved), targets).item()).toBeCloseTo(localizationLoss(out, targets).item(), 6);
    expect(localizationLoss(tensor(moved), targets, 'log').item()).toBeCloseTo(localizationLoss(out, targets, 'log').item(), 6);
  });
  it('passes gradcheck in both variants, as does landmarkLoss (float64)', () => {
    const x = randn([3, 8], { dtype: 'float64', seed: 2 });
    const t64 = targets.cast('float64');
    for (const variant of ['squared', 'log'] as const) expect(gradcheck((o) => localizationLoss(o!, t64, variant), [x]).ok).toBe(true);
    const lt = landmarkTargets([[[0.2, 0.3], [0.6, 0.4]], null], 2).cast('float64');
    const lx = randn([2, 5], { dtype: 'float64', seed: 3 });
    for (const variant of ['squared', 'log'] as const) expect(gradcheck((o) => landmarkLoss(o!, lt, variant), [lx]).ok).toBe(true);
  });
  it('rejects mismatched shapes and unknown variants', () => {
    expect(() => localizationLoss(randn([3, 7]), targets)).toThrow(/localizationLoss: output and targets must have the same shape/);
    expect(() => localizationLoss(randn([3, 8]), targets, 'cubic' as 'log')).toThrow(/variant must be 'squared' or 'log'/);
    expect(() => decodeLandmarks(randn([2, 4]))).toThrow(/decodeLandmarks: output must have shape \[m, 1 \+ 2L\]/);
  });
});

/** 16 × 16 grey images: a bright square (class 0) or hollow frame (class 1) somewhere, or nothing. */
function localizationData(count: number, seed: number): { x: Tensor; objects: (YoloObject | null)[]; corners: ([number, number][] | null)[] } {
  let s = seed * 7919 + 17;
  const rand = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const images = new Float32Array(count * 256);
  const objects: (YoloObject | null)[] = [], corners: ([number, number][] | null)[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 4 === 3) { objects.push(null); corners.push(null); continue; }
    const size = 5 + Math.floor(rand() * 6), x = Math.floor(rand() * (16 - size)), y = Math.floor(rand() * (16 - size));
    const label = rand() < 0.5 ? 0 : 1;
    for (let r = y; r < y + size; r++) for (let c = x; c < x + size; c++) {
      if (label === 0 || r === y || c === x || r === y + size - 1 || c === x + size - 1) images[i * 256 + r * 16 + c] = 1;
    }
    objects.push({ box: [x / 16, y / 16, (x + size) / 16, (y + size) / 16], label });
    corners.push([[x / 16, y / 16], [(x + size) / 16, (y + size) / 16]]);
  }
  return { x: tensor(images, { shape: [count, 16, 16, 1] }), objects, corners };
}

const backbone = (): nn.Module[] => [new Conv2d(1, 8, 3, { padding: 'same' }), new nn.ReLU(), new MaxPool2d(2), new Conv2d(8, 8, 3, { padding: 'same' }), new nn.ReLU(), new MaxPool2d(2)];

describe('a localization head on a cnn backbone learns (end to end, through fit)', () => {
  it('finds the object, its class and its box; a landmark head finds the corners', () => {
    manualSeed(0);
    const { x, objects, corners } = localizationData(96, 1);
    const y = localizationTargets(objects, 2);
    const model = new nn.Sequential(...backbone(), new LocalizationHead(4 * 4 * 8, 2, { hidden: 32 }));
    const first = localizationLoss(model.forward(x), y, 'log').item();
    const { history } = fit(model, { step: (m, [xb, yb]) => localizationLoss(m.forward(xb), yb, 'log'), data: [x, y], optimizer: new Adam(model.parameters(), { lr: 0.01 }), epochs: 40, batchSize: 32, seed: 1 });
    expect(history['loss']!.at(-1)!).toBeLessThan(first / 5);
    const pred = noGrad(() => decodeLocalization(model.forward(x)));
    const pc = pred.pc.dataSync(), box = pred.box.dataSync(), probs = pred.classProbs.dataSync();
    let right = 0, boxError = 0, found = 0;
    objects.forEach((o, i) => {
      if ((pc[i]! > 0.5) === (o !== null)) right++;
      if (o === null) return;
      found++;
      if ((probs[2 * i + 1]! > 0.5 ? 1 : 0) === o.label) right++;
      const truth = [(o.box[0] + o.box[2]) / 2, (o.box[1] + o.box[3]) / 2, o.box[3] - o.box[1], o.box[2] - o.box[0]];
      boxError += truth.reduce((s, t, j) => s + Math.abs(t - box[4 * i + j]!), 0) / 4;
    });
    expect(right / (objects.length + found)).toBeGreaterThan(0.95);
    expect(boxError / found).toBeLessThan(0.05); // under a pixel of the 16 × 16 image on average

    const ly = landmarkTargets(corners, 2);
    const marks = new nn.Sequential(...backbone(), new LandmarkHead(4 * 4 * 8, 2, { hidden: 32 }));
    const before = landmarkLoss(marks.forward(x), ly).item();
    const result = fit(marks, { step: (m, [xb, yb]) => landmarkLoss(m.forward(xb), yb), data: [x, ly], optimizer: new Adam(marks.parameters(), { lr: 0.01 }), epochs: 40, batchSize: 32, seed: 1 });
    expect(result.history['loss']!.at(-1)!).toBeLessThan(before / 5);
    const decoded = noGrad(() => decodeLandmarks(marks.forward(x)));
    expect(decoded.landmarks.shape).toEqual([96, 2, 2]);
    const points = decoded.landmarks.dataSync();
    let pointError = 0, faces = 0;
    corners.forEach((c, i) => {
      if (c === null) return;
      faces++;
      pointError += c.flat().reduce((s, v, j) => s + Math.abs(v - points[4 * i + j]!), 0) / 4;
    });
    console.log(`landmarks e2e: loss ${before.toFixed(3)} → ${result.history['loss']!.at(-1)!.toFixed(3)}, mean corner error ${(pointError / faces).toFixed(4)}`);
    expect(pointError / faces).toBeLessThan(0.05);
  });
});
