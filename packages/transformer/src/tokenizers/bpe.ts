import { ValueError } from '@dlkit/core';
import { splitSpecial, type Tokenizer } from './tokenizer.js';

/** Options of {@link BPETokenizer.train}. */
export interface BPETrainOptions {
  /** Target vocabulary size: 256 bytes + merges + special tokens (training stops earlier when no pair repeats). */
  vocabSize: number;
  /** Special tokens, appended after the merges and matched whole in the text (default none). */
  specialTokens?: readonly string[];
  /** Merge only pairs seen at least this often (default 2). */
  minFrequency?: number;
}

/** GPT-2's pre-tokenizer: merges never cross these pieces (words with their leading space, numbers, punctuation, spaces). */
const PIECE = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const pairKey = (a: number, b: number): number => a * 1_000_003 + b;

/**
 * Byte-level byte-pair encoding (Sennrich et al.; GPT-2's byte-level variant): text is UTF-8 bytes
 * (ids 0–255), and training repeatedly merges the most frequent adjacent pair into a new id
 * (ties: the smallest pair of ids), within GPT-2's pre-tokenized pieces. Encoding applies the
 * merges in the order learned. Any string round trips exactly: `decode(encode(s)) === s`.
 * Special tokens take the ids after the merges.
 * @example
 * ```ts
 * const bpe = BPETokenizer.train('aaabdaaabac', { vocabSize: 259 });
 * bpe.merges; // [[97, 97], [97, 98], [256, 257]]: 'aa', 'ab', 'aaab'
 * bpe.encode('aaabdaaabac'); // [258, 100, 258, 97, 99]
 * ```
 */
export class BPETokenizer implements Tokenizer {
  /** The merges in the order learned: merge `i` makes id `256 + i` from the pair. */
  readonly merges: readonly (readonly [number, number])[];
  /** Special tokens by name; ids `256 + merges.length …`. */
  readonly specialTokens: readonly string[];
  private readonly ranks: Map<number, number>;
  private readonly bytes: Uint8Array[];
  private readonly specials: Map<string, number>;
  private readonly memo = new Map<string, number[]>();

  /** A tokenizer from learned `merges` (e.g. saved from {@link BPETokenizer.train}). */
  constructor(merges: readonly (readonly [number, number])[], specialTokens: readonly string[] = []) {
    this.bytes = Array.from({ length: 256 }, (_, i) => Uint8Array.of(i));
    merges.forEach(([a, b], i) => {
      const left = this.bytes[a];
      const right = this.bytes[b];
      if (left === undefined || right === undefined || !Number.isInteger(a) || !Number.isInteger(b)) {
        throw new ValueError(`BPETokenizer: merge ${i} joins [${a}, ${b}], but only ids below ${256 + i} exist by then`);
      }
      const joined = new Uint8Array(left.length + right.length);
      joined.set(left);
      joined.set(right, left.length);
      this.bytes.push(joined);
    });
    this.merges = merges.map(([a, b]) => [a, b] as const);
    this.ranks = new Map(merges.map(([a, b], i) => [pairKey(a, b), i]));
    this.specialTokens = [...specialTokens];
    this.specials = new Map(specialTokens.map((s, i) => [s, 256 + merges.length + i]));
    if (this.specials.size !== specialTokens.length || specialTokens.some((s) => s.length === 0)) throw new ValueError('BPETokenizer: special tokens must be distinct and non-empty');
  }

  /** Learns merges on `corpus` until the vocabulary reaches `vocabSize`. */
  static train(corpus: string | readonly string[], options: BPETrainOptions): BPETokenizer {
    const specialTokens = options.specialTokens ?? [];
    const minFrequency = options.minFrequency ?? 2;
    const target = options.vocabSize - 256 - specialTokens.length;
    if (!Number.isInteger(options.vocabSize) || target < 0) {
      throw new ValueError(`BPETokenizer.train: vocabSize must be an integer ≥ ${256 + specialTokens.length} (bytes and special tokens), got ${String(options.vocabSize)}`);
    }
    // Distinct pieces with their counts; special tokens are never part of a merge.
    const specials = new Map(specialTokens.map((s, i) => [s, i]));
    const counts = new Map<string, number>();
    for (const text of typeof corpus === 'string' ? [corpus] : corpus) {
      for (const part of splitSpecial(text, specials)) {
        if ('text' in part) for (const piece of part.text.match(PIECE) ?? []) counts.set(piece, (counts.get(piece) ?? 0) + 1);
      }
    }
    const words = [...counts].map(([piece, count]) => ({ ids: Array.from(encoder.encode(piece)), count }));
    const merges: [number, number][] = [];
    while (merges.length < target) {
      const pairs = new Map<number, { a: number; b: number; count: number }>();
      for (const { ids, count } of words) {
        for (let i = 0; i + 1 < ids.length; i++) {
          const key = pairKey(ids[i]!, ids[i + 1]!);
          const entry = pairs.get(key);
          if (entry) entry.count += count;
          else pairs.set(key, { a: ids[i]!, b: ids[i + 1]!, count });
        }
      }
      let best: { a: number; b: number; count: number } | null = null;
      for (const p of pairs.values()) {
        if (!best || p.count > best.count || (p.count === best.count && (p.a < best.a || (p.a === best.a && p.b < best.b)))) best = p;
      }
      if (!best || best.count < minFrequency) break;
      const id = 256 + merges.length;
      merges.push([best.a, best.b]);
      for (const word of words) word.ids = mergePair(word.ids, best.a, best.b, id);
    }
    return new BPETokenizer(merges, specialTokens);
  }

  get vocabSize(): number {
    return 256 + this.merges.length + this.specialTokens.length;
  }

  /** The ids of `text`: special tokens whole, the rest pre-tokenized and merged. */
  encode(text: string): number[] {
    const out: number[] = [];
    for (const part of splitSpecial(text, this.specials)) {
      if ('special' in part) out.push(part.special);
      else for (const piece of part.text.match(PIECE) ?? []) out.push(...this.encodePiece(piece));
    }
    return out;
  }

  /** The text of `ids` (their bytes decoded as UTF-8). */
  decode(ids: readonly number[]): string {
    const chunks: string[] = [];
    let pending: number[] = [];
    const flush = (): void => {
      if (pending.length > 0) chunks.push(decoder.decode(Uint8Array.from(pending)));
      pending = [];
    };
    for (const id of ids) {
      const bytes = this.bytes[id];
      if (bytes) {
        pending.push(...bytes);
        continue;
      }
      const special = this.specialTokens[id - 256 - this.merges.length];
      if (special === undefined || !Number.isInteger(id)) throw new ValueError(`BPETokenizer.decode: id ${id} is outside [0, ${this.vocabSize})`);
      flush();
      chunks.push(special);
    }
    flush();
    return chunks.join('');
  }

  /** The text of one token (its bytes, decoded; a lone part of a multi-byte character shows as U+FFFD). */
  tokenText(id: number): string {
    return this.decode([id]);
  }

  private encodePiece(piece: string): number[] {
    const known = this.memo.get(piece);
    if (known) return known;
    let ids = Array.from(encoder.encode(piece));
    for (;;) {
      let bestRank = Infinity;
      for (let i = 0; i + 1 < ids.length; i++) bestRank = Math.min(bestRank, this.ranks.get(pairKey(ids[i]!, ids[i + 1]!)) ?? Infinity);
      if (bestRank === Infinity) break;
      const [a, b] = this.merges[bestRank]!;
      ids = mergePair(ids, a, b, 256 + bestRank);
    }
    this.memo.set(piece, ids);
    return ids;
  }
}

/** `ids` with every non-overlapping occurrence of `(a, b)`, left to right, replaced by `id`. */
function mergePair(ids: readonly number[], a: number, b: number, id: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (i + 1 < ids.length && ids[i] === a && ids[i + 1] === b) {
      out.push(id);
      i++;
    } else out.push(ids[i]!);
  }
  return out;
}
