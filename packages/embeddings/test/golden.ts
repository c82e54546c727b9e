import { readFileSync } from 'node:fs';

const dir = new URL('../../../tools/fixtures/embeddings/', import.meta.url);

/** The bytes of a committed fixture file. */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, dir)));
}

type Neighbours = [string, number][];

/** tools/fixtures/embeddings/vectors-golden.json: gensim 4.2 KeyedVectors results (generate_vectors.py). */
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

/** tools/fixtures/embeddings/dlkit-read-by-gensim.json: what gensim's load_word2vec_format read from dlkit.w2v.bin / .txt. */
export const readByGensim = JSON.parse(readFileSync(new URL('dlkit-read-by-gensim.json', dir), 'utf8')) as Record<
  'dlkit.w2v.bin' | 'dlkit.w2v.txt',
  { words: string[]; vectors: number[][]; gensimResavesSameBytes: boolean }
>;
