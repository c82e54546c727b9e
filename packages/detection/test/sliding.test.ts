import { describe, expect, it } from 'vitest';
import { manualSeed, nn, noGrad, randn } from '@dlkit/core';
import { AvgPool2d, Conv2d, MaxPool2d } from '@dlkit/cnn';
import { convolutionalize, slidingWindows, windowBoxes } from '../src/index.js';

/** The lecture's window classifier: conv 5×5 → max-pool 2×2 → FC → FC → FC (valid convolutions). */
function classifier(dtype: 'float32' | 'float64'): nn.Sequential {
  return new nn.Sequential(
    new Conv2d(3, 6, 5, { dtype }), new nn.ReLU(), new MaxPool2d(2),
    new nn.Flatten(), new nn.Linear(5 * 5 * 6, 12, { dtype }), new nn.ReLU(), new nn.Linear(12, 8, { dtype }), new nn.Tanh(), new nn.Linear(8, 4, { dtype }),
  );
}

describe('sliding windows', () => {
  it('the convolutional implementation equals the naive crop-and-classify loop on every window', () => {
    manualSeed(1);
    const model = classifier('float64');
    const { model: conv, stride } = convolutionalize(model, [14, 14, 3]);
    expect(stride).toEqual([2, 2]);
    const images = randn([2, 16, 20, 3], { dtype: 'float64', seed: 2 });
    const naive = noGrad(() => slidingWindows((x) => model.forward(x), images, { window: [14, 14], stride }));
    const once = noGrad(() => conv.forward(images));
    expect(naive.shape).toEqual([2, 2, 4, 4]);
    expect(once.shape).toEqual(naive.shape);
    const a = naive.dataSync(), b = once.dataSync();
    let worst = 0;
    a.forEach((v, i) => { worst = Math.max(worst, Math.abs(v - b[i]!)); });
    expect(worst).toBeLessThan(1e-12);
    // The window at grid (row 1, col 3) is the crop at (2, 6).
    const crop = images.slice([0, 2, 6, 0], [1, 14, 14, 3]);
    expect(Array.from(noGrad(() => model.forward(crop)).dataSync()).map((v) => v.toFixed(10))).toEqual(Array.from(b.subarray(7 * 4, 8 * 4)).map((v) => v.toFixed(10)));
    expect(windowBoxes([16, 20], { window: [14, 14], stride: 2 })).toEqual([[0, 0, 14, 14], [2, 0, 16, 14], [4, 0, 18, 14], [6, 0, 20, 14], [0, 2, 14, 16], [2, 2, 16, 16], [4, 2, 18, 16], [6, 2, 20, 16]]);
  });

  it('multiplies the strides of several pooling stages and rejects what it cannot convert', () => {
    const deep = new nn.Sequential(new Conv2d(1, 2, 3), new AvgPool2d(2), new Conv2d(2, 2, 2), new MaxPool2d(2), new nn.Flatten(), new nn.Linear(2 * 2 * 2, 3));
    const { model, stride } = convolutionalize(deep, [14, 14, 1]);
    expect(stride).toEqual([4, 4]);
    const images = randn([1, 22, 18, 1], { seed: 3 });
    const naive = noGrad(() => slidingWindows((x) => deep.forward(x), images, { window: [14, 14], stride }));
    const once = noGrad(() => model.forward(images));
    expect(once.shape).toEqual([1, 3, 2, 3]);
    Array.from(once.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(naive.dataSync()[i]!, 5));

    expect(() => convolutionalize(new nn.Sequential(new Conv2d(1, 2, 3, { padding: 'same' }), new nn.Flatten(), new nn.Linear(8, 2)), [2, 2, 1])).toThrow(/convolutionalize: layer 0 \(Conv2d\) is padded/);
    expect(() => convolutionalize(new nn.Sequential(new nn.Linear(3, 2)), [1, 1, 3])).toThrow(/convolutionalize: classifier must be a Sequential of feature layers, then Flatten/);
    expect(() => slidingWindows((x) => x, randn([1, 4, 4, 1]), { window: [5, 5], stride: 1 })).toThrow(/slidingWindows: window \[5, 5\] is larger than the image \[4, 4\]/);
  });
});
