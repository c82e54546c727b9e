import { loadSafetensors, noGrad, softmax, tensor, type Tensor } from '@dlkit/core';
import { models } from '@dlkit/cnn';
import { DIGIT_SIDE } from './preprocess.js';

/** How the weights were trained: stored in the safetensors file's metadata, so the page normalizes as training did. */
export interface DigitModelInfo {
  /** `models.lenet5`'s variant. */
  readonly variant: 'classic' | 'modern';
  /** Zero padding of the first conv (2 for 28×28 inputs). */
  readonly padding: number;
  /** Pixels were standardized as `(x − mean) / std`. */
  readonly mean: number;
  readonly std: number;
  /** Held-out accuracy measured when the file was written, and on how many digits. */
  readonly testAccuracy: number;
  readonly testCount: number;
}

/** A LeNet-5 with trained weights, in eval mode, and how to feed it. */
export interface LoadedLenet5 {
  readonly model: models.LeNet5;
  readonly info: DigitModelInfo;
}

/** A LeNet-5 ready to classify 28×28 digits. */
export interface DigitClassifier {
  readonly info: DigitModelInfo;
  /** Class probabilities `[10]` of one image (784 values in `[0, 1]`, row-major). */
  classify(image: Float32Array): Float32Array;
}

/**
 * Builds the LeNet-5 a safetensors file describes (its `__metadata__` holds {@link DigitModelInfo}
 * as strings) and loads its weights.
 * @example const { model, info } = loadLenet5(bytes); model.conv1.weight.shape // [5, 5, 1, 6]
 */
export function loadLenet5(bytes: Uint8Array): LoadedLenet5 {
  const { tensors, metadata } = loadSafetensors(bytes);
  const info: DigitModelInfo = {
    variant: metadata.variant === 'classic' ? 'classic' : 'modern',
    padding: Number(metadata.padding ?? 2),
    mean: Number(metadata.mean ?? 0),
    std: Number(metadata.std ?? 1),
    testAccuracy: Number(metadata.testAccuracy ?? Number.NaN),
    testCount: Number(metadata.testCount ?? 0),
  };
  const model = models.lenet5({ variant: info.variant, padding: info.padding });
  model.loadStateDict(tensors);
  model.eval();
  return { model, info };
}

/**
 * One 28×28 image (784 values in `[0, 1]`, row-major) as the network's input `[1, 28, 28, 1]`,
 * standardized as in training.
 * @example lenet.model.forward(networkInput(image, lenet.info)) // [1, 10]
 */
export function networkInput(image: Float32Array, info: Pick<DigitModelInfo, 'mean' | 'std'>): Tensor {
  return tensor(Array.from(image, (v) => (v - info.mean) / info.std)).reshape([1, DIGIT_SIDE, DIGIT_SIDE, 1]);
}

/**
 * Fetches the weights the pages serve beside themselves (`lenet5.safetensors`, written by
 * `scripts/lenet-weights.ts`), saying how to make them when they are missing.
 * @example const lenet = loadLenet5(await fetchLenet5Weights());
 */
export async function fetchLenet5Weights(): Promise<Uint8Array> {
  const response = await fetch('./lenet5.safetensors');
  if (!response.ok) throw new Error(`lenet5.safetensors: HTTP ${response.status} (run \`pnpm --filter @dlkit/playground weights\`)`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * A classifier over the LeNet-5 a safetensors file holds (see {@link loadLenet5}).
 * @example const classifier = digitClassifier(await fetchLenet5Weights()); classifier.classify(image) // Float32Array(10)
 */
export function digitClassifier(bytes: Uint8Array): DigitClassifier {
  const { model, info } = loadLenet5(bytes);
  return {
    info,
    classify(image) {
      return Float32Array.from(noGrad(() => softmax(model.forward(networkInput(image, info)), -1)).dataSync());
    },
  };
}
