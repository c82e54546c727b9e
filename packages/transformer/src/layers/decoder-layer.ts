import { add, nn, type Tensor } from '@dlkit/core';
import { MultiHeadAttention, type AttentionCache } from '../attention/multi-head.js';
import { activationFn, resolveLayerOptions, type TransformerLayerOptions } from './options.js';

/** Options of {@link TransformerDecoderLayer.forward}; masks are true where attention is allowed. */
export interface DecoderLayerForwardOptions {
  /** Self-attention mask `[Tt, Tt]` or `[batch·heads, Tt, Tt]`, bool or float. */
  tgtMask?: Tensor;
  /** Cross-attention mask `[Tt, Ts]` or `[batch·heads, Tt, Ts]`, bool or float. */
  memoryMask?: Tensor;
  /** Bool `[batch, Tt]`, true for real target tokens. */
  tgtKeyMask?: Tensor;
  /** Bool `[batch, Ts]`, true for real source tokens. */
  memoryKeyMask?: Tensor;
  /** Look-ahead masking of the self-attention (default true: the decoder must not see the future). */
  causal?: boolean;
  /** Earlier target positions' self-attention keys and values (step-by-step decoding). */
  past?: AttentionCache;
}

/** What {@link TransformerDecoderLayer.forwardWithCache} returns. */
export interface DecoderLayerOutput {
  /** `[batch, Tt, dModel]`. */
  readonly output: Tensor;
  /** The self-attention's keys and values, for the next step. */
  readonly cache: AttentionCache;
  /** The cross-attention weights averaged over heads `[batch, Tt, Ts]`, when asked for. */
  readonly crossWeights: Tensor | null;
}

/**
 * One transformer decoder block, `torch.nn.TransformerDecoderLayer` with `batch_first=True`:
 * masked self-attention over the target, cross-attention to the encoder's `memory`, and the
 * position-wise feed-forward network, each with a residual connection and LayerNorm (post-norm by
 * default, pre-norm with `normFirst`). Submodules `self_attn`, `multihead_attn`, `linear1`,
 * `linear2`, `norm1`, `norm2`, `norm3` as in PyTorch, so its state dict loads unchanged.
 * Unlike PyTorch, the self-attention is causal unless `causal: false`.
 *
 * Shapes: `tgt [batch, Tt, dModel]`, `memory [batch, Ts, dModel]` → `[batch, Tt, dModel]`.
 * @example new TransformerDecoderLayer(64, 4, { dimFeedforward: 256 }).forward(tgt, memory, { memoryKeyMask })
 */
export class TransformerDecoderLayer extends nn.Module<[Tensor, Tensor, DecoderLayerForwardOptions?], Tensor> {
  /** The masked self-attention over the target (`self_attn`). */
  readonly selfAttn: MultiHeadAttention;
  /** The cross-attention from the target to the encoder's `memory` (`multihead_attn`). */
  readonly multiheadAttn: MultiHeadAttention;
  /** The feed-forward network's first layer, `dModel → dimFeedforward`. */
  readonly linear1: nn.Linear;
  /** Dropout on the feed-forward hidden layer. */
  readonly dropout: nn.Dropout;
  /** The feed-forward network's second layer, `dimFeedforward → dModel`. */
  readonly linear2: nn.Linear;
  /** LayerNorm around the self-attention sub-layer, over `dModel`. */
  readonly norm1: nn.LayerNorm;
  /** LayerNorm around the cross-attention sub-layer, over `dModel`. */
  readonly norm2: nn.LayerNorm;
  /** LayerNorm around the feed-forward sub-layer, over `dModel`. */
  readonly norm3: nn.LayerNorm;
  /** Dropout on the self-attention's output before the residual add. */
  readonly dropout1: nn.Dropout;
  /** Dropout on the cross-attention's output before the residual add. */
  readonly dropout2: nn.Dropout;
  /** Dropout on the feed-forward output before the residual add. */
  readonly dropout3: nn.Dropout;
  /** Pre-norm (`x + f(norm(x))`) when true, post-norm (`norm(x + f(x))`) when false. */
  readonly normFirst: boolean;
  /** The feed-forward activation. */
  readonly activation: 'relu' | 'gelu';

  /**
   * Creates the block with PyTorch's initialization.
   * @param dModel - Model width, the last axis of `tgt` and `memory`.
   * @param nHead - Attention heads of both attentions; must divide `dModel`.
   * @param options - Feed-forward size, dropout, activation, norm placement, eps, bias and dtype.
   */
  constructor(
    /** Model width, the last axis of `tgt`, `memory` and the output. */
    readonly dModel: number,
    /** Number of heads in each attention. */
    readonly nHead: number,
    options: TransformerLayerOptions = {},
  ) {
    super();
    const o = resolveLayerOptions(dModel, nHead, options, 'TransformerDecoderLayer');
    const { dtype, bias } = o;
    this.selfAttn = new MultiHeadAttention(dModel, nHead, { dropout: o.dropout, bias, dtype });
    this.multiheadAttn = new MultiHeadAttention(dModel, nHead, { dropout: o.dropout, bias, dtype });
    this.linear1 = new nn.Linear(dModel, o.dimFeedforward, { bias, dtype });
    this.dropout = new nn.Dropout(o.dropout);
    this.linear2 = new nn.Linear(o.dimFeedforward, dModel, { bias, dtype });
    this.norm1 = new nn.LayerNorm(dModel, { eps: o.layerNormEps, dtype });
    this.norm2 = new nn.LayerNorm(dModel, { eps: o.layerNormEps, dtype });
    this.norm3 = new nn.LayerNorm(dModel, { eps: o.layerNormEps, dtype });
    this.dropout1 = new nn.Dropout(o.dropout);
    this.dropout2 = new nn.Dropout(o.dropout);
    this.dropout3 = new nn.Dropout(o.dropout);
    this.normFirst = o.normFirst;
    this.activation = o.activation;
  }

  /** The block's output; see the class. */
  forward(tgt: Tensor, memory: Tensor, options: DecoderLayerForwardOptions = {}): Tensor {
    return this.forwardWithCache(tgt, memory, options).output;
  }

  /** The output, the self-attention cache and (with `needCrossWeights`) the cross-attention weights. */
  forwardWithCache(tgt: Tensor, memory: Tensor, options: DecoderLayerForwardOptions = {}, needCrossWeights = false): DecoderLayerOutput {
    const selfBlock = (h: Tensor): { output: Tensor; cache: AttentionCache } => {
      const r = this.selfAttn.forward(h, h, h, {
        ...(options.tgtMask ? { attnMask: options.tgtMask } : {}),
        ...(options.tgtKeyMask ? { keyMask: options.tgtKeyMask } : {}),
        ...(options.past ? { past: options.past } : {}),
        causal: options.causal ?? true,
        needWeights: false,
      });
      return { output: this.dropout1.forward(r.output), cache: r.cache };
    };
    let crossWeights: Tensor | null = null;
    const crossBlock = (h: Tensor): Tensor => {
      const r = this.multiheadAttn.forward(h, memory, memory, {
        ...(options.memoryMask ? { attnMask: options.memoryMask } : {}),
        ...(options.memoryKeyMask ? { keyMask: options.memoryKeyMask } : {}),
        needWeights: needCrossWeights,
      });
      crossWeights = r.weights;
      return this.dropout2.forward(r.output);
    };
    let x = tgt;
    let cache: AttentionCache;
    if (this.normFirst) {
      const a = selfBlock(this.norm1.forward(x));
      cache = a.cache;
      x = add(x, a.output);
      x = add(x, crossBlock(this.norm2.forward(x)));
      x = add(x, this.feedForward(this.norm3.forward(x)));
    } else {
      const a = selfBlock(x);
      cache = a.cache;
      x = this.norm1.forward(add(x, a.output));
      x = this.norm2.forward(add(x, crossBlock(x)));
      x = this.norm3.forward(add(x, this.feedForward(x)));
    }
    return { output: x, cache, crossWeights };
  }

  private feedForward(x: Tensor): Tensor {
    return this.dropout3.forward(this.linear2.forward(this.dropout.forward(activationFn(this.activation)(this.linear1.forward(x)))));
  }
}
