import type { WordVectors } from '../word-vectors.js';
import { decodeUtf8, readText, toWord2vecText } from './word2vec.js';

/**
 * The GloVe text format: lines `word v1 … vn`, no header (what gensim writes with
 * `save_word2vec_format(write_header=False)`, numbers as NumPy's float32 `repr`).
 * @example toGloveText(WordVectors.fromArrays(['a'], [[0.5, -1]])) // 'a 0.5 -1.0\n'
 */
export function toGloveText(wv: WordVectors): string {
  return toWord2vecText(wv, { header: false });
}

/**
 * Reads the GloVe text format (gensim's `load_word2vec_format(no_header=True)`): the vector size
 * comes from the first line; a line of another length, a non-number or trailing garbage raises a
 * SerializationError naming the line.
 * @param data the file's text or bytes (UTF-8).
 * @example readGlove('a 0.5 -1.0\nb 1.0 0.0\n').vector('a') // Float32Array [0.5, -1]
 */
export function readGlove(data: string | Uint8Array): WordVectors {
  const text = typeof data === 'string' ? data : decodeUtf8('readGlove', data);
  return readText(text, false, 'readGlove');
}
