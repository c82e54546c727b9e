import { describe, expect, it } from 'vitest';
import { loadMnist } from '@dlkit/tour/mnist';
import { mnistInput } from '../src/digits/preprocess.js';

/** An MNIST digit drawn 10× larger, off-centre, on a 280×280 canvas. */
function drawLarge(digit: Float32Array, dx: number, dy: number): Float32Array {
  const canvas = new Float32Array(280 * 280);
  for (let y = 0; y < 280; y++) {
    for (let x = 0; x < 280; x++) {
      const sy = Math.floor((y - dy) / 10);
      const sx = Math.floor((x - dx) / 10);
      if (sy >= 0 && sy < 28 && sx >= 0 && sx < 28) canvas[y * 280 + x] = digit[sy * 28 + sx]!;
    }
  }
  return canvas;
}

describe('mnistInput', () => {
  it('gives back an MNIST digit drawn large and off-centre, up to the centring MNIST itself does', () => {
    const { test } = loadMnist({ limit: 200 });
    for (let i = 0; i < 10; i++) {
      const digit = test.images.subarray(i * 784, (i + 1) * 784);
      const restored = mnistInput(drawLarge(digit, -12 + 3 * i, 9 - 2 * i), 280, 280);
      const centred = mnistInput(drawLarge(digit, 0, 0), 280, 280);
      // The same drawing anywhere on the pad gives the same input.
      expect(Array.from(restored)).toEqual(Array.from(centred));
      // Close to the original: MNIST digits are already fit into 20×20 and centred by mass.
      let dot = 0;
      let a = 0;
      let b = 0;
      for (let k = 0; k < 784; k++) {
        dot += restored[k]! * digit[k]!;
        a += restored[k]! ** 2;
        b += digit[k]! ** 2;
      }
      expect(dot / Math.sqrt(a * b)).toBeGreaterThan(0.95);
    }
  });

  it('returns zeros for an empty pad and rejects a wrong pixel count', () => {
    expect(mnistInput(new Float32Array(100), 10, 10).every((v) => v === 0)).toBe(true);
    expect(() => mnistInput(new Float32Array(99), 10, 10)).toThrow(/mnistInput: expected 10·10 = 100 pixels, got 99/);
  });
});
