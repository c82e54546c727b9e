import type { BenchCase } from '../harness.js';
import { kernelCases } from './kernels.js';
import { transformerCases } from './transformer.js';
import { cnnCases } from './cnn.js';
import { sequenceCases } from './sequence.js';
import { detectionCases } from './detection.js';

/**
 * Every case, in report order: one file per area (`kernels.ts`, and a file per domain package),
 * each exporting its list. A case's `raw` twin is what the raw TensorFlow.js columns time.
 */
export const cases: readonly BenchCase[] = [...kernelCases, ...transformerCases, ...cnnCases, ...sequenceCases, ...detectionCases];
