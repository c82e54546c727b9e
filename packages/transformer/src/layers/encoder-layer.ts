import { add, nn, type Tensor } from '@dlkit/core';
import { MultiHeadAttention, type AttentionCache } from '../attention/multi-head.js';
import { activationFn, resolveLayerOptions, type TransformerLayerOptions } from './options.js';

/** Options of {@link TransformerEncoderLayer}. */
export interface TransformerEncoderLayerOptions extends TransformerLayerOptions {
  /** Rotary position embedding in the self-attention (default false). */
  rotary?: boolean;
}

/** Options of {@link TransformerEncoderLayer.forward}. */
export interface EncoderLayerForwardOptions {
  /** `[T, T]` or `[batch·heads, T, T]`: bool (true = may attend) or float (added to the scores). */
  attnMask?: Tensor;
  /** Bool `[batch, T]`, true for real tokens. */
  keyMask?: Tensor;
  /** Look-ahead masking (decoder-only models; default false). */
  causal?: boolean;
  /** Earlier positions' keys and values (step-by-step causal decoding). */
  past?: AttentionCache;
}

/** What {@link TransformerEncoderLayer.forwardWithCache} returns. */
export interface LayerOutput {
  /** `[batch, T, dModel]`. */
  readonly output: Tensor;
  /** The self-attention's keys and values, for the next step. */
  readonly cache: AttentionCache;
}

/**
 * One transformer encoder block, `torch.nn.TransformerEncoderLayer` with `batch_first=True`:
 * self-attention then a position-wise feed-forward network `linear2(dropout(act(linear1(x))))`,
 * each wrapped in a residual connection and LayerNorm — post-norm `norm(x + f(x))` (default) or
 * pre-norm `x + f(norm(x))`. Submodules `self_attn`, `linear1`, `linear2`, `norm1`, `norm2` as in
 * PyTorch, so its state dict loads unchanged. With `causal` it is a GPT block.
 *
 * Shapes: `x [batch, T, dModel]` → `[batch, T, dModel]`.
 * @example new TransformerEncoderLayer(64, 4, { dimFeedforward: 256, dropout: 0 }).forward(x, { keyMask })
 */
export class TransformerEncoderLayer extends nn.Module<[Tensor, EncoderLayerForwardOptions?], Tensor> {
  /** The self-attention, `dModel` wide with `nHead` heads (`self_attn`). */
  readonly selfAttn: MultiHeadAttention;
  /** The feed-forward network's first layer, `dModel → dimFeedforward`. */
  readonly linear1: nn.Linear;
  /** Dropout on the feed-forward hidden layer. */
  readonly dropout: nn.Dropout;
  /** The feed-forward network's second layer, `dimFeedforward → dModel`. */
  readonly linear2: nn.Linear;
  /** LayerNorm around the self-attention sub-layer, over `dModel`. */
  readonly norm1: nn.LayerNorm;
  /** LayerNorm around the feed-forward sub-layer, over `dModel`. */
  readonly norm2: nn.LayerNorm;
  /** Dropout on the self-attention's output before the residual add. */
  readonly dropout1: nn.Dropout;
  /** Dropout on the feed-forward output before the residual add. */
  readonly dropout2: nn.Dropout;
  /** Pre-norm (`x + f(norm(x))`) when true, post-norm (`norm(x + f(x))`) when false. */
  readonly normFirst: boolean;
  /** The feed-forward activation. */
  readonly activation: 'relu' | 'gelu';

  /**
   * Creates the block with PyTorch's initialization.
   * @param dModel - Model width, the last axis of `x`.
   * @param nHead - Attention heads; must divide `dModel`.
   * @param options - Feed-forward size, dropout, activation, norm placement, eps, bias, dtype and rotary.
   */
  constructor(
    /** Model width, the last axis of the input and output. */
    readonly dModel: number,
    /** Number of self-attention heads. */
    readonly nHead: number,
    options: TransformerEncoderLayerOptions = {},
  ) {
    super();
    const o = resolveLayerOptions(dModel, nHead, options, 'TransformerEncoderLayer');
    const { dtype, bias } = o;
    this.selfAttn = new MultiHeadAttention(dModel, nHead, { dropout: o.dropout, bias, dtype, rotary: options.rotary ?? false });
    this.linear1 = new nn.Linear(dModel, o.dimFeedforward, { bias, dtype });
    this.dropout = new nn.Dropout(o.dropout);
    this.linear2 = new nn.Linear(o.dimFeedforward, dModel, { bias, dtype });
    this.norm1 = new nn.LayerNorm(dModel, { eps: o.layerNormEps, dtype });
    this.norm2 = new nn.LayerNorm(dModel, { eps: o.layerNormEps, dtype });
    this.dropout1 = new nn.Dropout(o.dropout);
    this.dropout2 = new nn.Dropout(o.dropout);
    this.normFirst = o.normFirst;
    this.activation = o.activation;
  }

  /** The block's output; see the class. */
  forward(x: Tensor, options: EncoderLayerForwardOptions = {}): Tensor {
    return this.forwardWithCache(x, options).output;
  }

  /** The output and the self-attention's cache (pass it as `past` with the next tokens). */
  forwardWithCache(x: Tensor, options: EncoderLayerForwardOptions = {}): LayerOutput {
    const attend = (h: Tensor): { output: Tensor; cache: AttentionCache } => {
      const r = this.selfAttn.forward(h, h, h, { ...options, needWeights: false });
      return { output: this.dropout1.forward(r.output), cache: r.cache };
    };
    if (this.normFirst) {
      const a = attend(this.norm1.forward(x));
      const h = add(x, a.output);
      return { output: add(h, this.feedForward(this.norm2.forward(h))), cache: a.cache };
    }
    const a = attend(x);
    const h = this.norm1.forward(add(x, a.output));
    return { output: this.norm2.forward(add(h, this.feedForward(h))), cache: a.cache };
  }

  private feedForward(x: Tensor): Tensor {
    return this.dropout2.forward(this.linear2.forward(this.dropout.forward(activationFn(this.activation)(this.linear1.forward(x)))));
  }
}
