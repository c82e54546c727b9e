export { type Reduction, type LossOptions } from './reduction.js';
export {
  binaryCrossEntropy, binaryCrossEntropyWithLogits,
  type BinaryCrossEntropyOptions, type BinaryCrossEntropyWithLogitsOptions,
} from './binary-cross-entropy.js';
export { crossEntropy, categoricalCrossEntropy, type CrossEntropyOptions, type CategoricalCrossEntropyOptions } from './cross-entropy.js';
export { meanSquaredError, meanAbsoluteError, huber } from './regression.js';
