import { gelu, relu, ValueError, type FloatDType, type Tensor } from '@dlkit/core';

/** Options shared by {@link TransformerEncoderLayer} and {@link TransformerDecoderLayer} (PyTorch's defaults). */
export interface TransformerLayerOptions {
  /** Hidden size of the position-wise feed-forward network (default 2048). */
  dimFeedforward?: number;
  /** Dropout rate on attention weights, sub-layer outputs and the feed-forward hidden layer (default 0.1). */
  dropout?: number;
  /** Feed-forward activation (default 'relu'; 'gelu' is the exact erf form, as PyTorch's). */
  activation?: 'relu' | 'gelu';
  /** Pre-norm `x + f(norm(x))` (GPT-2 and most modern models) instead of post-norm `norm(x + f(x))` (default false, the paper's). */
  normFirst?: boolean;
  /** LayerNorm epsilon (default 1e-5). */
  layerNormEps?: number;
  /** Biases in the linear and norm layers (default true). */
  bias?: boolean;
  /** Dtype of all parameters (default `'float32'`). */
  dtype?: FloatDType;
}

/** The options resolved to PyTorch's defaults. */
export interface ResolvedLayerOptions {
  readonly dimFeedforward: number;
  readonly dropout: number;
  readonly activation: 'relu' | 'gelu';
  readonly normFirst: boolean;
  readonly layerNormEps: number;
  readonly bias: boolean;
  readonly dtype: FloatDType;
}

/** Validates `options` and fills in the defaults. */
export function resolveLayerOptions(dModel: number, nHead: number, options: TransformerLayerOptions, where: string): ResolvedLayerOptions {
  for (const [name, value] of [['dModel', dModel], ['nHead', nHead], ['dimFeedforward', options.dimFeedforward ?? 2048]] as const) {
    if (!Number.isInteger(value) || value <= 0) throw new ValueError(`${where}: ${name} must be a positive integer, got ${String(value)}`);
  }
  const activation = options.activation ?? 'relu';
  if (activation !== 'relu' && activation !== 'gelu') throw new ValueError(`${where}: activation must be 'relu' or 'gelu', got ${String(activation)}`);
  const dropout = options.dropout ?? 0.1;
  if (!(dropout >= 0 && dropout < 1)) throw new ValueError(`${where}: dropout must be in [0, 1), got ${dropout}`);
  return {
    dimFeedforward: options.dimFeedforward ?? 2048,
    dropout,
    activation,
    normFirst: options.normFirst ?? false,
    layerNormEps: options.layerNormEps ?? 1e-5,
    bias: options.bias ?? true,
    dtype: options.dtype ?? 'float32',
  };
}

/** The activation function named by `name`. */
export function activationFn(name: 'relu' | 'gelu'): (x: Tensor) => Tensor {
  return name === 'relu' ? relu : (x) => gelu(x);
}
