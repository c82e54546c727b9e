import { readFileSync } from 'node:fs';
import type { WordVectors } from '../src/index.js';

/** tools/fixtures/embeddings/brown-pairs.txt: hand-picked related pairs (he/she, father/mother, …). */
export const brownPairs: [string, string][] = readFileSync(new URL('../../../tools/fixtures/embeddings/brown-pairs.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim().length > 0 && !line.startsWith('#'))
  .map((line) => line.split(' ') as [string, string]);

/**
 * For each related pair (a, b) in the vocabulary: cos(a, b) against cos(a, c) for the 20 words c
 * nearest to b in frequency rank (a and b excluded), so frequency alone cannot explain a gap.
 * `winRate` = share of (pair, c) with cos(a, b) > cos(a, c). Same rules as brown_gensim.py.
 */
export function relatedVsMatched(wv: WordVectors): { pairs: number; related: number; matched: number; winRate: number } {
  let pairs = 0;
  let related = 0;
  let matched = 0;
  let wins = 0;
  let total = 0;
  for (const [a, b] of brownPairs) {
    if (!wv.has(a) || !wv.has(b)) continue;
    pairs++;
    const rb = wv.index(b);
    const sim = wv.similarity(a, b);
    related += sim;
    for (let r = Math.max(0, rb - 10); r < Math.min(wv.size, rb + 11); r++) {
      const c = wv.words[r]!;
      if (c === a || c === b) continue;
      const s = wv.similarity(a, c);
      matched += s;
      if (sim > s) wins++;
      total++;
    }
  }
  return { pairs, related: related / pairs, matched: matched / total, winRate: wins / total };
}
