import { DTypeError, ValueError } from '../errors.js';
import type { FloatDType } from '../dtype.js';
import type { Tensor } from '../tensor.js';
import { fromValues } from '../ops/creation.js';
import { gather } from '../ops/indexing.js';
import { where, equal } from '../ops/binary.js';
import { expandDims } from '../ops/shape.js';
import { Module } from './module.js';
import { parameter } from './parameter.js';
import { normal, type Initializer } from './init.js';
import { assertFeatureCount } from './arguments.js';

/** Options of {@link Embedding}. */
export interface EmbeddingOptions {
  /** A token id whose vector stays zero and gets no gradient (padding). */
  paddingIdx?: number;
  /** Dtype of the table (default `'float32'`). */
  dtype?: FloatDType;
  /** Default `N(0, 1)`, as PyTorch. */
  init?: Initializer;
}

/**
 * A lookup table of `numEmbeddings` vectors of size `embeddingDim`: the course's `E·o_w`
 * without the one-hot product.
 *
 * Shapes: `weight [numEmbeddings, embeddingDim]`; int32 indices `[...]` → `[..., embeddingDim]`.
 * @example new Embedding(10000, 300).forward(tensor([[1, 5, 2]], { dtype: 'int32' })) // [1, 3, 300]
 */
export class Embedding extends Module {
  /** The table, `[numEmbeddings, embeddingDim]`: row `i` is token `i`'s vector. */
  readonly weight: Tensor;
  /** The padding token id whose row stays zero, or null. */
  readonly paddingIdx: number | null;

  /**
   * Creates the table, initialized by `options.init` (the padding row zeroed).
   *
   * @param numEmbeddings - Vocabulary size: the number of rows.
   * @param embeddingDim - Size of each vector.
   * @param options - Padding id, dtype and initializer.
   */
  constructor(readonly numEmbeddings: number, readonly embeddingDim: number, options: EmbeddingOptions = {}) {
    super();
    assertFeatureCount(numEmbeddings, 'numEmbeddings', 'Embedding');
    assertFeatureCount(embeddingDim, 'embeddingDim', 'Embedding');
    const padding = options.paddingIdx ?? null;
    if (padding !== null && !(Number.isInteger(padding) && padding >= 0 && padding < numEmbeddings)) {
      throw new ValueError(`Embedding: paddingIdx must be an index in [0, ${numEmbeddings}), got ${padding}`);
    }
    this.paddingIdx = padding;
    const init = options.init ?? normal(1);
    const weight = init([numEmbeddings, embeddingDim], { dtype: options.dtype ?? 'float32' });
    this.weight = parameter(padding === null ? weight : zeroRow(weight, padding));
  }

  forward(indices: Tensor): Tensor {
    if (indices.dtype !== 'int32') throw new DTypeError(`Embedding.forward: indices must be int32, got ${indices.dtype}`);
    const vectors = gather(this.weight, indices, 0);
    // Masking the padding positions keeps their gradient (and so the padding row) at zero.
    return this.paddingIdx === null ? vectors : where(expandDims(equal(indices, this.paddingIdx), -1), 0, vectors);
  }
}

function zeroRow(weight: Tensor, row: number): Tensor {
  const values = weight.dataSync();
  const dim = weight.shape[1]!;
  values.fill(0, row * dim, (row + 1) * dim);
  return fromValues(values, weight.shape, {}, weight.backend);
}
