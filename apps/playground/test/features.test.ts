import { describe, expect, it } from 'vitest';
import { avgPool2d, concat, conv2d, manualSeed, tanh } from '@dlkit/core';
import { models } from '@dlkit/cnn';
import { loadMnist } from '@dlkit/tour/mnist';
import { networkInput } from '../src/digits/classifier.js';
import { c1Filters, channelMaps, featureMaps } from '../src/filters/features.js';

describe('filters page features', () => {
  manualSeed(3);
  const model = models.lenet5({ padding: 2 });
  const { test } = loadMnist({ limit: 10 });
  const input = networkInput(test.images.subarray(0, 784), { mean: 0.13, std: 0.31 });

  it('C1 maps are core conv2d of the input with the conv1 filters plus bias, and match a direct 5×5 sum', () => {
    const { c1 } = featureMaps(model, input);
    const expected = channelMaps(conv2d(input, model.conv1.weight, { padding: 2 }).add(model.conv1.bias!));
    expect(c1).toHaveLength(6);
    c1.forEach((map, k) => {
      expect([map.height, map.width]).toEqual([28, 28]);
      expect(Array.from(map.values)).toEqual(Array.from(expected[k]!.values));
    });
    // And by hand, with the filters the page draws: out(y, x) = b + Σ w(i, j)·in(y + i − 2, x + j − 2).
    const filters = c1Filters(model);
    const x = input.dataSync();
    const bias = model.conv1.bias!.dataSync();
    for (const k of [0, 5]) {
      for (const [y, xx] of [[0, 0], [14, 14], [27, 9], [6, 20]] as const) {
        let sum = bias[k]!;
        for (let i = 0; i < 5; i++) {
          for (let j = 0; j < 5; j++) {
            const sy = y + i - 2;
            const sx = xx + j - 2;
            if (sy >= 0 && sy < 28 && sx >= 0 && sx < 28) sum += filters[k]!.values[i * 5 + j]! * x[sy * 28 + sx]!;
          }
        }
        expect(c1[k]!.values[y * 28 + xx]).toBeCloseTo(sum, 5);
      }
    }
  });

  it('C1 filters are the 6 5×5 slices of conv1.weight, and C3 is conv2 of the pooled, activated C1', () => {
    const filters = c1Filters(model);
    const weight = model.conv1.weight.dataSync();
    expect(filters.map((f) => [f.height, f.width])).toEqual(Array(6).fill([5, 5]));
    expect(filters[4]!.values[2 * 5 + 3]).toBe(weight[(2 * 5 + 3) * 6 + 4]);
    const { c3 } = featureMaps(model, input);
    const pooled = avgPool2d(tanh(conv2d(input, model.conv1.weight, { padding: 2 }).add(model.conv1.bias!)), { size: 2 });
    const expected = channelMaps(conv2d(pooled, model.conv2.weight).add(model.conv2.bias!));
    expect(c3).toHaveLength(16);
    c3.forEach((map, k) => {
      expect([map.height, map.width]).toEqual([10, 10]);
      map.values.forEach((v, i) => expect(v).toBeCloseTo(expected[k]!.values[i]!, 5));
    });
  });

  it('rejects a batch of more than one image', () => {
    expect(() => channelMaps(concat([input, input]))).toThrow(/channelMaps: expected one NHWC image/);
  });
});
