/**
 * End to end: LeNet-5 (the ReLU/max-pool variant, first conv padded so 28×28 digits take the
 * 32×32 path) learns real MNIST digits from the `mnist` package: 1,000 training images
 * (100 per digit), 4 epochs of Adam (lr 3e-3, batch 32), evaluated on 500 other digits (50 per digit).
 */
import { describe, expect, it } from 'vitest';
import { accuracy, crossEntropy, manualSeed, noGrad } from '@dlkit/core';
import { Adam, fit } from '@dlkit/optim';
import { models } from '../src/index.js';
import { loadDigitImages } from './helpers/mnist.js';

describe('LeNet-5 on MNIST', () => {
  it('reaches at least 85% accuracy on held-out digits after 4 epochs on 1,000 digits', () => {
    const train = loadDigitImages(100);
    const test = loadDigitImages(50, 100);
    manualSeed(0);
    const model = models.lenet5({ variant: 'modern', padding: 2 });
    const before = noGrad(() => accuracy(model.eval().forward(test.x), test.y));
    fit(model, { loss: crossEntropy, optimizer: new Adam(model.parameters(), { lr: 3e-3 }), data: [train.x, train.y], epochs: 4, batchSize: 32, seed: 1 });
    const after = noGrad(() => accuracy(model.eval().forward(test.x), test.y));
    console.log(`LeNet-5 held-out accuracy: ${(before * 100).toFixed(1)}% before, ${(after * 100).toFixed(1)}% after training`);
    expect(after).toBeGreaterThanOrEqual(0.85);
  });
});
