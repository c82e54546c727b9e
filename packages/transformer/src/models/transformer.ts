import { add, mul, nn, slice, DTypeError, ShapeError, ValueError, type FloatDType, type Tensor } from '@dlkit/core';
import { TransformerDecoder, TransformerEncoder, type KVCache } from '../layers/stacks.js';
import { sinusoidalPositionalEncoding } from '../positional/sinusoidal.js';
import type { CausalDecoder, DecodeStepResult } from '../generation/decoder.js';

/** Options of {@link Transformer}. */
export interface TransformerOptions {
  /** Source token ids lie in `[0, srcVocabSize)`. */
  srcVocabSize: number;
  /** Target token ids lie in `[0, tgtVocabSize)`; the width of the logits. */
  tgtVocabSize: number;
  /** Model width (default 512). */
  dModel?: number;
  /** Attention heads (default 8). */
  nHead?: number;
  /** Encoder layers (default 6). */
  numEncoderLayers?: number;
  /** Decoder layers (default 6). */
  numDecoderLayers?: number;
  /** Feed-forward hidden size (default 2048). */
  dimFeedforward?: number;
  /** Dropout rate (default 0.1). */
  dropout?: number;
  /** Feed-forward activation (default `'relu'`). */
  activation?: 'relu' | 'gelu';
  /** Pre-norm layers (default false: the paper's post-norm). */
  normFirst?: boolean;
  /** Longest source or target sequence, the size of the positional table (default 512). */
  maxLength?: number;
  /** Dtype of all parameters and the positional table (default `'float32'`). */
  dtype?: FloatDType;
}

/** Options of {@link Transformer.forward}. */
export interface TransformerForwardOptions {
  /** Bool `[batch, Ts]`, true for real source tokens. */
  srcKeyMask?: Tensor;
  /** Bool `[batch, Tt]`, true for real target tokens. */
  tgtKeyMask?: Tensor;
}

/** What {@link Transformer.decode} returns. */
export interface TransformerDecodeResult extends DecodeStepResult {
  /** Each decoder layer's cross-attention weights `[batch, Tt, Ts]` (with `needCrossWeights`). */
  readonly crossWeights: Tensor[];
}

function checkTokens(tokens: Tensor, name: string, where: string): void {
  if (tokens.dtype !== 'int32') throw new DTypeError(`${where}: ${name} must be int32 token ids, got ${tokens.dtype}`);
  if (tokens.rank !== 2) throw new ShapeError(`${where}: ${name} must be [batch, T], got [${tokens.shape.join(', ')}]`);
}

/**
 * The encoder–decoder transformer of "Attention Is All You Need" (the course's week 4): token
 * embeddings scaled by `√dModel` plus the sinusoidal positional encoding, an encoder stack and a
 * decoder stack with final LayerNorms (`torch.nn.Transformer`'s `encoder`/`decoder` names), and a
 * linear projection to the target vocabulary. Trained with teacher forcing: feed the target shifted
 * right (`[bos, y1 … y_{n−1}]`) and predict `[y1 … yn]`; the decoder's self-attention is causal.
 *
 * Shapes: int32 `src [batch, Ts]`, `tgt [batch, Tt]` → logits `[batch, Tt, tgtVocabSize]`.
 * @example
 * ```ts
 * const model = new Transformer({ srcVocabSize: 40, tgtVocabSize: 14, dModel: 64, nHead: 4, numEncoderLayers: 2, numDecoderLayers: 2 });
 * const logits = model.forward(src, tgtIn, { srcKeyMask });
 * ```
 */
export class Transformer extends nn.Module<[Tensor, Tensor, TransformerForwardOptions?], Tensor> {
  /** Source token embedding, `[srcVocabSize, dModel]`, initialized `N(0, 1/dModel)`. */
  readonly srcEmbedding: nn.Embedding;
  /** Target token embedding, `[tgtVocabSize, dModel]`, initialized `N(0, 1/dModel)`. */
  readonly tgtEmbedding: nn.Embedding;
  /** The sinusoidal positional encoding `[maxLength, dModel]`, a non-persistent buffer (not in the state dict). */
  readonly positionTable: Tensor;
  /** Dropout on the embeddings plus positions. */
  readonly dropout: nn.Dropout;
  /** The encoder stack, with a final LayerNorm. */
  readonly encoder: TransformerEncoder;
  /** The decoder stack (causal self-attention), with a final LayerNorm. */
  readonly decoder: TransformerDecoder;
  /** Projection to the target vocabulary, `dModel → tgtVocabSize`. */
  readonly generator: nn.Linear;
  /** Model width. */
  readonly dModel: number;
  /** Longest source or target sequence (rows of `positionTable`). */
  readonly maxLength: number;

  /**
   * Creates the model; everything but the vocabulary sizes has the paper's base defaults.
   * @param options - Vocabulary sizes (required), widths, depths, dropout, activation, norm placement, `maxLength` and dtype.
   */
  constructor(options: TransformerOptions) {
    super();
    this.dModel = options.dModel ?? 512;
    this.maxLength = options.maxLength ?? 512;
    const dtype = options.dtype ?? 'float32';
    for (const [name, value] of [['srcVocabSize', options.srcVocabSize], ['tgtVocabSize', options.tgtVocabSize], ['maxLength', this.maxLength]] as const) {
      if (!Number.isInteger(value) || value <= 0) throw new ValueError(`Transformer: ${name} must be a positive integer, got ${String(value)}`);
    }
    const nHead = options.nHead ?? 8;
    const layer = {
      dimFeedforward: options.dimFeedforward ?? 2048,
      dropout: options.dropout ?? 0.1,
      activation: options.activation ?? 'relu',
      normFirst: options.normFirst ?? false,
      finalNorm: true,
      dtype,
    } as const;
    const embeddingInit = nn.init.normal(this.dModel ** -0.5);
    this.srcEmbedding = new nn.Embedding(options.srcVocabSize, this.dModel, { dtype, init: embeddingInit });
    this.tgtEmbedding = new nn.Embedding(options.tgtVocabSize, this.dModel, { dtype, init: embeddingInit });
    this.positionTable = nn.buffer(sinusoidalPositionalEncoding(this.maxLength, this.dModel, { dtype }), { persistent: false });
    this.dropout = new nn.Dropout(layer.dropout);
    this.encoder = new TransformerEncoder(options.numEncoderLayers ?? 6, this.dModel, nHead, layer);
    this.decoder = new TransformerDecoder(options.numDecoderLayers ?? 6, this.dModel, nHead, layer);
    this.generator = new nn.Linear(this.dModel, options.tgtVocabSize, { dtype });
  }

  /** `dropout(√dModel·E[tokens] + PE[offset … offset+T])`. */
  private embed(embedding: nn.Embedding, tokens: Tensor, offset: number, where: string): Tensor {
    const T = tokens.shape[1]!;
    if (offset + T > this.maxLength) throw new ValueError(`${where}: ${offset + T} positions exceed maxLength ${this.maxLength}`);
    const scaled = mul(embedding.forward(tokens), Math.sqrt(this.dModel));
    return this.dropout.forward(add(scaled, slice(this.positionTable, [offset, 0], [T, this.dModel])));
  }

  /** The encoder's output ("memory") `[batch, Ts, dModel]`. */
  encode(src: Tensor, srcKeyMask?: Tensor): Tensor {
    checkTokens(src, 'src', 'Transformer.encode');
    return this.encoder.forward(this.embed(this.srcEmbedding, src, 0, 'Transformer.encode'), srcKeyMask ? { keyMask: srcKeyMask } : {});
  }

  /**
   * Decoder logits for `tgt` after the positions in `cache` (null: from the start), attending to
   * `memory`; the cross-attention weights too with `needCrossWeights` (heatmaps).
   */
  decode(tgt: Tensor, memory: Tensor, options: { memoryKeyMask?: Tensor; tgtKeyMask?: Tensor; cache?: KVCache | null; needCrossWeights?: boolean } = {}): TransformerDecodeResult {
    checkTokens(tgt, 'tgt', 'Transformer.decode');
    const cache = options.cache ?? null;
    const offset = cache ? cache[0]!.key.shape[2]! : 0;
    const r = this.decoder.forwardWithCache(
      this.embed(this.tgtEmbedding, tgt, offset, 'Transformer.decode'),
      memory,
      { ...(options.memoryKeyMask ? { memoryKeyMask: options.memoryKeyMask } : {}), ...(options.tgtKeyMask ? { tgtKeyMask: options.tgtKeyMask } : {}), causal: true },
      cache ?? undefined,
      options.needCrossWeights ?? false,
    );
    return { logits: this.generator.forward(r.output), cache: r.cache, crossWeights: r.crossWeights };
  }

  /** Teacher-forced logits `[batch, Tt, tgtVocabSize]` for the shifted-right targets `tgt`. */
  forward(src: Tensor, tgt: Tensor, options: TransformerForwardOptions = {}): Tensor {
    const memory = this.encode(src, options.srcKeyMask);
    return this.decode(tgt, memory, {
      ...(options.srcKeyMask ? { memoryKeyMask: options.srcKeyMask } : {}),
      ...(options.tgtKeyMask ? { tgtKeyMask: options.tgtKeyMask } : {}),
    }).logits;
  }

  /**
   * The decoder bound to one encoded source, for {@link generate} and {@link beamSearchDecode}:
   * `src [1 | batch, Ts]` is encoded once; a batch-1 source serves any number of hypotheses.
   */
  decoderFor(src: Tensor, srcKeyMask?: Tensor): CausalDecoder {
    const memory = this.encode(src, srcKeyMask);
    return {
      decodeStep: (tokens, cache) => this.decode(tokens, memory, { cache, ...(srcKeyMask ? { memoryKeyMask: srcKeyMask } : {}) }),
    };
  }
}
