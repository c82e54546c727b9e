/** The lecture's cost arguments (Course 4, week 2), checked with countMacs. */
import { describe, expect, it } from 'vitest';
import { nn } from '@dlkit/core';
import { Conv2d, countMacs, models, SeparableConv2d } from '../src/index.js';

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
