/** What every tokenizer here offers: text to token ids and back. */
export interface Tokenizer {
  /** Number of token ids (ids are `0 … vocabSize − 1`). */
  readonly vocabSize: number;
  /** The ids of `text`. */
  encode(text: string): number[];
  /** The text of `ids`. */
  decode(ids: readonly number[]): string;
}

/**
 * Splits `text` around the special tokens it contains (longest first), so they are never cut up:
 * each piece is either `{ special: id }` or `{ text }`.
 */
export function splitSpecial(text: string, specials: ReadonlyMap<string, number>): ({ special: number } | { text: string })[] {
  if (specials.size === 0) return text.length > 0 ? [{ text }] : [];
  const names = [...specials.keys()].sort((a, b) => b.length - a.length);
  const pieces: ({ special: number } | { text: string })[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const name = names.find((n) => text.startsWith(n, i));
    if (name === undefined) {
      i++;
      continue;
    }
    if (i > start) pieces.push({ text: text.slice(start, i) });
    pieces.push({ special: specials.get(name)! });
    i += name.length;
    start = i;
  }
  if (start < text.length) pieces.push({ text: text.slice(start) });
  return pieces;
}
