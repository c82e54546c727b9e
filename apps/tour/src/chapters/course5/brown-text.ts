import { readFileSync } from 'node:fs';
import { brownCorpusFiles } from '@dlkit/embeddings/node';

/** The characters the text keeps: lower-case letters, digits, space and common punctuation. */
export const BROWN_CHARS = " !',-.0123456789:;?abcdefghijklmnopqrstuvwxyz";
const KEPT = new Set(BROWN_CHARS);

/**
 * Plain text back from one tagged Brown line: tags dropped (`word/tag` → `word`), quotes ``` `` ```
 * and `''` turned into `'`, punctuation attached to the word before it, lower-cased, and characters
 * outside {@link BROWN_CHARS} removed.
 * @example untagBrownLine("``/`` I/ppss wish/vb ''/'' ./.") // "'i wish'."
 */
export function untagBrownLine(line: string): string {
  let text = '';
  let openQuote = false;
  for (const tagged of line.trim().split(/\s+/)) {
    const slash = tagged.lastIndexOf('/');
    const word = (slash > 0 ? tagged.slice(0, slash) : tagged).toLowerCase();
    if (word === '' || word === '``') {
      openQuote ||= word === '``';
      continue;
    }
    if (word === "''") {
      text += "'";
      continue;
    }
    const piece = openQuote ? `'${word}` : word;
    openQuote = false;
    text += text === '' || /^[.,;:!?]/.test(word) ? piece : ` ${piece}`;
  }
  return [...text].filter((ch) => KEPT.has(ch)).join('').replace(/ {2,}/g, ' ').trim();
}

/**
 * The running text of the Brown files of one genre (`'k'` general fiction … `'r'` humour; files
 * in name order), one sentence after another separated by spaces.
 */
export function brownGenreText(genre: string): string {
  const sentences: string[] = [];
  for (const file of brownCorpusFiles({ genres: genre })) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const text = untagBrownLine(line);
      if (text.length > 0) sentences.push(text);
    }
  }
  return sentences.join(' ');
}
