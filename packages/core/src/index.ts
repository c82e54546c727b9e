/**
 * @dlkit/core — tensors, reverse-mode autograd, pluggable backends and the pure-TypeScript backend.
 * @module @dlkit/core
 */
export { Tensor } from './tensor.js';
export * from './ops/index.js';
export { setIndexChecks, getIndexChecks, type IndexChecks } from './ops/index-checks.js';
export { DTYPES, isFloat, type DType, type FloatDType, type TypedArray } from './dtype.js';
export type { Shape } from './shape.js';
export { DlkitError, ShapeError, DTypeError, ValueError, BackendError, SerializationError } from './errors.js';
export type { Backend } from './backend/backend.js';
export type {
  TensorInfo, UnaryOp, BinaryOp, ArithmeticOp, ComparisonOp, ReduceOp, ScanOp, Conv2dAttrs, Pool2dAttrs, Padding2d, NearestMode,
  RequiredKernels, OptionalKernels, KernelName,
} from './backend/kernels.js';
export { OPTIONAL_KERNELS } from './backend/kernels.js';
export { registerBackend, setBackend, getBackend, listBackends } from './backend/registry.js';
export { tsBackend } from './backends/ts/index.js';
export { noGrad, enableGrad, isGradEnabled } from './autograd/grad-mode.js';
export { tidy, keep } from './memory.js';
export { grad, valueAndGrad, gradients, type GradOptions, type GradientsOptions } from './autograd/functional.js';
export type { BackwardOptions } from './autograd/backward.js';
export { gradcheck, gradgradcheck, type GradcheckOptions, type GradcheckResult, type InputGradcheck } from './autograd/gradcheck.js';
export { manualSeed, Generator } from './random/generator.js';
export type { PaddingSpec, Pair } from './ops/conv-geometry.js';
/**
 * Layers and models: {@link nn.Module} (parameters, state dicts, train/eval), {@link nn.Linear},
 * {@link nn.Sequential}, normalization, embedding and activation layers, {@link nn.summarize} and
 * the {@link nn.init} initializers.
 */
export * as nn from './nn/index.js';
export * from './losses/index.js';
export * from './metrics/index.js';
export {
  saveSafetensors, loadSafetensors, type SafetensorsContents, type SaveSafetensorsOptions, type HalfDType,
} from './io/safetensors.js';
