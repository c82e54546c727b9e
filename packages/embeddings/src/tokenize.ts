/** A function that splits one line (or sentence) of text into tokens. */
export type Tokenizer = (text: string) => string[];

/**
 * Splits on runs of whitespace (spaces, tabs, newlines, Unicode spaces), dropping empty tokens.
 * @example whitespaceTokenize('  the cat\tsat ') // ['the', 'cat', 'sat']
 */
export function whitespaceTokenize(text: string): string[] {
  return text.split(/\s+/u).filter((token) => token.length > 0);
}

/**
 * Lower-cases, then splits on whitespace.
 * @example lowercaseTokenize('The Cat') // ['the', 'cat']
 */
export function lowercaseTokenize(text: string): string[] {
  return whitespaceTokenize(text.toLowerCase());
}

/**
 * Splits on whitespace and makes every punctuation or symbol character (Unicode classes P and S)
 * a token of its own; letters, digits and marks stay together, so `don't` gives `don`, `'`, `t`.
 * @param options.lowercase lower-case the text first (default `false`).
 * @example punctuationTokenize('Hello, world!') // ['Hello', ',', 'world', '!']
 */
export function punctuationTokenize(text: string, options: { lowercase?: boolean } = {}): string[] {
  const source = options.lowercase === true ? text.toLowerCase() : text;
  return source.match(/[\p{P}\p{S}]|[^\s\p{P}\p{S}]+/gu) ?? [];
}

/** Options of {@link taggedTokenize}. */
export interface TaggedTokenizeOptions {
  /** Lower-case the words (default `false`). */
  lowercase?: boolean;
  /** Keep only words of letters, with inner `'` or `-` (drops punctuation and numbers; default `false`). */
  wordsOnly?: boolean;
}

const WORD = /^\p{L}+(?:['-]\p{L}+)*$/u;

/**
 * Tokens of a part-of-speech-tagged line (`word/tag` tokens, as the Brown corpus and other tagged
 * corpora): split on whitespace, each token's last `/tag` removed; tokens without a tag are dropped.
 * @example taggedTokenize('The/at jury/nn said/vbd ./.', { lowercase: true, wordsOnly: true }) // ['the', 'jury', 'said']
 */
export function taggedTokenize(text: string, options: TaggedTokenizeOptions = {}): string[] {
  const tokens: string[] = [];
  for (const tagged of whitespaceTokenize(text)) {
    const slash = tagged.lastIndexOf('/');
    if (slash <= 0) continue;
    const word = options.lowercase === true ? tagged.slice(0, slash).toLowerCase() : tagged.slice(0, slash);
    if (options.wordsOnly !== true || WORD.test(word)) tokens.push(word);
  }
  return tokens;
}
