import { matmul, nn, ValueError, type FloatDType, type Tensor } from '@dlkit/core';
import { assertSize } from '../rnn/arguments.js';
import { Attention } from './attention.js';

/** Luong's multiplicative scores: `'dot'` `e = sᵀ a` (needs `queryDim = keyDim`), `'general'` `e = sᵀ W a`. */
export type LuongScore = 'dot' | 'general';

/** Options of {@link LuongAttention}. */
export interface LuongAttentionOptions {
  /** The score function (default `'general'`). */
  score?: LuongScore;
  /** Dtype of the `'general'` score's `W` (default `'float32'`). */
  dtype?: FloatDType;
}

/**
 * Luong's multiplicative attention: `e<t,t'> = s<t>ᵀ a<t'>` (`'dot'`) or `s<t>ᵀ W a<t'>`
 * (`'general'`; `W` is the `key` Linear `keyDim → queryDim`, no bias), then
 * `α<t,t'> = softmax_t'(e<t,t'>)` and the context `Σ_t' α<t,t'> a<t'>`.
 * Shapes: see {@link Attention}.
 * @example
 * ```ts
 * const dot = new LuongAttention(16, 16, { score: 'dot' });
 * const { weights } = dot.forward(randn([2, 5, 16]), randn([2, 7, 16])); // [2, 5, 7], rows sum to 1
 * ```
 */
export class LuongAttention extends Attention {
  /** The score function, `'dot'` or `'general'`. */
  readonly scoreKind: LuongScore;
  /** `W` of the `'general'` score; null for `'dot'`. */
  readonly key: nn.Linear | null;

  /**
   * Creates the attention; only `'general'` has parameters.
   * @param queryDim - Features of the decoder query `s`.
   * @param keyDim - Features of the encoder states `a<t'>`; must equal `queryDim` for `'dot'`.
   * @param options - The `score` (default `'general'`) and the parameters' `dtype`.
   */
  constructor(queryDim: number, keyDim: number, options: LuongAttentionOptions = {}) {
    super('LuongAttention', queryDim, keyDim);
    assertSize(queryDim, 'queryDim', 'LuongAttention');
    assertSize(keyDim, 'keyDim', 'LuongAttention');
    this.scoreKind = options.score ?? 'general';
    if (this.scoreKind !== 'dot' && this.scoreKind !== 'general') {
      throw new ValueError(`LuongAttention: score must be 'dot' or 'general', got ${String(this.scoreKind)}`);
    }
    if (this.scoreKind === 'dot' && queryDim !== keyDim) {
      throw new ValueError(`LuongAttention: the 'dot' score needs queryDim = keyDim, got ${queryDim} and ${keyDim}; use score: 'general'`);
    }
    this.key = this.scoreKind === 'general' ? new nn.Linear(keyDim, queryDim, { bias: false, dtype: options.dtype ?? 'float32' }) : null;
  }

  /** `W a<t'>` for `'general'` (`[batch, Tk, queryDim]`), the keys themselves for `'dot'`. */
  prepareKeys(keys: Tensor): Tensor {
    return this.key === null ? keys : this.key.forward(keys);
  }

  protected scores(query: Tensor, prepared: Tensor): Tensor {
    return matmul(query, prepared, { transposeB: true });
  }
}
