import { add, matmul, nn, slice, ValueError, DTypeError, ShapeError, type FloatDType, type Tensor } from '@dlkit/core';
import { TransformerEncoderLayer } from '../layers/encoder-layer.js';
import type { KVCache } from '../layers/stacks.js';
import { LearnedPositionalEmbedding } from '../positional/learned.js';
import { sinusoidalPositionalEncoding } from '../positional/sinusoidal.js';
import type { CausalDecoder, DecodeStepResult } from '../generation/decoder.js';

/** Options of {@link GPT}. */
export interface GPTOptions {
  /** Number of token ids. */
  vocabSize: number;
  /** Longest sequence (prompt and generated tokens; default 256). */
  maxLength?: number;
  /** Model width (default 128). */
  dModel?: number;
  /** Attention heads (default 4). */
  nHead?: number;
  /** Blocks (default 2). */
  numLayers?: number;
  /** Feed-forward hidden size (default `4·dModel`). */
  dimFeedforward?: number;
  /** Dropout rate (default 0.1). */
  dropout?: number;
  /** How positions enter: learned vectors (GPT-2, the default), the sinusoidal table, or rotary (RoPE) in every attention. */
  positional?: 'learned' | 'sinusoidal' | 'rotary';
  /** Share the token embedding with the output projection, `logits = h·Eᵀ` (default true, as GPT-2). */
  tieWeights?: boolean;
  /** Dtype of all parameters and the positional table (default `'float32'`). */
  dtype?: FloatDType;
}

/**
 * A decoder-only (GPT-style) language model: token embeddings plus positions, `numLayers` pre-norm
 * causal blocks ({@link TransformerEncoderLayer} with `normFirst`, GELU), a final LayerNorm and the
 * projection to the vocabulary — tied to the token embedding by default. Trains with teacher
 * forcing on shifted targets (`crossEntropy(model.forward(x[:, :-1]), x[:, 1:])`) and generates with
 * {@link generate} through its KV cache.
 *
 * Shapes: int32 `tokens [batch, T]`, `T ≤ maxLength` → logits `[batch, T, vocabSize]`.
 * @example
 * ```ts
 * const lm = new GPT({ vocabSize: 65, dModel: 64, nHead: 4, numLayers: 2, maxLength: 128 });
 * const logits = lm.forward(tokens); // [batch, T, 65]
 * ```
 */
export class GPT extends nn.Module<[Tensor], Tensor> implements CausalDecoder {
  /** Token embedding, `[vocabSize, dModel]`, initialized `N(0, 0.02²)`; also the output projection when tied. */
  readonly tokenEmbedding: nn.Embedding;
  /** Learned position vectors `[maxLength, dModel]` with `positional: 'learned'`, else null. */
  readonly positionEmbedding: LearnedPositionalEmbedding | null;
  /** The sinusoidal table `[maxLength, dModel]` (a non-persistent buffer) with `positional: 'sinusoidal'`, else null. */
  readonly positionTable: Tensor | null;
  /** Dropout on the embeddings plus positions. */
  readonly drop: nn.Dropout;
  /** The `numLayers` pre-norm causal blocks (GELU feed-forward). */
  readonly blocks: TransformerEncoderLayer[];
  /** The final LayerNorm, over `dModel`. */
  readonly norm: nn.LayerNorm;
  /** The output projection, null when tied to the token embedding. */
  readonly head: nn.Linear | null;
  /** Number of token ids; the width of the logits. */
  readonly vocabSize: number;
  /** Longest sequence, prompt and generated tokens together. */
  readonly maxLength: number;
  /** Model width. */
  readonly dModel: number;

  /**
   * Creates the model (GPT-2's initialization of the embeddings).
   * @param options - `vocabSize` (required), length, widths, depth, dropout, positions, weight tying and dtype.
   */
  constructor(options: GPTOptions) {
    super();
    const { vocabSize } = options;
    this.vocabSize = vocabSize;
    this.maxLength = options.maxLength ?? 256;
    this.dModel = options.dModel ?? 128;
    const nHead = options.nHead ?? 4;
    const numLayers = options.numLayers ?? 2;
    const dtype = options.dtype ?? 'float32';
    const positional = options.positional ?? 'learned';
    for (const [name, value] of [['vocabSize', vocabSize], ['maxLength', this.maxLength], ['numLayers', numLayers]] as const) {
      if (!Number.isInteger(value) || value <= 0) throw new ValueError(`GPT: ${name} must be a positive integer, got ${String(value)}`);
    }
    if (!['learned', 'sinusoidal', 'rotary'].includes(positional)) throw new ValueError(`GPT: positional must be 'learned', 'sinusoidal' or 'rotary', got ${String(positional)}`);
    this.tokenEmbedding = new nn.Embedding(vocabSize, this.dModel, { dtype, init: nn.init.normal(0.02) });
    this.positionEmbedding = positional === 'learned' ? new LearnedPositionalEmbedding(this.maxLength, this.dModel, { dtype }) : null;
    this.positionTable = positional === 'sinusoidal' ? nn.buffer(sinusoidalPositionalEncoding(this.maxLength, this.dModel, { dtype }), { persistent: false }) : null;
    this.drop = new nn.Dropout(options.dropout ?? 0.1);
    this.blocks = Array.from({ length: numLayers }, () => new TransformerEncoderLayer(this.dModel, nHead, {
      dimFeedforward: options.dimFeedforward ?? 4 * this.dModel,
      dropout: options.dropout ?? 0.1,
      activation: 'gelu',
      normFirst: true,
      rotary: positional === 'rotary',
      dtype,
    }));
    this.norm = new nn.LayerNorm(this.dModel, { dtype });
    this.head = (options.tieWeights ?? true) ? null : new nn.Linear(this.dModel, vocabSize, { bias: false, dtype });
  }

  /** Next-token logits at every position (teacher forcing). */
  forward(tokens: Tensor): Tensor {
    return this.decodeStep(tokens, null).logits;
  }

  /** Logits for `tokens` following the cached positions, and the extended cache. */
  decodeStep(tokens: Tensor, cache: KVCache | null): DecodeStepResult {
    if (tokens.dtype !== 'int32') throw new DTypeError(`GPT.forward: tokens must be int32, got ${tokens.dtype}`);
    if (tokens.rank !== 2) throw new ShapeError(`GPT.forward: tokens must be [batch, T], got [${tokens.shape.join(', ')}]`);
    if (cache !== null && cache.length !== this.blocks.length) throw new ValueError(`GPT.decodeStep: the cache has ${cache.length} entries for ${this.blocks.length} blocks`);
    const offset = cache ? cache[0]!.key.shape[2]! : 0;
    const T = tokens.shape[1]!;
    if (offset + T > this.maxLength) throw new ValueError(`GPT.forward: ${offset + T} positions exceed maxLength ${this.maxLength}`);
    let h = this.tokenEmbedding.forward(tokens);
    if (this.positionEmbedding) h = this.positionEmbedding.forward(h, offset);
    else if (this.positionTable) h = add(h, slice(this.positionTable, [offset, 0], [T, this.dModel]));
    h = this.drop.forward(h);
    const next = this.blocks.map((block, i) => {
      const r = block.forwardWithCache(h, { causal: true, ...(cache ? { past: cache[i]! } : {}) });
      h = r.output;
      return r.cache;
    });
    h = this.norm.forward(h);
    const logits = this.head ? this.head.forward(h) : matmul(h, this.tokenEmbedding.weight, { transposeB: true });
    return { logits, cache: next };
  }
}
