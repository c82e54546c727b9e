import { ValueError } from '@dlkit/core';

/** A Huffman tree over a vocabulary for hierarchical softmax (see {@link huffmanTree}). */
export interface HuffmanTree {
  /** codes[w]: the branch bits (0/1) from the root down to word w. */
  codes: Uint8Array[];
  /** points[w]: the inner nodes (0 … size − 2, the root is size − 2) on that path, one per bit. */
  points: Int32Array[];
}

/**
 * The Huffman tree of word2vec's hierarchical softmax, built as the C tool's `CreateBinaryTree`:
 * counts sorted descending, the two smallest nodes merged repeatedly (the second one gets bit 1),
 * so frequent words get short codes. Word w's probability is the product over its path of
 * `σ(±v_point · h)`, bit 0 ↔ `σ(+x)`.
 * @param counts word counts, sorted descending (a {@link Vocabulary}'s `counts` without `<unk>`).
 * @example huffmanTree(Float64Array.of(5, 3, 1, 1)).codes.map((c) => c.length) // [1, 2, 3, 3]
 */
export function huffmanTree(counts: ArrayLike<number>): HuffmanTree {
  const size = counts.length;
  if (size < 2) throw new ValueError(`huffmanTree: need at least 2 words, got ${size}`);
  for (let i = 1; i < size; i++) if (counts[i]! > counts[i - 1]!) throw new ValueError(`huffmanTree: counts must be sorted descending, got ${counts[i - 1]} then ${counts[i]} at ${i}`);
  const count = new Float64Array(2 * size - 1).fill(Infinity);
  for (let i = 0; i < size; i++) count[i] = counts[i]!;
  const parent = new Int32Array(2 * size - 1);
  const binary = new Uint8Array(2 * size - 1);
  let leaf = size - 1;
  let inner = size;
  const smallest = (): number => (leaf >= 0 && count[leaf]! < count[inner]! ? leaf-- : inner++);
  for (let a = 0; a < size - 1; a++) {
    const first = smallest();
    const second = smallest();
    count[size + a] = count[first]! + count[second]!;
    parent[first] = size + a;
    parent[second] = size + a;
    binary[second] = 1;
  }
  const root = 2 * size - 2;
  const codes: Uint8Array[] = [];
  const points: Int32Array[] = [];
  for (let w = 0; w < size; w++) {
    const bits: number[] = [];
    const nodes: number[] = [];
    for (let node = w; node !== root; node = parent[node]!) {
      bits.push(binary[node]!);
      nodes.push(parent[node]! - size);
    }
    codes.push(Uint8Array.from(bits.reverse()));
    points.push(Int32Array.from(nodes.reverse()));
  }
  return { codes, points };
}
