import { Generator, manualSeed, randn, tensor } from '@dlkit/core';
import { describe, expect, it } from 'vitest';
import { AUGMENTATIONS } from '../src/chapters/course4/chapter-augmentation.js';
import { convCosts } from '../src/chapters/course4/chapter-costs.js';
import { labelAccuracies, trainSceneNet } from '../src/chapters/course4/chapter-multitask.js';
import { transferExperiment } from '../src/chapters/course4/chapter-transfer.js';
import { DeepNet } from '../src/chapters/course4/deep-nets.js';
import { digitImages, MNIST_MEAN, MNIST_STD } from '../src/chapters/course4/digits.js';
import { loadMnist } from '../src/data/mnist.js';
import { generateScenes, SCENE_SIDE } from '../src/data/scenes.js';
import { imageGridSpec } from '../src/report/charts.js';
import { renderSvg } from '../src/report/render.js';

describe('conv costs from summary()', () => {
  it("are the lecture's numbers", () => {
    const c = convCosts({ networks: false });
    expect(c.direct.totalMacs).toBe(28 * 28 * 32 * 5 * 5 * 192); // 120,422,400
    expect(c.bottleneck.totalMacs).toBe(28 * 28 * 16 * 192 + 28 * 28 * 32 * 25 * 16); // 12,443,648
    // 6×6×3, 3×3 → 5: normal 4·4·5·27 = 2,160; depthwise 4·4·3·9 = 432 + pointwise 4·4·3·5 = 240.
    expect(c.normalSmall.totalMacs).toBe(2160);
    expect(c.separableSmall.rows.map((r) => r.macs)).toEqual([432, 240]);
    expect(c.separableSmall.totalMacs / c.normalSmall.totalMacs).toBeCloseTo(1 / 5 + 1 / 9, 12);
    expect(c.separableLarge.totalMacs / c.normalLarge.totalMacs).toBeCloseTo(1 / 256 + 1 / 9, 12);
  });
});

describe('plain and residual nets', () => {
  it('have 2·blocks + 2 weight layers of the same shapes; only the shortcut differs', () => {
    manualSeed(0);
    const plain = new DeepNet({ blocks: 3, residual: false, side: 14 });
    manualSeed(0);
    const residual = new DeepNet({ blocks: 3, residual: true, side: 14 });
    const weights = (net: DeepNet) => net.namedParameters().filter(([n]) => n.endsWith('weight'));
    expect(weights(plain)).toHaveLength(8);
    expect(weights(plain).map(([n, p]) => [n, p.shape])).toEqual(weights(residual).map(([n, p]) => [n, p.shape]));
    const x = randn([2, 14, 14, 1]);
    expect(plain.forward(x).shape).toEqual([2, 10]);
    expect(Array.from(plain.forward(x).dataSync())).not.toEqual(Array.from(residual.forward(x).dataSync()));
  });
});

describe('generated scenes', () => {
  it('are seeded, [m, 20, 20, 3] in [0, 1], each object present about half the time, the asked share of labels missing', () => {
    const a = generateScenes({ count: 400, seed: 1, missing: 0.3 });
    const b = generateScenes({ count: 400, seed: 1, missing: 0.3 });
    expect(a.x.shape).toEqual([400, SCENE_SIDE, SCENE_SIDE, 3]);
    expect(Array.from(a.x.dataSync())).toEqual(Array.from(b.x.dataSync()));
    const pixels = a.x.dataSync();
    expect(pixels.every((v) => v >= 0 && v <= 1)).toBe(true);
    const present = a.labels.reduce((s, v) => s + v, 0) / a.labels.length;
    const missing = 1 - a.knownLabels.reduce((s, v) => s + v, 0) / a.knownLabels.length;
    expect(present).toBeGreaterThan(0.45);
    expect(present).toBeLessThan(0.55);
    expect(missing).toBeGreaterThan(0.25);
    expect(missing).toBeLessThan(0.35);
    expect(generateScenes({ count: 10, seed: 2 }).knownLabels.every((k) => k === 1)).toBe(true);
  });
});

describe('multi-task training', () => {
  it('ignores what a missing label holds and learns from the known ones', () => {
    const train = generateScenes({ count: 160, seed: 1, missing: 0.3 });
    // The same scenes with every missing label flipped: training must not notice.
    const flipped = Float32Array.from(train.labels, (v, i) => (train.knownLabels[i] ? v : 1 - v));
    const a = trainSceneNet(train.x, train.y, train.known, { epochs: 2, label: 'a', progress: false });
    const b = trainSceneNet(train.x, tensor(flipped, { shape: [160, 4] }), train.known, { epochs: 2, label: 'b', progress: false });
    expect(a.losses).toEqual(b.losses);
    expect(Array.from(a.model.fc.weight.dataSync())).toEqual(Array.from(b.model.fc.weight.dataSync()));
    expect(a.losses.at(-1)!).toBeLessThan(a.losses[0]!);
    const accuracies = labelAccuracies(a.model, generateScenes({ count: 200, seed: 2 }));
    expect(accuracies).toHaveLength(4);
    expect(accuracies.every((v) => v >= 0 && v <= 1)).toBe(true);
  });
});

describe('digits and transfer learning', () => {
  const mnist = loadMnist({ limit: 1500 });

  it('digitImages standardizes, shrinks to 14×14, filters and relabels', () => {
    const full = digitImages(mnist.test, { limit: 3 });
    expect(full.x.shape).toEqual([3, 28, 28, 1]);
    expect(full.x.dataSync()[0]).toBeCloseTo((mnist.test.images[0]! - MNIST_MEAN) / MNIST_STD, 5);
    expect(digitImages(mnist.test, { half: true, limit: 2 }).x.shape).toEqual([2, 14, 14, 1]);
    const fives = digitImages(mnist.train, { digits: [5, 6], perClass: 4, relabel: (d) => d - 5 });
    expect(fives.x.shape[0]).toBe(8);
    expect(new Set(fives.y.dataSync())).toEqual(new Set([0, 1]));
  });

  it('the transferred nets train only their new layers; the frozen ones stay as pretrained', () => {
    const r = transferExperiment(mnist, { perClass: 2, pretrainLimit: 300, pretrainEpochs: 1, epochs: 2, progress: false });
    expect(r.target.train.y.shape).toEqual([10]);
    expect(r.sourceAccuracy).toBeGreaterThan(0.3); // 0–4 (chance 0.2) from 300 digits in one epoch
    // New classifier: fc1 400·120 + 120, fc2 120·84 + 84, fc3 84·5 + 5; new last layer: fc3 only.
    expect(r.convBase.trainable).toBe(48_120 + 10_164 + 425);
    expect(r.lastLayer.trainable).toBe(425);
    expect(r.scratch.trainable).toBe(61_706 - 850 + 425);
    // The frozen conv filters are the pretrained ones, in both transferred nets.
    const conv = (m: typeof r.convBase.model) => Array.from(m.conv2.weight.dataSync());
    expect(conv(r.convBase.model)).toEqual(conv(r.lastLayer.model));
    expect(conv(r.convBase.model)).not.toEqual(conv(r.scratch.model));
    expect(r.convBase.model.conv1.weight.requiresGrad).toBe(false);
    expect(r.convBase.model.fc1.weight.requiresGrad).toBe(true);
    expect(r.lastLayer.model.fc1.weight.requiresGrad).toBe(false);
    expect(r.convBase.model.fc3.weight.shape).toEqual([5, 84]);
  });
});

describe('augmentation examples', () => {
  it('keep each batch shape, and the RGB image grid draws the colours', async () => {
    const scenes = generateScenes({ count: 4, seed: 3 });
    const images = tensor(new Float32Array(4 * 40 * 40 * 3).fill(0.5), { shape: [4, 40, 40, 3] });
    for (const a of AUGMENTATIONS) expect(a.make(images)(images, new Generator(0)).shape).toEqual([4, 40, 40, 3]);
    const red = new Float32Array(SCENE_SIDE * SCENE_SIDE * 3).map((_, i) => (i % 3 === 0 ? 1 : 0));
    const svg = await renderSvg(imageGridSpec([
      { pixels: red, rgb: true, caption: 'red', correct: null },
      { pixels: scenes.x.slice([0, 0, 0, 0], [1, SCENE_SIDE, SCENE_SIDE, 3]).dataSync(), rgb: true, caption: 'scene', correct: true },
    ], { title: 'rgb', side: SCENE_SIDE, columns: 2 }));
    expect(svg.includes('fill="#f00"')).toBe(true); // 16 levels per channel: red is #f00
  });
});
