/** The lecture's cost arguments (Course 4, week 2), checked with countMacs. */
import { describe, expect, it } from 'vitest';
import { nn } from '@dlkit/core';
import { Conv1d, Conv2d, ConvTranspose2d, countMacs, models, SeparableConv2d } from '../src/index.js';

describe('countMacs', () => {
  it("a 5×5 same conv 28×28×192 → 32 costs ~120M multiplies; a 1×1 bottleneck to 16 first cuts it to ~12.4M", () => {
    expect(countMacs(new Conv2d(192, 32, 5, { padding: 'same' }), [28, 28, 192]).total).toBe(28 * 28 * 32 * 5 * 5 * 192); // 120,422,400
    const bottleneck = new nn.Sequential(new Conv2d(192, 16, 1), new Conv2d(16, 32, 5, { padding: 'same' }));
    const count = countMacs(bottleneck, [28, 28, 192]);
    expect(count.rows.map((r) => r.macs)).toEqual([2_408_448, 10_035_200]);
    expect(count.total).toBe(12_443_648);
  });

  it('a depthwise-separable conv costs 1/cOut + 1/k² of a normal one', () => {
    const normal = countMacs(new Conv2d(16, 64, 3, { padding: 'same' }), [32, 32, 16]).total;
    const separable = countMacs(new SeparableConv2d(16, 64, 3, { padding: 'same' }), [32, 32, 16]).total;
    expect(separable / normal).toBeCloseTo(1 / 64 + 1 / 9, 12);
  });

  it("LeNet-5's layers in call order, with output shapes", () => {
    const { rows, total } = countMacs(models.lenet5(), [32, 32, 1]);
    expect(rows.map((r) => [r.name, r.outputShape, r.macs])).toEqual([
      ['conv1', [-1, 28, 28, 6], 28 * 28 * 6 * 25],
      ['conv2', [-1, 10, 10, 16], 10 * 10 * 16 * 150],
      ['fc1', [-1, 120], 400 * 120],
      ['fc2', [-1, 84], 120 * 84],
      ['fc3', [-1, 10], 84 * 10],
    ]);
    expect(total).toBe(416_520);
  });
});

describe("summary()'s MACs column, counted by each layer's macs()", () => {
  it('a 1×1 conv costs h·w·cIn·cOut; the 1×1 bottleneck row by row', () => {
    const summary = new Conv2d(192, 16, 1).summary([28, 28, 192], { print: false });
    expect(summary.totalMacs).toBe(28 * 28 * 192 * 16); // 2,408,448
    const bottleneck = new nn.Sequential(new Conv2d(192, 16, 1), new nn.ReLU(), new Conv2d(16, 32, 5, { padding: 'same' }));
    const rows = bottleneck.summary([28, 28, 192], { print: false }).rows;
    expect(rows.map((r) => [r.name, r.macs])).toEqual([['0', 2_408_448], ['1', null], ['2', 28 * 28 * 32 * 25 * 16]]);
    expect(bottleneck.summary([28, 28, 192], { print: false }).toString()).toMatch(/^2 \(Conv2d\) +\[-1,28,28,32\] +12,832 +10,035,200$/m);
  });

  it('depthwise (groups = cIn) and pointwise rows of a separable conv, vs the normal conv', () => {
    // 32×32×16 → 64 maps, 3×3 same: normal 32·32·64·9·16 = 9,437,184;
    // depthwise 32·32·16·9 = 147,456 plus pointwise 32·32·16·64 = 1,048,576.
    const separable = new SeparableConv2d(16, 64, 3, { padding: 'same' }).summary([32, 32, 16], { print: false });
    expect(separable.rows.map((r) => [r.name, r.type, r.macs])).toEqual([['depthwise', 'DepthwiseConv2d', 147_456], ['pointwise', 'Conv2d', 1_048_576]]);
    const normal = new Conv2d(16, 64, 3, { padding: 'same' }).summary([32, 32, 16], { print: false });
    expect(normal.totalMacs).toBe(9_437_184);
    expect(separable.totalMacs / normal.totalMacs).toBeCloseTo(1 / 64 + 1 / 9, 12);
  });

  it('grouped, strided and dilated Conv2d, Conv1d and ConvTranspose2d', () => {
    // 4 groups of 2 → 2 channels, stride 2 on 8×8 valid 3×3: 3×3 output, 8 maps, 9·(8/4) taps each.
    expect(new Conv2d(8, 8, 3, { groups: 4, stride: 2 }).summary([8, 8, 8], { print: false }).totalMacs).toBe(3 * 3 * 8 * 9 * 2);
    // dilation 2 widens the window to 5: 4×4 output of 6 maps, 3·3·3 taps.
    expect(new Conv2d(3, 6, 3, { dilation: 2 }).summary([8, 8, 3], { print: false }).totalMacs).toBe(4 * 4 * 6 * 27);
    // length 100, k = 5 same: 100 steps · 16 maps · 5·8 taps.
    expect(new Conv1d(8, 16, 5, { padding: 'same' }).summary([100, 8], { print: false }).totalMacs).toBe(100 * 16 * 40);
    // 4×4×8 input, 2×2 stride-2 transposed to 3 maps: each input value meets the 2·2·3 filter once.
    expect(new ConvTranspose2d(8, 3, 2, { stride: 2 }).summary([4, 4, 8], { print: false }).totalMacs).toBe(4 * 4 * 8 * 4 * 3);
  });

  it("MobileNetV2 at 224×224 costs the paper's ~300M multiply-adds", () => {
    const total = models.mobilenetV2().summary([224, 224, 3], { print: false }).totalMacs;
    expect(total).toBe(300_774_272); // conv + Linear multiplies; torchvision's table rounds it to 0.30 G
    expect(Math.abs(total - 300e6) / 300e6).toBeLessThan(0.01);
  });
});
