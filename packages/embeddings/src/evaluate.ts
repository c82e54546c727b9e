import { ValueError } from '@dlkit/core';
import { pearson, spearman } from './rank-correlation.js';
import type { WordVectors } from './word-vectors.js';

/** Options of {@link WordVectors.evaluateWordPairs} and {@link WordVectors.evaluateAnalogies}. */
export interface EvaluateOptions {
  /** Use only the first (most frequent) this many words (default 300000, as gensim). */
  restrictVocab?: number;
  /** Compare words upper-cased (default `true`, as gensim); the most frequent spelling wins. */
  caseInsensitive?: boolean;
  /** Count a pair or question with a missing word (as similarity 0 / as wrong) instead of skipping it (default `false`). */
  dummy4unknown?: boolean;
}

/** Result of {@link WordVectors.evaluateWordPairs}. */
export interface WordPairsResult {
  /** Pearson correlation of the gold scores with the cosine similarities. */
  pearson: number;
  /** Spearman rank correlation (ties get average ranks). */
  spearman: number;
  /** Percentage of pairs with a word outside the vocabulary. */
  oovRatio: number;
  /** Pairs scored. */
  pairs: number;
}

/** One section of an analogy file (`: capital-common-countries`). */
export interface AnalogySection {
  /** The section's name from its header line (`capital-common-countries`), or `Total accuracy`. */
  section: string;
  /** Questions `[a, b, c, d]` (a is to b as c is to d) answered with `d`. */
  correct: [string, string, string, string][];
  /** Questions answered with another word (or holding a word outside the vocabulary, with `dummy4unknown`). */
  incorrect: [string, string, string, string][];
}

/** Result of {@link WordVectors.evaluateAnalogies}. */
export interface AnalogiesResult {
  /** correct / (correct + incorrect) over all sections (0 when nothing was evaluated). */
  score: number;
  /** Per section, then a last one named `Total accuracy`, as gensim. */
  sections: AnalogySection[];
  /** Questions with a word outside the vocabulary. */
  oov: number;
}

/** @internal gensim's `ok_vocab`: word (upper-cased when case-insensitive) → row, the most frequent spelling winning. */
function okVocab(wv: WordVectors, options: EvaluateOptions): { lookup: Map<string, number>; fold: (w: string) => string; restrictVocab: number } {
  const { restrictVocab = 300000, caseInsensitive = true } = options;
  const fold = caseInsensitive ? (w: string) => w.toUpperCase() : (w: string) => w;
  const lookup = new Map<string, number>();
  const limit = Math.min(restrictVocab, wv.size);
  for (let i = limit - 1; i >= 0; i--) lookup.set(fold(wv.words[i]!), i);
  return { lookup, fold, restrictVocab: limit };
}

/** @internal See {@link WordVectors.evaluateWordPairs}. */
export function evaluateWordPairs(wv: WordVectors, text: string, options: EvaluateOptions & { delimiter?: string } = {}): WordPairsResult {
  const { delimiter = '\t', dummy4unknown = false } = options;
  const { lookup, fold } = okVocab(wv, options);
  const gold: number[] = [];
  const model: number[] = [];
  let oov = 0;
  for (const line of text.split('\n')) {
    if (line.trim().length === 0 || line.startsWith('#')) continue;
    const parts = line.replace(/\r$/, '').split(delimiter);
    if (parts.length !== 3 || !Number.isFinite(Number(parts[2]))) continue;
    const [a, b] = [fold(parts[0]!), fold(parts[1]!)];
    const sim = Number(parts[2]);
    const ia = lookup.get(a);
    const ib = lookup.get(b);
    if (ia === undefined || ib === undefined) {
      oov++;
      if (dummy4unknown) {
        gold.push(sim);
        model.push(0);
      }
      continue;
    }
    gold.push(sim);
    model.push(wv.similarity(wv.words[ia]!, wv.words[ib]!));
  }
  if (gold.length < 2) throw new ValueError(`WordVectors.evaluateWordPairs: need at least 2 scored pairs, got ${gold.length} (${oov} out of vocabulary)`);
  return { pearson: pearson(gold, model), spearman: spearman(gold, model), oovRatio: (oov / (gold.length + (dummy4unknown ? 0 : oov))) * 100, pairs: gold.length };
}

/** @internal See {@link WordVectors.evaluateAnalogies}. */
export function evaluateAnalogies(wv: WordVectors, text: string, options: EvaluateOptions = {}): AnalogiesResult {
  const { dummy4unknown = false } = options;
  const { lookup, fold, restrictVocab } = okVocab(wv, options);
  const sections: AnalogySection[] = [];
  let section: AnalogySection | undefined;
  let oov = 0;
  text.split('\n').forEach((raw, lineNo) => {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith(': ')) {
      section = { section: line.slice(2).trim(), correct: [], incorrect: [] };
      sections.push(section);
      return;
    }
    if (line.trim().length === 0) return;
    if (section === undefined) throw new ValueError(`WordVectors.evaluateAnalogies: missing section header (': name') before line ${lineNo + 1}`);
    const words = line.trim().split(/\s+/).map(fold);
    if (words.length !== 4) return;
    const quad = words as [string, string, string, string];
    const rows = quad.map((w) => lookup.get(w));
    if (rows.some((r) => r === undefined)) {
      oov++;
      if (dummy4unknown) section.incorrect.push(quad);
      return;
    }
    const [a, b, c] = rows.slice(0, 3).map((r) => wv.words[r!]!) as [string, string, string];
    const ignore = new Set(quad.slice(0, 3));
    let predicted: string | undefined;
    for (const [word] of wv.mostSimilar({ positive: [b, c], negative: [a], topn: 5, restrictVocab })) {
      predicted = fold(word);
      if (lookup.has(predicted) && !ignore.has(predicted)) break;
    }
    (predicted === quad[3] ? section.correct : section.incorrect).push(quad);
  });
  const correct = sections.flatMap((s) => s.correct);
  const incorrect = sections.flatMap((s) => s.incorrect);
  sections.push({ section: 'Total accuracy', correct, incorrect });
  const total = correct.length + incorrect.length;
  return { score: total === 0 ? 0 : correct.length / total, sections, oov };
}
