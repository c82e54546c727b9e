import { Vocabulary } from './vocabulary.js';

/** Sentences of tokens, read once: arrays, generators, {@link readSentences} over a file stream. */
export type SentenceSource = Iterable<readonly string[]> | AsyncIterable<readonly string[]>;

/** @internal A corpus encoded as vocabulary indices: one flat buffer and sentence boundaries. */
export interface EncodedCorpus {
  vocabulary: Vocabulary;
  /** Word indices of all sentences, out-of-vocabulary words dropped. */
  ids: Int32Array;
  /** Sentence k is `ids[starts[k] .. starts[k + 1])`. */
  starts: Int32Array;
}

/**
 * @internal Reads the sentences once, counting words and storing provisional ids, then builds the
 * vocabulary and re-encodes (4 bytes a token, never the text). Sentences longer than `maxLength`
 * are cut into pieces (gensim's `MAX_WORDS_IN_BATCH` = 10000).
 */
export async function encodeCorpus(source: SentenceSource, options: { minCount: number; maxSize?: number; maxLength?: number }): Promise<EncodedCorpus> {
  const maxLength = options.maxLength ?? 10000;
  const provisional = new Map<string, number>();
  const counts = new Map<string, number>();
  let ids = new Int32Array(1 << 16);
  let length = 0;
  const starts: number[] = [0];
  for await (const sentence of source) {
    let inSentence = 0;
    for (const token of sentence) {
      let id = provisional.get(token);
      if (id === undefined) {
        id = provisional.size;
        provisional.set(token, id);
      }
      counts.set(token, (counts.get(token) ?? 0) + 1);
      if (length === ids.length) {
        const grown = new Int32Array(ids.length * 2);
        grown.set(ids);
        ids = grown;
      }
      ids[length++] = id;
      if (++inSentence === maxLength) {
        starts.push(length);
        inSentence = 0;
      }
    }
    if (inSentence > 0) starts.push(length);
  }
  const vocabulary = Vocabulary.fromCounts(counts, { minCount: options.minCount, maxSize: options.maxSize ?? Infinity, unkToken: null });
  const remap = new Int32Array(provisional.size).fill(-1);
  for (const [token, id] of provisional) if (vocabulary.has(token)) remap[id] = vocabulary.index(token);
  const kept = new Int32Array(length);
  const keptStarts = new Int32Array(starts.length);
  let at = 0;
  for (let k = 0; k + 1 < starts.length; k++) {
    keptStarts[k] = at;
    for (let i = starts[k]!; i < starts[k + 1]!; i++) {
      const id = remap[ids[i]!]!;
      if (id >= 0) kept[at++] = id;
    }
  }
  keptStarts[starts.length - 1] = at;
  return { vocabulary, ids: kept.subarray(0, at), starts: keptStarts };
}
