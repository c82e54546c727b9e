import { nn, ValueError, type Tensor } from '@dlkit/core';
import type { AttentionCache } from '../attention/multi-head.js';
import { TransformerEncoderLayer, type EncoderLayerForwardOptions, type TransformerEncoderLayerOptions } from './encoder-layer.js';
import { TransformerDecoderLayer, type DecoderLayerForwardOptions } from './decoder-layer.js';
import type { TransformerLayerOptions } from './options.js';

/** One {@link AttentionCache} per layer of a stack: what step-by-step decoding carries along. */
export type KVCache = readonly AttentionCache[];

/** Options of the stacks: the layers' options and an optional final LayerNorm. */
export interface StackOptions {
  /** A LayerNorm after the last layer, state-dict name `norm` (default false, as PyTorch's `norm=None`; pre-norm stacks want one). */
  finalNorm?: boolean;
}

function assertLayers(numLayers: number, where: string): void {
  if (!Number.isInteger(numLayers) || numLayers <= 0) throw new ValueError(`${where}: numLayers must be a positive integer, got ${String(numLayers)}`);
}

function checkCache(cache: KVCache | undefined, layers: number, where: string): void {
  if (cache !== undefined && cache.length !== layers) throw new ValueError(`${where}: the cache has ${cache.length} entries for ${layers} layers`);
}

/** What a stack's `forwardWithCache` returns. */
export interface StackOutput {
  /** `[batch, T, dModel]`. */
  readonly output: Tensor;
  /** Every layer's self-attention keys and values. */
  readonly cache: KVCache;
}

/**
 * `numLayers` {@link TransformerEncoderLayer}s in a row (`torch.nn.TransformerEncoder`): state-dict
 * names `layers.0.self_attn.in_proj_weight`, …, and `norm.weight` with `finalNorm`.
 *
 * Shapes: `[batch, T, dModel]` → `[batch, T, dModel]`.
 * @example new TransformerEncoder(2, 64, 4, { dimFeedforward: 128 }).forward(x, { keyMask })
 */
export class TransformerEncoder extends nn.Module<[Tensor, EncoderLayerForwardOptions?], Tensor> {
  /** The `numLayers` blocks in order (`layers.0`, `layers.1`, …), each built with the same options. */
  readonly layers: TransformerEncoderLayer[];
  /** The LayerNorm after the last layer, over `dModel`; null without `finalNorm`. */
  readonly norm: nn.LayerNorm | null;

  /**
   * Creates `numLayers` independently initialized blocks.
   * @param numLayers - Number of blocks.
   * @param dModel - Model width, the last axis of the input and output.
   * @param nHead - Attention heads per block; must divide `dModel`.
   * @param options - Every block's options, and `finalNorm`.
   */
  constructor(numLayers: number, dModel: number, nHead: number, options: TransformerEncoderLayerOptions & StackOptions = {}) {
    super();
    assertLayers(numLayers, 'TransformerEncoder');
    this.layers = Array.from({ length: numLayers }, () => new TransformerEncoderLayer(dModel, nHead, options));
    this.norm = options.finalNorm ? new nn.LayerNorm(dModel, { eps: options.layerNormEps ?? 1e-5, dtype: options.dtype ?? 'float32' }) : null;
  }

  /** The last layer's output (normalized with `finalNorm`). */
  forward(x: Tensor, options: EncoderLayerForwardOptions = {}): Tensor {
    return this.forwardWithCache(x, options).output;
  }

  /** The output and each layer's cache; `cache` holds the earlier positions of every layer (causal decoding). */
  forwardWithCache(x: Tensor, options: Omit<EncoderLayerForwardOptions, 'past'> = {}, cache?: KVCache): StackOutput {
    checkCache(cache, this.layers.length, 'TransformerEncoder.forwardWithCache');
    let h = x;
    const next: AttentionCache[] = [];
    this.layers.forEach((layer, i) => {
      const r = layer.forwardWithCache(h, { ...options, ...(cache ? { past: cache[i]! } : {}) });
      next.push(r.cache);
      h = r.output;
    });
    return { output: this.norm ? this.norm.forward(h) : h, cache: next };
  }
}

/** What {@link TransformerDecoder.forwardWithCache} returns. */
export interface DecoderStackOutput extends StackOutput {
  /** Each layer's cross-attention weights `[batch, Tt, Ts]` (averaged over heads), when asked for. */
  readonly crossWeights: Tensor[];
}

/**
 * `numLayers` {@link TransformerDecoderLayer}s in a row (`torch.nn.TransformerDecoder`), each
 * attending to the same `memory`: state-dict names `layers.0.multihead_attn.in_proj_weight`, …,
 * and `norm.weight` with `finalNorm`.
 *
 * Shapes: `tgt [batch, Tt, dModel]`, `memory [batch, Ts, dModel]` → `[batch, Tt, dModel]`.
 * @example new TransformerDecoder(2, 64, 4).forward(tgt, memory, { memoryKeyMask })
 */
export class TransformerDecoder extends nn.Module<[Tensor, Tensor, DecoderLayerForwardOptions?], Tensor> {
  /** The `numLayers` blocks in order (`layers.0`, `layers.1`, …), each built with the same options. */
  readonly layers: TransformerDecoderLayer[];
  /** The LayerNorm after the last layer, over `dModel`; null without `finalNorm`. */
  readonly norm: nn.LayerNorm | null;

  /**
   * Creates `numLayers` independently initialized blocks.
   * @param numLayers - Number of blocks.
   * @param dModel - Model width, the last axis of the input and output.
   * @param nHead - Attention heads per block; must divide `dModel`.
   * @param options - Every block's options, and `finalNorm`.
   */
  constructor(numLayers: number, dModel: number, nHead: number, options: TransformerLayerOptions & StackOptions = {}) {
    super();
    assertLayers(numLayers, 'TransformerDecoder');
    this.layers = Array.from({ length: numLayers }, () => new TransformerDecoderLayer(dModel, nHead, options));
    this.norm = options.finalNorm ? new nn.LayerNorm(dModel, { eps: options.layerNormEps ?? 1e-5, dtype: options.dtype ?? 'float32' }) : null;
  }

  /** The last layer's output (normalized with `finalNorm`). */
  forward(tgt: Tensor, memory: Tensor, options: DecoderLayerForwardOptions = {}): Tensor {
    return this.forwardWithCache(tgt, memory, options).output;
  }

  /** The output, each layer's self-attention cache and (with `needCrossWeights`) cross-attention weights. */
  forwardWithCache(tgt: Tensor, memory: Tensor, options: Omit<DecoderLayerForwardOptions, 'past'> = {}, cache?: KVCache, needCrossWeights = false): DecoderStackOutput {
    checkCache(cache, this.layers.length, 'TransformerDecoder.forwardWithCache');
    let h = tgt;
    const next: AttentionCache[] = [];
    const crossWeights: Tensor[] = [];
    this.layers.forEach((layer, i) => {
      const r = layer.forwardWithCache(h, memory, { ...options, ...(cache ? { past: cache[i]! } : {}) }, needCrossWeights);
      next.push(r.cache);
      if (r.crossWeights) crossWeights.push(r.crossWeights);
      h = r.output;
    });
    return { output: this.norm ? this.norm.forward(h) : h, cache: next, crossWeights };
  }
}
