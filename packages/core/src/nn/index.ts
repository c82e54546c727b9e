export { Module, type LoadStateDictOptions, type LoadStateDictResult } from './module.js';
export { parameter, isParameter } from './parameter.js';
export { buffer, type BufferOptions } from './buffer.js';
export { Linear, type LinearOptions } from './linear.js';
export { Sequential, type Layer } from './sequential.js';
export { Dropout } from './dropout.js';
export { Flatten } from './flatten.js';
export { BatchNorm1d, BatchNorm2d, type BatchNormOptions } from './batch-norm.js';
export { LayerNorm, type LayerNormOptions } from './layer-norm.js';
export { Embedding, type EmbeddingOptions } from './embedding.js';
export { ReLU, ReLU6, Tanh, Sigmoid, SELU, Softplus, LeakyReLU, ELU, GELU, Softmax, LogSoftmax } from './activations.js';
export { summarize, type ModelSummary, type SummaryRow, type SummaryInput, type SummaryOptions, type SummaryParameter } from './summary.js';
/**
 * Weight initializers (`zeros`, `normal`, `xavierUniform`, `heNormal`, `orthogonal`, ...): factories of
 * {@link init.Initializer}s that layers take as `weightInit`/`biasInit`.
 */
export * as init from './init.js';
