import { nn, tensor, ValueError, type Tensor } from '@dlkit/core';
import type { Vocabulary } from './vocabulary.js';
import type { WordVectors } from './word-vectors.js';

/** Options of {@link embeddingFrom}. */
export interface EmbeddingFromOptions {
  /** Keep the vectors fixed (default true, as PyTorch's `Embedding.from_pretrained` and the lab's `trainable=False`); false fine-tunes them. */
  freeze?: boolean;
  /** A row that stays zero and gets no gradient (e.g. `vocabulary.unkIndex` used as padding). */
  paddingIdx?: number;
}

/**
 * A core `nn.Embedding` initialized from word vectors (the lab's `pretrained_embedding_layer`).
 * Without a vocabulary, row i is `wv.words[i]`'s vector; with one, row i is the vector of
 * `vocabulary.words[i]`, and words without a vector (e.g. `<unk>`) get a zero row.
 * Shapes: `weight [rows, wv.vectorSize]`; int32 indices `[...]` → `[..., vectorSize]`.
 * @example
 * ```ts
 * const layer = embeddingFrom(wv, vocab, { freeze: true });
 * layer.forward(tensor([[vocab.index('king'), vocab.index('queen')]], { dtype: 'int32' })); // [1, 2, vectorSize]
 * ```
 */
export function embeddingFrom(wv: WordVectors, vocabulary?: Vocabulary, options: EmbeddingFromOptions = {}): nn.Embedding {
  const { freeze = true, paddingIdx } = options;
  const words = vocabulary?.words ?? wv.words;
  const dim = wv.vectorSize;
  if (words.length === 0) throw new ValueError('embeddingFrom: the vocabulary is empty');
  const values = new Float32Array(words.length * dim);
  words.forEach((word, i) => {
    if (wv.has(word)) values.set(wv.vector(word), i * dim);
  });
  const layer = new nn.Embedding(words.length, dim, { paddingIdx, init: () => tensor(values, { shape: [words.length, dim] }) });
  return freeze ? layer.freeze() : layer;
}

/**
 * Token ids of sentences padded (or cut) to one length — the lab's `sentences_to_indices`.
 * @param lookup maps a token to its row (e.g. a Vocabulary: unknown words get its `<unk>` index).
 * @param pad the id of the padding positions (default 0).
 * @returns int32 `[sentences, maxLength]`.
 * @example sentencesToIndices([['i', 'love', 'you']], vocab, 10) // [1, 10]
 */
export function sentencesToIndices(sentences: readonly (readonly string[])[], lookup: { index(word: string): number }, maxLength: number, pad = 0): Tensor {
  if (!Number.isInteger(maxLength) || maxLength < 1) throw new ValueError(`sentencesToIndices: maxLength must be a positive integer, got ${maxLength}`);
  const ids = new Int32Array(sentences.length * maxLength).fill(pad);
  sentences.forEach((sentence, s) => sentence.slice(0, maxLength).forEach((word, t) => (ids[s * maxLength + t] = lookup.index(word))));
  return tensor(ids, { shape: [sentences.length, maxLength], dtype: 'int32' });
}
