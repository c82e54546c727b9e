import { add, expandDims, matmul, nn, squeeze, tanh, type FloatDType, type Tensor } from '@dlkit/core';
import { assertSize } from '../rnn/arguments.js';
import { Attention } from './attention.js';

/** Options of {@link AdditiveAttention}. */
export interface AdditiveAttentionOptions {
  /** Dtype of the three Linear layers' parameters (default `'float32'`). */
  dtype?: FloatDType;
}

/**
 * Bahdanau's additive attention, the course's "small neural network" that scores each encoder
 * state against the decoder's previous state: `e<t,t'> = vᵀ tanh(W_s s<t−1> + W_a a<t'> + b)`,
 * `α<t,t'> = softmax_t'(e<t,t'>)`, context `Σ_t' α<t,t'> a<t'>`.
 *
 * Parameters: `query` (`W_s`, Linear `queryDim → attentionDim`, no bias), `key` (`W_a` and `b`,
 * Linear `keyDim → attentionDim`), `score` (`v`, Linear `attentionDim → 1`, no bias).
 * Shapes: see {@link Attention}.
 * @example
 * ```ts
 * const attention = new AdditiveAttention(32, 64, 16);
 * const { context, weights } = attention.forward(randn([4, 32]), randn([4, 10, 64])); // [4, 64], [4, 10]
 * ```
 */
export class AdditiveAttention extends Attention {
  /** `W_s`: Linear `queryDim → attentionDim`, no bias. */
  readonly query: nn.Linear;
  /** `W_a` and `b`: Linear `keyDim → attentionDim`. */
  readonly key: nn.Linear;
  /** `v`: Linear `attentionDim → 1`, no bias. */
  readonly score: nn.Linear;

  /**
   * Creates the scoring network with PyTorch-style Linear initialization.
   * @param queryDim - Features of the decoder query `s`.
   * @param keyDim - Features of the encoder states `a<t'>`.
   * @param attentionDim - Width of the scoring network's hidden layer.
   * @param options - The parameters' `dtype`.
   */
  constructor(
    queryDim: number,
    keyDim: number,
    /** Width of the scoring network's hidden layer, the last axis of `tanh(W_s s + W_a a + b)`. */
    readonly attentionDim: number,
    options: AdditiveAttentionOptions = {},
  ) {
    super('AdditiveAttention', queryDim, keyDim);
    assertSize(queryDim, 'queryDim', 'AdditiveAttention');
    assertSize(keyDim, 'keyDim', 'AdditiveAttention');
    assertSize(attentionDim, 'attentionDim', 'AdditiveAttention');
    const dtype = options.dtype ?? 'float32';
    this.query = new nn.Linear(queryDim, attentionDim, { bias: false, dtype });
    this.key = new nn.Linear(keyDim, attentionDim, { dtype });
    this.score = new nn.Linear(attentionDim, 1, { bias: false, dtype });
  }

  /** `W_a a<t'> + b`, `[batch, Tk, attentionDim]`. */
  prepareKeys(keys: Tensor): Tensor {
    return this.key.forward(keys);
  }

  protected scores(query: Tensor, prepared: Tensor): Tensor {
    // [batch, Tq, 1, A] + [batch, 1, Tk, A] → tanh → · v → [batch, Tq, Tk]
    const hidden = tanh(add(expandDims(this.query.forward(query), 2), expandDims(prepared, 1)));
    return squeeze(matmul(hidden, this.score.weight, { transposeB: true }), 3);
  }
}
