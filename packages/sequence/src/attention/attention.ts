import { cast, expandDims, logicalNot, matmul, maskedFill, mul, nn, reshape, ShapeError, softmax, squeeze, Tensor, ValueError } from '@dlkit/core';

/** Options of an attention module's `forward`. */
export interface AttentionForwardOptions {
  /**
   * `[batch, Tk]` bool, true for real source positions (dlkit's convention: true = may attend).
   * Masked positions get weight exactly 0; a fully masked row gives zero weights and a zero context.
   */
  keyMask?: Tensor;
  /**
   * The keys already passed through {@link Attention.prepareKeys} — for a decoder that attends to
   * the same encoder states at every step, so the key projection runs once per sequence.
   */
  preparedKeys?: Tensor;
}

/** What an attention module returns. */
export interface AttentionOutput {
  /** `Σ_t' α<t,t'> a<t'>`: `[batch, keyDim]` for a `[batch, queryDim]` query, `[batch, Tq, keyDim]` for `[batch, Tq, queryDim]`. */
  readonly context: Tensor;
  /** `α<t,t'>`, each row summing to 1 over the source: `[batch, Tk]`, or `[batch, Tq, Tk]`. */
  readonly weights: Tensor;
}

/**
 * Attention over encoder states `a<t'>` (the keys, also the values) for a decoder query `s`:
 * scores `e<t,t'>`, weights `α<t,t'> = softmax_t'(e<t,t'>)` and the context `Σ_t' α<t,t'> a<t'>`.
 * Subclasses define the score: {@link AdditiveAttention} (Bahdanau) and {@link LuongAttention}
 * (`'dot'` / `'general'`).
 *
 * Shapes: `query [batch, queryDim]` (one decoder step) or `[batch, Tq, queryDim]` (all steps),
 * `keys [batch, Tk, keyDim]` → {@link AttentionOutput}.
 * @example
 * ```ts
 * const attention: Attention = new LuongAttention(16, 16, { score: 'general' });
 * const { context, weights } = attention.forward(randn([2, 16]), randn([2, 7, 16])); // [2, 16], [2, 7]
 * ```
 */
export abstract class Attention extends nn.Module<[Tensor, Tensor, AttentionForwardOptions?], AttentionOutput> {
  /** @internal */
  protected constructor(
    /** The module's name in error messages. */
    protected readonly attentionName: string,
    /** Features of the decoder query `s`, the last axis of `query`. */
    readonly queryDim: number,
    /** Features of the encoder states `a<t'>`, the last axis of `keys [batch, Tk, keyDim]` (and of the context). */
    readonly keyDim: number,
  ) {
    super();
  }

  /** The keys as the score reads them (projected where the score has a key projection); `[batch, Tk, ·]`. */
  abstract prepareKeys(keys: Tensor): Tensor;

  /** @internal The scores `e [batch, Tq, Tk]` of `query [batch, Tq, queryDim]` against the prepared keys. */
  protected abstract scores(query: Tensor, prepared: Tensor): Tensor;

  /**
   * Attends from `query [batch, queryDim]` or `[batch, Tq, queryDim]` over `keys [batch, Tk, keyDim]`.
   * @returns `context` `[batch, (Tq,) keyDim]` and `weights` `[batch, (Tq,) Tk]`.
   */
  forward(query: Tensor, keys: Tensor, options: AttentionForwardOptions = {}): AttentionOutput {
    const fn = `${this.attentionName}.forward`;
    if (!(keys instanceof Tensor) || keys.rank !== 3 || keys.shape[2] !== this.keyDim) {
      throw new ShapeError(`${fn}: expected keys [batch, Tk, ${this.keyDim}], got ${describe(keys)}`);
    }
    const [batch, tk] = keys.shape as [number, number, number];
    const oneStep = query instanceof Tensor && query.rank === 2;
    if (!(query instanceof Tensor) || (query.rank !== 2 && query.rank !== 3) || query.shape[0] !== batch || query.shape[query.rank - 1] !== this.queryDim) {
      throw new ShapeError(`${fn}: expected query [${batch}, ${this.queryDim}] or [${batch}, Tq, ${this.queryDim}], got ${describe(query)}`);
    }
    const { keyMask } = options;
    if (keyMask !== undefined && (!(keyMask instanceof Tensor) || keyMask.dtype !== 'bool' || keyMask.rank !== 2 || keyMask.shape[0] !== batch || keyMask.shape[1] !== tk)) {
      throw new ValueError(`${fn}: keyMask must be a bool tensor [${batch}, ${tk}], got ${keyMask instanceof Tensor ? `${keyMask.dtype} ${describe(keyMask)}` : typeof keyMask}`);
    }
    const prepared = options.preparedKeys ?? this.prepareKeys(keys);
    const q = oneStep ? expandDims(query, 1) : query;
    const weights = attentionWeights(this.scores(q, prepared), keyMask);
    const context = matmul(weights, keys);
    return oneStep ? { context: squeeze(context, 1), weights: squeeze(weights, 1) } : { context, weights };
  }
}

/**
 * `softmax_t'(e)` over the last axis of `scores [batch, Tq, Tk]`, with `keyMask [batch, Tk]`
 * (true = real) giving masked positions exactly 0 and fully masked rows all zeros, never NaN.
 */
export function attentionWeights(scores: Tensor, keyMask?: Tensor): Tensor {
  if (keyMask === undefined) return softmax(scores, -1);
  const mask = reshape(keyMask, [keyMask.shape[0]!, 1, keyMask.shape[1]!]);
  // A finite fill (not −∞) keeps a fully masked row finite; the product with the mask zeroes it.
  const hidden = maskedFill(scores, logicalNot(mask), -1e30);
  return mul(softmax(hidden, -1), cast(mask, scores.dtype));
}

function describe(value: unknown): string {
  return value instanceof Tensor ? `[${value.shape.join(', ')}]` : typeof value;
}

