import { readFileSync } from 'node:fs';

const dir = new URL('../../../tools/fixtures/embeddings/', import.meta.url);

/** The bytes of a committed fixture file. */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, dir)));
}

type Neighbours = [string, number][];

/** tools/fixtures/embeddings/vectors-golden.json (generate_vectors.py). */
export const golden = JSON.parse(readFileSync(new URL('vectors-golden.json', dir), 'utf8')) as {
  words: string[];
  vectors: number[][];
  mostSimilar: { positive: string[]; negative: string[]; result: Neighbours }[];
  mostSimilarCosmul: { positive: string[]; negative: string[]; result: Neighbours }[];
  doesntMatch: { words: string[]; result: string }[];
  similarity: { a: string; b: string; result: number }[];
  wordPairs: { text: string; pearson: number; spearman: number; oovRatio: number; pairs: number };
  analogies: { text: string; score: number; sections: { section: string; correct: string[][]; incorrect: string[][] }[] };
  float32Repr: [number, string][];
};
