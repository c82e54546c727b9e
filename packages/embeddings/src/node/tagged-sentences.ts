import { readFileSync } from 'node:fs';
import { taggedTokenize, type TaggedTokenizeOptions } from '../tokenize.js';

/**
 * The sentences of part-of-speech-tagged text files (one sentence a line of `word/tag` tokens, as
 * the Brown corpus): each line through {@link taggedTokenize} with `options`, empty lines dropped,
 * files in the order given: the input `trainWord2Vec` takes.
 *
 * @example
 * ```ts
 * import { brownCorpusFiles, readTaggedSentences } from '@dlkit/embeddings/node';
 * const sentences = readTaggedSentences(brownCorpusFiles(), { lowercase: true, wordsOnly: true }); // ~57k sentences, ~1M words
 * ```
 */
export function readTaggedSentences(files: readonly string[], options: TaggedTokenizeOptions = {}): string[][] {
  const sentences: string[][] = [];
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const words = taggedTokenize(line, options);
      if (words.length > 0) sentences.push(words);
    }
  }
  return sentences;
}
