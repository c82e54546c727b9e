import { div, type FloatDType, maximum, nn, notEqual, sum, type Tensor } from '@dlkit/core';

/**
 * Emojify v1 (Course 5, week 2): a sentence is the average of its word vectors, then one softmax
 * layer — `avg = (1/T) Σ_t e_t`, `z = W·avg + b`. Padding positions (the embedding's
 * `paddingIdx`) are left out of the average. Forward returns the logits; train with
 * `crossEntropy` (softmax inside). The softmax layer takes the embedding's dtype.
 * Shapes: int32 ids `[batch, T]` → logits `[batch, classes]`.
 * @example
 * ```ts
 * const model = new MeanEmbeddingClassifier(embeddingFrom(wv, vocab, { paddingIdx: 0 }), 5);
 * model.forward(sentencesToIndices([['i', 'love', 'you']], vocab, 10)); // [1, 5]
 * ```
 */
export class MeanEmbeddingClassifier extends nn.Module<[Tensor], Tensor> {
  /** The word vectors looked up for each id, `[vocab, embeddingDim]` (trainable unless frozen). */
  readonly embedding: nn.Embedding;
  /** The softmax layer, `embeddingDim → classes`. */
  readonly linear: nn.Linear;

  /**
   * Builds the classifier on `embedding`, with a fresh softmax layer.
   *
   * @param embedding - The embedding layer (e.g. from {@link embeddingFrom}); its `paddingIdx` is left out of the average.
   * @param classes - Number of classes: the size of the logits' last dim.
   */
  constructor(embedding: nn.Embedding, classes: number) {
    super();
    this.embedding = embedding;
    this.linear = new nn.Linear(embedding.embeddingDim, classes, { dtype: embedding.weight.dtype as FloatDType });
  }

  /** The average word vector of each sentence, `[batch, embeddingDim]`. */
  average(ids: Tensor): Tensor {
    const vectors = this.embedding.forward(ids);
    const pad = this.embedding.paddingIdx;
    if (pad === null) return div(sum(vectors, 1), ids.shape[1]!);
    const counts = sum(notEqual(ids, pad).cast('float32'), 1, true);
    return div(sum(vectors, 1), maximum(counts, 1));
  }

  forward(ids: Tensor): Tensor {
    return this.linear.forward(this.average(ids));
  }
}
