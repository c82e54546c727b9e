import { codePoints, removeWhitespace, splitWhitespace } from '../python-text.js';

// Python's string.punctuation, which chrF++ splits off the edges of words.
const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

/** The characters chrF counts n-grams of: code points, whitespace removed unless kept. */
export function chrFCharacters(text: string, keepWhitespace: boolean): string[] {
  return codePoints(keepWhitespace ? text : removeWhitespace(text));
}

/**
 * chrF++'s words: whitespace-separated, with one ASCII punctuation mark split off the end of a
 * word, or else off its start (so `(hi)` becomes `(hi` and `)`, as in sacreBLEU and chrF++.py).
 */
export function chrFWords(text: string): string[] {
  const words: string[] = [];
  for (const word of splitWhitespace(text)) {
    if (word.length > 1 && PUNCTUATION.has(word[word.length - 1]!)) words.push(word.slice(0, -1), word[word.length - 1]!);
    else if (word.length > 1 && PUNCTUATION.has(word[0]!)) words.push(word[0]!, word.slice(1));
    else words.push(word);
  }
  return words;
}
