/**
 * `@dlkit/core/testing`: the backend conformance suite and its parts.
 *
 * - {@link opSpecs}: one spec per public op (sample inputs, error inputs, differentiability,
 *   tolerances), PyTorch's OpInfo idea;
 * - {@link reference}: a naive float64 implementation of every op, the oracle for forward values;
 * - {@link runBackendConformance}: the vitest suite every backend's tests consist of, and
 *   {@link withoutOptionalKernels} to run it on core's fallbacks of the optional kernels;
 * - {@link moduleDb} and {@link runModuleInfoSuite}: the same idea for layers (PyTorch's
 *   `module_db`): gradcheck of parameters, state-dict round trips, train/eval behaviour and the
 *   cross-backend run, for core's layers and, with their own rows, the domain packages';
 * - helpers to compare tensors with reference arrays and to draw seeded sample inputs.
 *
 * @example
 * ```ts
 * import { tsBackend } from '@dlkit/core';
 * import { runBackendConformance } from '@dlkit/core/testing';
 * runBackendConformance(() => tsBackend, { dtypes: ['float32', 'float64', 'int32', 'bool'] });
 * ```
 * @module @dlkit/core/testing
 */
export { runBackendConformance, type BackendCaps, type ConformanceOptions } from './conformance.js';
export { opSpecs } from './specs/index.js';
export { withoutOptionalKernels } from './required-only.js';
export {
  defineModule, runModuleInfoSuite,
  type AnyModule, type ModuleCheck, type ModuleInfo, type ModuleInfoSuiteOptions, type ModuleSample, type TrainEvalBehaviour,
} from './module-info.js';
export { moduleDb } from './module-db.js';
export {
  defineOp, DEFAULT_TOLERANCES, DEFAULT_GRAD_TOLERANCE,
  type OpSpec, type OpSample, type ErrorCase, type ErrorClass, type PropertyCheck, type PropertyContext, type SampleInput, type SampleDType,
  type Tolerance, type Tolerances,
} from './spec.js';
export { SampleGen, seedFromString } from './sample-gen.js';
export { assertClose, compareValues, toNdArray } from './compare.js';
export {
  reference, nd, refErf,
  type NdArray, type RefOperand, type RefUnaryName, type RefArithmeticName, type RefComparisonName, type RefAxes, type RefNested,
  type RefConv1dOptions, type RefConv2dOptions, type RefConv2dTransposeOptions, type RefPadding, type RefPair, type RefPoolOptions,
  type RefScanOptions, type RefSize,
} from './reference/index.js';
