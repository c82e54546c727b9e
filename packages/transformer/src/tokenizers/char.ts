import { ValueError } from '@dlkit/core';
import { splitSpecial, type Tokenizer } from './tokenizer.js';

/** Options of {@link CharTokenizer}. */
export interface CharTokenizerOptions {
  /** Tokens such as `'<pad>'`, `'<bos>'` that get the first ids and are matched whole in the text (default none). */
  specialTokens?: readonly string[];
  /** A special token that stands for characters outside the vocabulary (default none: they raise a ValueError). */
  unknownToken?: string;
}

/**
 * Character-level tokenizer (the course's character language models): one id per Unicode code
 * point, special tokens first. Round trips exactly: `decode(encode(s)) === s` for text over its
 * characters.
 * @example
 * ```ts
 * const tok = CharTokenizer.fromText('hello world', { specialTokens: ['<eos>'] });
 * tok.decode(tok.encode('hold<eos>')); // 'hold<eos>'
 * ```
 */
export class CharTokenizer implements Tokenizer {
  /** Every token, by id (special tokens, then characters). */
  readonly tokens: readonly string[];
  private readonly ids: Map<string, number>;
  private readonly specials: Map<string, number>;
  private readonly unknown: number | null;

  /** A tokenizer over `chars` (distinct code points), after the special tokens. */
  constructor(chars: readonly string[], options: CharTokenizerOptions = {}) {
    const specials = [...(options.specialTokens ?? [])];
    this.tokens = [...specials, ...chars];
    this.ids = new Map(this.tokens.map((t, i) => [t, i]));
    if (this.ids.size !== this.tokens.length) throw new ValueError('CharTokenizer: tokens must be distinct');
    for (const c of chars) if ([...c].length !== 1) throw new ValueError(`CharTokenizer: '${c}' is not a single character`);
    this.specials = new Map(specials.map((s, i) => [s, i]));
    const unk = options.unknownToken;
    if (unk !== undefined && !this.specials.has(unk)) throw new ValueError(`CharTokenizer: unknownToken '${unk}' must be one of the special tokens`);
    this.unknown = unk === undefined ? null : this.specials.get(unk)!;
  }

  /** A tokenizer over the distinct characters of `text`, in code-point order. */
  static fromText(text: string, options: CharTokenizerOptions = {}): CharTokenizer {
    return new CharTokenizer([...new Set(text)].sort(), options);
  }

  get vocabSize(): number {
    return this.tokens.length;
  }

  /** The id of one token (a character or a special token). */
  id(token: string): number {
    const id = this.ids.get(token);
    if (id === undefined) throw new ValueError(`CharTokenizer: '${token}' is not in the vocabulary`);
    return id;
  }

  encode(text: string): number[] {
    const out: number[] = [];
    for (const piece of splitSpecial(text, this.specials)) {
      if ('special' in piece) {
        out.push(piece.special);
        continue;
      }
      for (const c of piece.text) {
        const id = this.ids.get(c);
        if (id !== undefined) out.push(id);
        else if (this.unknown !== null) out.push(this.unknown);
        else throw new ValueError(`CharTokenizer.encode: character '${c}' (U+${c.codePointAt(0)!.toString(16).toUpperCase()}) is not in the vocabulary`);
      }
    }
    return out;
  }

  decode(ids: readonly number[]): string {
    return ids.map((id) => {
      const token = this.tokens[id];
      if (token === undefined) throw new ValueError(`CharTokenizer.decode: id ${id} is outside [0, ${this.tokens.length})`);
      return token;
    }).join('');
  }
}
