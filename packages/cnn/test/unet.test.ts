import { describe, expect, it } from 'vitest';
import { add, DTypeError, gradcheck, manualSeed, randn, ShapeError, tensor, ValueError, type Tensor } from '@dlkit/core';
import { Adam } from '@dlkit/optim';
import * as cnn from '../src/index.js';

const labels3 = (values: number[][][]): Tensor => tensor(values, { dtype: 'int32' });

describe('models.unet', () => {
  it('maps [m, h, w, c] to per-pixel logits of the same size, for both up-sampling modes', () => {
    for (const upsampling of ['transpose', 'bilinear'] as const) {
      const net = cnn.models.unet({ inChannels: 3, numClasses: 4, depth: 3, baseFilters: 4, upsampling });
      expect(net.forward(randn([2, 16, 24, 3])).shape).toEqual([2, 16, 24, 4]);
      expect(net.down.length).toBe(4);
      expect(net.up.length).toBe(3);
    }
  });

  it("has the paper's widths: 64 · 2^k filters per level, 1×1 head", () => {
    const net = cnn.models.unet({ numClasses: 2 });
    expect(net.down.map((d) => d.conv2.outChannels)).toEqual([64, 128, 256, 512, 1024]);
    expect(net.up.map((u) => u.inChannels)).toEqual([1024, 512, 256, 128]);
    expect(net.head.weight.shape).toEqual([1, 1, 64, 2]);
  });

  it('batchNorm puts a BatchNorm2d after each 3×3 conv, whose bias it replaces', () => {
    const keys = Object.keys(cnn.models.unet({ numClasses: 2, depth: 1, baseFilters: 2, batchNorm: true }).stateDict());
    expect(keys).toContain('down.0.bn1.running_mean');
    expect(keys).toContain('up.0.conv.bn2.weight');
    expect(keys).not.toContain('down.0.conv1.bias');
  });

  it('rejects sizes that do not halve depth times, and bad options', () => {
    const net = cnn.models.unet({ numClasses: 2, depth: 2, baseFilters: 2 });
    expect(() => net.forward(randn([1, 6, 8, 1]))).toThrow(ShapeError);
    expect(() => net.forward(randn([1, 6, 8, 1]))).toThrow(/multiples of 2\^depth = 4/);
    expect(() => cnn.models.unet({ numClasses: 0 })).toThrow(ValueError);
    expect(() => cnn.models.unet({ numClasses: 2, upsampling: 'nearest' as 'bilinear' })).toThrow(/'transpose' or 'bilinear'/);
  });
});

describe('segmentation losses', () => {
  const labels = labels3([[[0, 1, 2], [2, 2, 1]], [[1, 0, 0], [0, 2, 1]]]);

  it('diceLoss and pixelCrossEntropy pass gradcheck', () => {
    const logits = randn([2, 2, 3, 3], { dtype: 'float64', seed: 1 });
    expect(gradcheck((z) => cnn.diceLoss(z, labels), [logits]).ok).toBe(true);
    expect(gradcheck((z) => cnn.diceLoss(z, labels, { includeBackground: false, smooth: 0.5 }), [logits]).ok).toBe(true);
    expect(gradcheck((z) => cnn.pixelCrossEntropy(z, labels), [logits]).ok).toBe(true);
  });

  it('diceLoss is near 0 for a confident right prediction and near 1 for a confident wrong one', () => {
    const onehot = (flip: boolean): Tensor => tensor(Array.from(labels.dataSync(), (y) => [0, 1, 2].map((c) => (c === (flip ? (y + 1) % 3 : y) ? 30 : -30))), { shape: [2, 2, 3, 3] });
    expect(cnn.diceLoss(onehot(false), labels, { smooth: 0 }).item()).toBeCloseTo(0, 6);
    expect(cnn.diceLoss(onehot(true), labels, { smooth: 0 }).item()).toBeCloseTo(1, 6);
  });

  it('names the function and the shapes on bad input', () => {
    expect(() => cnn.diceLoss(randn([2, 2, 3, 3]), labels3([[[0, 1, 2]]]))).toThrow(/diceLoss: expected logits \[m, h, w, C\] and labels \[m, h, w\], got \[2,2,3,3\] and \[1,1,3\]/);
    expect(() => cnn.pixelCrossEntropy(randn([2, 2, 3, 3]), randn([2, 2, 3]))).toThrow(DTypeError);
    expect(() => cnn.diceLoss(randn([2, 2, 3, 3]), labels, { smooth: -1 })).toThrow(ValueError);
  });
});

describe('segmentation metrics', () => {
  const truth = labels3([[[0, 0, 1, 1], [0, 2, 2, 1]]]);
  const predicted = labels3([[[0, 1, 1, 1], [0, 2, 0, 1]]]);

  it('pixel accuracy, per-class IoU and mean IoU by hand', () => {
    expect(cnn.pixelAccuracy(predicted, truth)).toBe(6 / 8);
    // class 0: ∩ {0,4} = 2, ∪ {0,1,4,6} = 4; class 1: ∩ 3, ∪ 4; class 2: ∩ 1, ∪ 2
    expect(cnn.perClassIoU(predicted, truth, 4)).toEqual([0.5, 0.75, 0.5, NaN]);
    expect(cnn.meanIoU(predicted, truth, 4)).toBeCloseTo((0.5 + 0.75 + 0.5) / 3, 12);
  });

  it('accepts logits (arg-max over the last axis)', () => {
    const logits = tensor(Array.from(predicted.dataSync(), (c) => [0, 1, 2].map((k) => (k === c ? 1 : 0))), { shape: [1, 2, 4, 3] });
    expect(cnn.meanIoU(logits, truth, 3)).toBeCloseTo(cnn.meanIoU(predicted, truth, 3), 12);
  });

  it('rejects mismatched shapes and out-of-range classes', () => {
    expect(() => cnn.pixelAccuracy(labels3([[[0, 1]]]), truth)).toThrow(ShapeError);
    expect(() => cnn.perClassIoU(predicted, truth, 2)).toThrow(/label 2 at pixel 5 is outside \[0, 2\)/);
  });
});

describe('U-Net learns to segment', () => {
  it('separates bright squares from the background: mean IoU above 0.9 after 60 Adam steps', () => {
    manualSeed(0);
    // 8 images 8×8: a bright 3×3 square at a random place on noise; label 1 inside it.
    const images: number[] = [];
    const masks: number[] = [];
    for (let n = 0; n < 8; n++) {
      const r0 = (n * 3) % 6;
      const c0 = (n * 5) % 6;
      for (let r = 0; r < 8; r++) {
        for (let c = 0; c < 8; c++) {
          const inside = r >= r0 && r < r0 + 3 && c >= c0 && c < c0 + 3;
          masks.push(inside ? 1 : 0);
          images.push(inside ? 0.8 : 0.2);
        }
      }
    }
    const x = add(tensor(images, { shape: [8, 8, 8, 1] }), randn([8, 8, 8, 1], { seed: 3 }).mul(0.1));
    const y = tensor(masks, { shape: [8, 8, 8], dtype: 'int32' });
    const net = cnn.models.unet({ numClasses: 2, depth: 2, baseFilters: 4 });
    const optimizer = new Adam(net.parameters(), { lr: 0.03 });
    let first = 0;
    let last = 0;
    for (let step = 0; step < 60; step++) {
      optimizer.zeroGrad();
      const logits = net.forward(x);
      const loss = add(cnn.pixelCrossEntropy(logits, y), cnn.diceLoss(logits, y));
      loss.backward();
      optimizer.step();
      if (step === 0) first = loss.item();
      last = loss.item();
    }
    expect(last).toBeLessThan(first / 3);
    expect(cnn.meanIoU(net.forward(x), y, 2)).toBeGreaterThan(0.9);
  });
});
