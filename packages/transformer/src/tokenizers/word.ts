import { ValueError } from '@dlkit/core';
import type { Tokenizer } from './tokenizer.js';

/** Options of {@link WordTokenizer.fromCorpus}. */
export interface WordTokenizerOptions {
  /** Keep words seen at least this often (default 1). */
  minFrequency?: number;
  /** Keep at most this many words, most frequent first (default all); special tokens not counted. */
  maxWords?: number;
  /** Lower-case the text first (default false). */
  lowercase?: boolean;
  /** Tokens that get the first ids (default `['<pad>', '<unk>']`). */
  specialTokens?: readonly string[];
  /** The special token for words outside the vocabulary (default `'<unk>'`). */
  unknownToken?: string;
}

const WORD = /[\p{L}\p{N}_']+|[^\s\p{L}\p{N}_']/gu;

/**
 * Word-level tokenizer with a vocabulary: text split into words and single punctuation marks,
 * each a known word's id or the unknown token's. `decode` joins tokens with spaces, so it restores
 * the words, not the exact spacing (use {@link BPETokenizer} for exact round trips).
 * @example
 * ```ts
 * const tok = WordTokenizer.fromCorpus(['the cat sat.', 'the dog sat.']);
 * tok.encode('the cat ran.'); // ids of 'the', 'cat', '<unk>', '.'
 * ```
 */
export class WordTokenizer implements Tokenizer {
  private readonly ids: Map<string, number>;
  private readonly unknown: number;

  /**
   * A tokenizer over `tokens` (the vocabulary by id, special tokens included).
   * @param tokens - The vocabulary, token `i` having id `i`; must be distinct.
   * @param lowercase - Lowercase text before splitting it (default false).
   * @param unknownToken - The token that words outside the vocabulary map to; must be in `tokens`.
   */
  constructor(
    /** The vocabulary by id, special tokens included. */
    readonly tokens: readonly string[],
    /** Whether text is lowercased before it is split into words. */
    readonly lowercase = false,
    unknownToken = '<unk>',
  ) {
    this.ids = new Map(tokens.map((t, i) => [t, i]));
    if (this.ids.size !== tokens.length) throw new ValueError('WordTokenizer: tokens must be distinct');
    const unk = this.ids.get(unknownToken);
    if (unk === undefined) throw new ValueError(`WordTokenizer: the unknown token '${unknownToken}' must be in the vocabulary`);
    this.unknown = unk;
  }

  /** Builds the vocabulary from a corpus: special tokens, then words by falling frequency (ties alphabetical). */
  static fromCorpus(texts: string | readonly string[], options: WordTokenizerOptions = {}): WordTokenizer {
    const lowercase = options.lowercase ?? false;
    const minFrequency = options.minFrequency ?? 1;
    const specials = [...(options.specialTokens ?? ['<pad>', '<unk>'])];
    const counts = new Map<string, number>();
    for (const text of typeof texts === 'string' ? [texts] : texts) {
      for (const w of WordTokenizer.split(text, lowercase)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    const words = [...counts]
      .filter(([w, c]) => c >= minFrequency && !specials.includes(w))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, options.maxWords ?? Infinity)
      .map(([w]) => w);
    return new WordTokenizer([...specials, ...words], lowercase, options.unknownToken ?? '<unk>');
  }

  /** The words and punctuation marks of `text`. */
  static split(text: string, lowercase = false): string[] {
    return (lowercase ? text.toLowerCase() : text).match(WORD) ?? [];
  }

  get vocabSize(): number {
    return this.tokens.length;
  }

  encode(text: string): number[] {
    return WordTokenizer.split(text, this.lowercase).map((w) => this.ids.get(w) ?? this.unknown);
  }

  decode(ids: readonly number[]): string {
    return ids.map((id) => {
      const token = this.tokens[id];
      if (token === undefined) throw new ValueError(`WordTokenizer.decode: id ${id} is outside [0, ${this.tokens.length})`);
      return token;
    }).join(' ');
  }
}
