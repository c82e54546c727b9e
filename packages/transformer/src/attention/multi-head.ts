import {
  add, concat, isFloat, matmul, mean, nn, reshape, slice, split, transpose, where, zeros, DTypeError, ShapeError, ValueError, Tensor,
  type FloatDType,
} from '@dlkit/core';
import { scaledDotProductAttention } from './scaled-dot-product.js';
import { applyRotaryEmbedding } from '../positional/rotary.js';

/** Options of {@link MultiHeadAttention}. */
export interface MultiHeadAttentionOptions {
  /** Biases on the input and output projections (default true). */
  bias?: boolean;
  /** Feature size of the keys (default `embedDim`); a different size gives separate `q/k/v_proj_weight`. */
  kdim?: number;
  /** Feature size of the values (default `embedDim`). */
  vdim?: number;
  /** Dropout rate on the attention weights while training (default 0). */
  dropout?: number;
  /** Dtype of the projections' weights and biases (default `'float32'`). */
  dtype?: FloatDType;
  /** Rotate each head's queries and keys by their positions ({@link applyRotaryEmbedding}; default false, positions added outside). */
  rotary?: boolean;
}

/**
 * The keys and values one attention layer has seen, per head: a KV cache entry. Passing it back as
 * `past` makes the next call attend to them too without recomputing their projections.
 */
export interface AttentionCache {
  /** Projected keys `[batch, heads, T, headDim]`. */
  readonly key: Tensor;
  /** Projected values `[batch, heads, T, headDim]`. */
  readonly value: Tensor;
}

/** Options of {@link MultiHeadAttention.forward}. */
export interface MultiHeadAttentionForwardOptions {
  /** Bool `[batch, Tk]`, true for real keys, false for padding (PyTorch's `key_padding_mask` negated). */
  keyMask?: Tensor;
  /** `[Tq, Tk]` or `[batch·heads, Tq, Tk]`: bool (true = may attend) or float (added to the scores). */
  attnMask?: Tensor;
  /** Add the look-ahead mask (queries are the last `Tq` of the `Tk` positions; default false). */
  causal?: boolean;
  /** Return the attention weights (default true). */
  needWeights?: boolean;
  /** Average the weights over the heads (default true), else return them per head. */
  averageWeights?: boolean;
  /** Keys and values of earlier positions (self-attention decoding step by step); the new ones are appended. */
  past?: AttentionCache;
}

/** What {@link MultiHeadAttention.forward} returns. */
export interface MultiHeadAttentionOutput {
  /** `[batch, Tq, embedDim]`. */
  readonly output: Tensor;
  /** `[batch, Tq, Tk]` averaged over heads, `[batch, heads, Tq, Tk]` per head, or null without `needWeights`. */
  readonly weights: Tensor | null;
  /** The keys and values attended to (`past` and the new ones): pass it as `past` next time. */
  readonly cache: AttentionCache;
}

/** `x·Wᵀ + b` for `x [..., in]`, `W [out, in]`. */
function project(x: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  const z = matmul(x, weight, { transposeB: true });
  return bias ? add(z, bias) : z;
}

/** Turns a bool allow-mask into the additive float mask PyTorch uses (0 or -∞). */
function additive(mask: Tensor, dtype: FloatDType): Tensor {
  return mask.dtype === 'bool' ? where(mask, zeros([], { dtype }), -Infinity) : mask.dtype === dtype ? mask : mask.cast(dtype);
}

/**
 * Multi-head attention (the course's `MultiHead(Q, K, V) = concat(head₁…head_h)·W_O` with
 * `head_i = Attention(Q·W_iQ, K·W_iK, V·W_iV)`), with `torch.nn.MultiheadAttention`'s parameters:
 * `in_proj_weight [3E, E]` (the rows of `W_Q`, `W_K`, `W_V`), `in_proj_bias [3E]`,
 * `out_proj.weight [E, E]`, `out_proj.bias [E]` — or `q_proj_weight [E, E]`, `k_proj_weight [E, kdim]`,
 * `v_proj_weight [E, vdim]` when `kdim`/`vdim` differ from `E` — so a PyTorch state dict loads
 * unchanged. Batch first (PyTorch's `batch_first=True`); initialized as PyTorch (Xavier-uniform input
 * projections, zero biases).
 *
 * Shapes: `query [batch, Tq, E]`, `key [batch, Tk, kdim]`, `value [batch, Tk, vdim]` →
 * `output [batch, Tq, E]`; the key/value batch may be 1 and broadcast.
 * @example
 * ```ts
 * const mha = new MultiHeadAttention(64, 8);
 * const { output, weights } = mha.forward(x, x, x, { causal: true }); // self-attention
 * ```
 */
export class MultiHeadAttention extends nn.Module<[Tensor, Tensor, Tensor, MultiHeadAttentionForwardOptions?], MultiHeadAttentionOutput> {
  /** Features per head, `embedDim / numHeads`. */
  readonly headDim: number;
  /** Feature size of the keys, the last axis of `key`. */
  readonly kdim: number;
  /** Feature size of the values, the last axis of `value`. */
  readonly vdim: number;
  /** Rows `[W_Q; W_K; W_V]` when the key and value sizes equal `embedDim`, else null. */
  readonly inProjWeight: Tensor | null;
  /** `W_Q`, `[embedDim, embedDim]`, when `kdim` or `vdim` differs from `embedDim`; else null (packed). */
  readonly qProjWeight: Tensor | null;
  /** `W_K`, `[embedDim, kdim]`, when unpacked; else null. */
  readonly kProjWeight: Tensor | null;
  /** `W_V`, `[embedDim, vdim]`, when unpacked; else null. */
  readonly vProjWeight: Tensor | null;
  /** The query, key and value biases concatenated, `[3·embedDim]`; null without `bias`. */
  readonly inProjBias: Tensor | null;
  /** `W_O`: Linear `embedDim → embedDim` over the concatenated heads. */
  readonly outProj: nn.Linear;
  /** Dropout rate on the attention weights while training. */
  readonly dropout: number;
  /** Whether queries and keys get rotary position embeddings. */
  readonly rotary: boolean;

  /**
   * Creates the projections (Xavier-uniform weights, zero biases).
   * @param embedDim - Model width `E`, the last axis of `query` and `output`.
   * @param numHeads - Number of heads; must divide `embedDim`.
   * @param options - Biases, key/value sizes, dropout, dtype and rotary embeddings.
   */
  constructor(
    /** Model width `E`: the last axis of `query` and of the output. */
    readonly embedDim: number,
    /** Number of attention heads `h`. */
    readonly numHeads: number,
    options: MultiHeadAttentionOptions = {},
  ) {
    super();
    for (const [name, value] of [['embedDim', embedDim], ['numHeads', numHeads]] as const) {
      if (!Number.isInteger(value) || value <= 0) throw new ValueError(`MultiHeadAttention: ${name} must be a positive integer, got ${String(value)}`);
    }
    if (embedDim % numHeads !== 0) throw new ValueError(`MultiHeadAttention: embedDim ${embedDim} must be divisible by numHeads ${numHeads}`);
    this.headDim = embedDim / numHeads;
    this.kdim = options.kdim ?? embedDim;
    this.vdim = options.vdim ?? embedDim;
    this.dropout = options.dropout ?? 0;
    if (!(this.dropout >= 0 && this.dropout < 1)) throw new ValueError(`MultiHeadAttention: dropout must be in [0, 1), got ${this.dropout}`);
    this.rotary = options.rotary ?? false;
    if (this.rotary && this.headDim % 2 !== 0) throw new ValueError(`MultiHeadAttention: rotary needs an even head size, got ${this.headDim}`);
    const dtype = options.dtype ?? 'float32';
    const xavier = nn.init.xavierUniform();
    const packed = this.kdim === embedDim && this.vdim === embedDim;
    this.inProjWeight = packed ? nn.parameter(xavier([3 * embedDim, embedDim], { dtype })) : null;
    this.qProjWeight = packed ? null : nn.parameter(xavier([embedDim, embedDim], { dtype }));
    this.kProjWeight = packed ? null : nn.parameter(xavier([embedDim, this.kdim], { dtype }));
    this.vProjWeight = packed ? null : nn.parameter(xavier([embedDim, this.vdim], { dtype }));
    const bias = options.bias ?? true;
    this.inProjBias = bias ? nn.parameter(zeros([3 * embedDim], { dtype })) : null;
    this.outProj = new nn.Linear(embedDim, embedDim, { bias, dtype, ...(bias ? { biasInit: nn.init.zeros() } : {}) });
  }

  /** `[W_Q, W_K, W_V]` and their biases. */
  private projections(): { weights: [Tensor, Tensor, Tensor]; biases: [Tensor | null, Tensor | null, Tensor | null] } {
    const E = this.embedDim;
    const weights: [Tensor, Tensor, Tensor] = this.inProjWeight
      ? [slice(this.inProjWeight, [0, 0], [E, E]), slice(this.inProjWeight, [E, 0], [E, E]), slice(this.inProjWeight, [2 * E, 0], [E, E])]
      : [this.qProjWeight!, this.kProjWeight!, this.vProjWeight!];
    const b = this.inProjBias;
    const biases: [Tensor | null, Tensor | null, Tensor | null] = b ? [slice(b, [0], [E]), slice(b, [E], [E]), slice(b, [2 * E], [E])] : [null, null, null];
    return { weights, biases };
  }

  /** `[batch, T, E]` → `[batch, heads, T, headDim]`. */
  private splitHeads(x: Tensor): Tensor {
    return transpose(reshape(x, [x.shape[0]!, x.shape[1]!, this.numHeads, this.headDim]), [0, 2, 1, 3]);
  }

  private checkInputs(query: Tensor, key: Tensor, value: Tensor): void {
    const where_ = 'MultiHeadAttention.forward';
    for (const [name, t, size] of [['query', query, this.embedDim], ['key', key, this.kdim], ['value', value, this.vdim]] as const) {
      if (!(t instanceof Tensor)) throw new ValueError(`${where_}: ${name} must be a Tensor, got ${typeof t}`);
      if (!isFloat(t.dtype)) throw new DTypeError(`${where_}: ${name} must be a float tensor, got ${t.dtype}`);
      if (t.rank !== 3 || t.shape[2] !== size) throw new ShapeError(`${where_}: ${name} must be [batch, T, ${size}], got [${t.shape.join(', ')}]`);
    }
    if (key.shape[1] !== value.shape[1] || key.shape[0] !== value.shape[0]) {
      throw new ShapeError(`${where_}: key and value must share batch and length, got [${key.shape.join(', ')}] and [${value.shape.join(', ')}]`);
    }
  }

  /** The combined additive mask `[batch | 1, heads | 1, Tq, Tk]`, or undefined. */
  private mask(options: MultiHeadAttentionForwardOptions, batch: number, Tq: number, Tk: number, dtype: FloatDType): Tensor | undefined {
    const where_ = 'MultiHeadAttention.forward';
    let mask: Tensor | undefined;
    const { keyMask, attnMask } = options;
    if (keyMask !== undefined) {
      if (keyMask.dtype !== 'bool' || keyMask.rank !== 2 || keyMask.shape[1] !== Tk || (keyMask.shape[0] !== batch && keyMask.shape[0] !== 1)) {
        throw new ShapeError(`${where_}: keyMask must be bool [${batch}, ${Tk}] (true for real keys), got ${keyMask.dtype} [${keyMask.shape.join(', ')}]`);
      }
      mask = additive(reshape(keyMask, [keyMask.shape[0]!, 1, 1, Tk]), dtype);
    }
    if (attnMask !== undefined) {
      const H = this.numHeads;
      const ok2 = attnMask.rank === 2 && attnMask.shape[0] === Tq && attnMask.shape[1] === Tk;
      const ok3 = attnMask.rank === 3 && attnMask.shape[0] === batch * H && attnMask.shape[1] === Tq && attnMask.shape[2] === Tk;
      if (!ok2 && !ok3) {
        throw new ShapeError(`${where_}: attnMask must be [${Tq}, ${Tk}] or [${batch * H}, ${Tq}, ${Tk}], got [${attnMask.shape.join(', ')}]`);
      }
      if (attnMask.dtype !== 'bool' && !isFloat(attnMask.dtype)) throw new DTypeError(`${where_}: attnMask must be bool or float, got ${attnMask.dtype}`);
      const shaped = additive(ok3 ? reshape(attnMask, [batch, H, Tq, Tk]) : attnMask, dtype);
      mask = mask ? add(mask, shaped) : shaped;
    }
    return mask;
  }

  /** Attends `query` to `key`/`value`; see the class. */
  forward(query: Tensor, key: Tensor, value: Tensor, options: MultiHeadAttentionForwardOptions = {}): MultiHeadAttentionOutput {
    this.checkInputs(query, key, value);
    const [batch, Tq] = [query.shape[0]!, query.shape[1]!];
    const { weights: W, biases: b } = this.projections();
    let q: Tensor;
    let k: Tensor;
    let v: Tensor;
    if (this.inProjWeight && query === key && key === value) {
      // Self-attention: one matmul for Q, K and V.
      [q, k, v] = split(project(query, this.inProjWeight, this.inProjBias), 3, -1) as [Tensor, Tensor, Tensor];
    } else {
      [q, k, v] = [project(query, W[0], b[0]), project(key, W[1], b[1]), project(value, W[2], b[2])];
    }
    let queries = this.splitHeads(q);
    let keys = this.splitHeads(k);
    let values = this.splitHeads(v);
    if (this.rotary) {
      const offset = options.past ? options.past.key.shape[2]! : 0;
      queries = applyRotaryEmbedding(queries, { offset });
      keys = applyRotaryEmbedding(keys, { offset });
    }
    if (options.past) {
      keys = concat([options.past.key, keys], 2);
      values = concat([options.past.value, values], 2);
    }
    const Tk = keys.shape[2]!;
    const mask = this.mask(options, batch, Tq, Tk, query.dtype as FloatDType);
    const attended = scaledDotProductAttention(queries, keys, values, {
      ...(mask ? { mask } : {}),
      causal: options.causal ?? false,
      dropout: this.training ? this.dropout : 0,
    });
    const merged = reshape(transpose(attended.output, [0, 2, 1, 3]), [batch, Tq, this.embedDim]);
    const needWeights = options.needWeights ?? true;
    const weights = !needWeights ? null : (options.averageWeights ?? true) ? mean(attended.weights, 1) : attended.weights;
    return { output: this.outProj.forward(merged), weights, cache: { key: keys, value: values } };
  }
}
