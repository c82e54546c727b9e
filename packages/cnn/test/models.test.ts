/**
 * Models: parameter counts equal torchvision 0.14's for 1000 classes, state-dict keys follow
 * torchvision's attribute names (spot checks with PyTorch shapes), and forward passes give logits.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manualSeed, noGrad, randn, type nn } from '@dlkit/core';
import { models, toTorchStateDict } from '../src/index.js';

const count = (m: nn.Module<unknown[], unknown>): number => m.parameters().reduce((n, p) => n + p.size, 0);
const torchShapes = (m: nn.Module<unknown[], unknown>): Record<string, readonly number[]> =>
  Object.fromEntries(Object.entries(toTorchStateDict(m)).map(([k, t]) => [k, t.shape]));

describe('parameter counts equal torchvision (1000 classes)', () => {
  it('resnet18 11,689,512 with 122 state-dict entries, torchvision names and shapes', () => {
    const model = models.resnet18();
    expect(count(model)).toBe(11_689_512);
    const shapes = torchShapes(model);
    expect(Object.keys(shapes)).toHaveLength(122);
    expect(shapes['conv1.weight']).toEqual([64, 3, 7, 7]);
    expect(shapes['layer2.0.downsample.0.weight']).toEqual([128, 64, 1, 1]);
    expect(shapes['layer2.0.downsample.1.num_batches_tracked']).toEqual([]);
    expect(shapes['layer4.1.conv2.weight']).toEqual([512, 512, 3, 3]);
    expect(shapes['fc.weight']).toEqual([1000, 512]);
    expect(shapes['layer1.0.downsample.0.weight']).toBeUndefined();
  });

  it('resnet50 25,557,032 (bottleneck blocks, conv3/bn3)', () => {
    const model = models.resnet50();
    expect(count(model)).toBe(25_557_032);
    const shapes = torchShapes(model);
    expect(shapes['layer1.0.conv3.weight']).toEqual([256, 64, 1, 1]);
    expect(shapes['layer1.0.downsample.0.weight']).toEqual([256, 64, 1, 1]);
    expect(shapes['fc.weight']).toEqual([1000, 2048]);
  });

  it('mobilenet_v2 3,504,872 with 314 state-dict entries (features.N.conv.*, classifier.1)', () => {
    const model = models.mobilenetV2();
    expect(count(model)).toBe(3_504_872);
    const shapes = torchShapes(model);
    expect(Object.keys(shapes)).toHaveLength(314);
    expect(shapes['features.0.0.weight']).toEqual([32, 3, 3, 3]);
    expect(shapes['features.1.conv.0.0.weight']).toEqual([32, 1, 3, 3]);
    expect(shapes['features.1.conv.1.weight']).toEqual([16, 32, 1, 1]);
    expect(shapes['features.3.conv.1.0.weight']).toEqual([144, 1, 3, 3]);
    expect(shapes['features.18.0.weight']).toEqual([1280, 320, 1, 1]);
    expect(shapes['classifier.1.weight']).toEqual([1000, 1280]);
  });

  it('vgg16 138,357,544 and alexnet 61,100,840 (built without drawing weights)', () => {
    const vgg = models.vgg16({ initialize: false });
    expect(count(vgg)).toBe(138_357_544);
    expect(Object.keys(vgg.stateDict())).toEqual([0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28].flatMap((i) => [`features.${i}.weight`, `features.${i}.bias`]).concat([0, 3, 6].flatMap((i) => [`classifier.${i}.weight`, `classifier.${i}.bias`])));
    const alex = models.alexnet({ initialize: false });
    expect(count(alex)).toBe(61_100_840);
    expect(Object.keys(alex.stateDict())).toEqual([0, 3, 6, 8, 10].flatMap((i) => [`features.${i}.weight`, `features.${i}.bias`]).concat([1, 4, 6].flatMap((i) => [`classifier.${i}.weight`, `classifier.${i}.bias`])));
  });

  it('LeNet-5 61,706 (the 1998 form: 6 and 16 5×5 filters, 120-84-10)', () => {
    expect(count(models.lenet5())).toBe(61_706);
    expect(count(models.lenet5({ variant: 'modern' }))).toBe(61_706);
  });
});

describe('parameter counts of the newer architectures', () => {
  it('googlenet 6,624,904 without the auxiliary classifiers, 13,004,888 with them (torchvision)', () => {
    expect(count(models.googlenet())).toBe(6_624_904);
    expect(count(models.googlenet({ auxLogits: true }))).toBe(13_004_888);
  });

  it("mobilenetV1 (α = 1) 4,231,976: Keras' MobileNet trainable count (its 21,888 BN moving statistics are buffers)", () => {
    const model = models.mobilenetV1();
    expect(count(model)).toBe(4_231_976);
    const buffers = model.namedBuffers().filter(([name]) => name.endsWith('running_mean') || name.endsWith('running_var'));
    expect(buffers.reduce((n, [, t]) => n + t.size, 0)).toBe(21_888);
    expect(count(models.mobilenetV1({ alpha: 0.5, numClasses: 10 }))).toBeLessThan(count(model) / 3);
  });

  it('efficientnetB0 … B3 equal torchvision 0.14 (5,288,548 for B0)', () => {
    // B4–B7 (19.3M–66.3M parameters) take many seconds to draw; their builders share this code path.
    const builders = [models.efficientnetB0, models.efficientnetB1, models.efficientnetB2, models.efficientnetB3];
    const expected = [5_288_548, 7_794_184, 9_109_994, 12_233_232];
    builders.forEach((b, i) => expect(count(b()), `B${i}`).toBe(expected[i]));
    expect(models.EFFICIENTNET_VARIANTS.map((v) => v.dropout)).toEqual([0.2, 0.2, 0.3, 0.3, 0.4, 0.4, 0.5, 0.5]);
    // Blocks per stage: B0's table, and B3's rounded up from depth × 1.4.
    const depths = (m: models.EfficientNet): number[] => m.features.layers.slice(1, -1).map((stage) => (stage as nn.Sequential).layers.length);
    expect(depths(models.efficientnetB0())).toEqual([1, 2, 2, 3, 3, 4, 1]);
    expect(depths(models.efficientnetB3())).toEqual([2, 3, 3, 5, 5, 6, 2]);
  });

  it("compound scaling: φ = 1 gives depth 1.2, width 1.1, resolution 1.15; α·β²·γ² ≈ 2", () => {
    const { depth, width, resolution } = models.compoundScaling(1);
    expect([depth, width, resolution]).toEqual([1.2, 1.1, 1.15]);
    expect(depth * width ** 2 * resolution ** 2).toBeCloseTo(1.92, 2);
  });
});

/** torchvision 0.14's full state-dict key lists with PyTorch shapes (tools/fixtures/cnn/generate_torchvision.py). */
const torchvisionKeys = JSON.parse(readFileSync(new URL('../../../tools/fixtures/cnn/torchvision-keys.json', import.meta.url), 'utf8')) as Record<string, [string, number[]][]>;

// dlkit lists parameters before buffers, PyTorch module by module; loading goes by name, so the sets are compared.
describe("state-dict keys and shapes equal torchvision's", () => {
  it.each([
    ['resnet18', () => models.resnet18()],
    ['mobilenet_v2', () => models.mobilenetV2()],
    ['efficientnet_b0', () => models.efficientnetB0()],
    ['googlenet', () => models.googlenet()],
    ['googlenet_aux', () => models.googlenet({ auxLogits: true })],
  ] as const)('%s', (name, make) => {
    const expected = torchvisionKeys[name]!;
    const byKey = (entries: [string, readonly number[]][]): [string, readonly number[]][] => [...entries].sort(([a], [b]) => (a < b ? -1 : 1));
    expect(byKey(Object.entries(torchShapes(make())))).toEqual(byKey(expected));
  });
});

describe('forward passes', () => {
  it('resnet18, resnet50, mobilenetV2 (α = 0.5) and LeNet-5 map NHWC images to logits', () => {
    manualSeed(0);
    const x = randn([2, 32, 32, 3]);
    noGrad(() => {
      expect(models.resnet18({ numClasses: 10 }).eval().forward(x).shape).toEqual([2, 10]);
      expect(models.mobilenetV2({ widthMult: 0.5, numClasses: 7 }).eval().forward(x).shape).toEqual([2, 7]);
      expect(models.lenet5({ inChannels: 3 }).forward(x).shape).toEqual([2, 10]);
      expect(models.lenet5({ padding: 2, variant: 'modern' }).forward(randn([2, 28, 28, 1])).shape).toEqual([2, 10]);
    });
  });

  it('googlenet gives its side branches only while training with auxLogits; mobilenetV1 and a small EfficientNet give logits', () => {
    manualSeed(1);
    const x = randn([2, 64, 64, 3]);
    const net = models.googlenet({ auxLogits: true, numClasses: 5 });
    const { logits, aux1, aux2 } = net.train().forwardWithAux(x);
    expect([logits.shape, aux1?.shape, aux2?.shape]).toEqual([[2, 5], [2, 5], [2, 5]]);
    const evalOut = noGrad(() => net.eval().forwardWithAux(x));
    expect([evalOut.aux1, evalOut.aux2]).toEqual([null, null]);
    noGrad(() => {
      expect(models.mobilenetV1({ alpha: 0.25, numClasses: 3 }).eval().forward(x).shape).toEqual([2, 3]);
      expect(new models.EfficientNet({ widthMult: 0.25, depthMult: 0.3, resolution: 64, dropout: 0.2 }, { numClasses: 4 }).train().forward(x).shape).toEqual([2, 4]);
    });
  });
});
