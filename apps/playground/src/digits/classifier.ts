import { loadSafetensors, noGrad, softmax, tensor } from '@dlkit/core';
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

/** A LeNet-5 ready to classify 28×28 digits. */
export interface DigitClassifier {
  readonly info: DigitModelInfo;
  /** Class probabilities `[10]` of one image (784 values in `[0, 1]`, row-major). */
  classify(image: Float32Array): Float32Array;
}

/**
 * Builds the LeNet-5 a safetensors file describes (its `__metadata__` holds {@link DigitModelInfo}
 * as strings) and loads its weights.
 * @example const classifier = digitClassifier(new Uint8Array(await (await fetch('lenet5.safetensors')).arrayBuffer()));
 */
export function digitClassifier(bytes: Uint8Array): DigitClassifier {
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
  return {
    info,
    classify(image) {
      const x = tensor(Array.from(image, (v) => (v - info.mean) / info.std)).reshape([1, DIGIT_SIDE, DIGIT_SIDE, 1]);
      return Float32Array.from(noGrad(() => softmax(model.forward(x), -1)).dataSync());
    },
  };
}
