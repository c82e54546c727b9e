import { add, arange, nn, ShapeError, ValueError, type FloatDType, type Tensor } from '@dlkit/core';

/** Options of {@link LearnedPositionalEmbedding}. */
export interface LearnedPositionalEmbeddingOptions {
  /** Dtype of `weight` (default `'float32'`). */
  dtype?: FloatDType;
  /** Standard deviation of the initial vectors (default 0.02, GPT-2's). */
  std?: number;
}

/**
 * Learned absolute positions (BERT, GPT-2): one trainable vector per position, added to the token
 * embeddings. State dict: `weight [maxLength, d]`.
 *
 * Shapes: `x [batch, T, d]` → `x + weight[offset .. offset+T]`, `T + offset ≤ maxLength`.
 * @example new LearnedPositionalEmbedding(128, 64).forward(tokenVectors)
 */
export class LearnedPositionalEmbedding extends nn.Module<[Tensor, number?], Tensor> {
  /** One vector per position, `[maxLength, dim]`, initialized `N(0, std²)`. */
  readonly weight: Tensor;

  /**
   * Creates the position table.
   * @param maxLength - Number of positions, an upper bound on `offset + T`.
   * @param dim - Width `d` of each vector, the last axis of `x`.
   * @param options - `dtype` and the initial `std`.
   */
  constructor(
    /** Number of positions in the table; `offset + T` may not exceed it. */
    readonly maxLength: number,
    /** Width `d` of each position vector, the last axis of `x`. */
    readonly dim: number,
    options: LearnedPositionalEmbeddingOptions = {},
  ) {
    super();
    for (const [name, value] of [['maxLength', maxLength], ['dim', dim]] as const) {
      if (!Number.isInteger(value) || value <= 0) throw new ValueError(`LearnedPositionalEmbedding: ${name} must be a positive integer, got ${String(value)}`);
    }
    this.weight = nn.parameter(nn.init.normal(options.std ?? 0.02)([maxLength, dim], { dtype: options.dtype ?? 'float32' }));
  }

  /** Adds the vectors of positions `offset … offset + T − 1` (offset: tokens already decoded). */
  forward(x: Tensor, offset = 0): Tensor {
    const T = x.shape[x.rank - 2]!;
    if (x.rank < 2 || x.shape[x.rank - 1] !== this.dim) throw new ShapeError(`LearnedPositionalEmbedding.forward: expected [..., T, ${this.dim}], got [${x.shape.join(', ')}]`);
    if (offset + T > this.maxLength) throw new ValueError(`LearnedPositionalEmbedding.forward: positions up to ${offset + T} exceed maxLength ${this.maxLength}`);
    return add(x, this.weight.gather(arange(offset, offset + T, 1, { dtype: 'int32' }), 0));
  }
}
