/**
 * Models: parameter counts equal torchvision 0.14's for 1000 classes, state-dict keys follow
 * torchvision's attribute names (spot checks with PyTorch shapes), and forward passes give logits.
 */
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
});
