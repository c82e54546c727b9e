import { gather, nn, tensor, type Tensor } from '@dlkit/core';
import { LSTM } from '@dlkit/sequence';
import { EMOJIS } from './emojify-data.js';

/**
 * The lab's Emojify v2: a (frozen) pretrained embedding → 2-layer LSTM with dropout 0.5 → the last
 * layer's state at each sentence's last word → dropout → logits over the 5 emoji.
 * Shapes: int32 ids `[batch, T]` and lengths `[batch]` → logits `[batch, 5]`.
 */
export class EmojifyV2 extends nn.Module<[Tensor, Tensor], Tensor> {
  readonly embedding: nn.Embedding;
  readonly lstm: LSTM;
  readonly dropout = new nn.Dropout(0.5);
  readonly head: nn.Linear;

  constructor(embedding: nn.Embedding, hidden: number) {
    super();
    this.embedding = embedding;
    this.lstm = new LSTM(embedding.embeddingDim, hidden, { numLayers: 2, dropout: 0.5 });
    this.head = new nn.Linear(hidden, EMOJIS.length);
  }

  forward(ids: Tensor, lengths: Tensor): Tensor {
    const { h } = this.lstm.forward(this.embedding.forward(ids), {}, { lengths });
    const last = gather(h, tensor([1], { dtype: 'int32' }), 0).reshape([ids.shape[0]!, -1]);
    return this.head.forward(this.dropout.forward(last));
  }
}
