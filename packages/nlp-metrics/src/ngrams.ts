/**
 * N-gram counts of a few sequences scored together (a hypothesis and its references):
 * `counts[n - 1][s][g]` is how often n-gram `g` occurs in sequence `s`, where `g` is a small
 * integer that stands for the same n-gram in every sequence of the group.
 */
export type NgramCounts = number[][][];

/**
 * Counts every n-gram of orders 1 to `maxOrder` in each sequence. N-grams get integer ids order
 * by order (an n-gram is its (n−1)-gram prefix's id paired with its last token's id), so no
 * string keys are built; that makes counting several times faster than keying maps by joined
 * tokens, and exact whatever characters the tokens hold.
 */
export function countNgrams(sequences: readonly (readonly string[])[], maxOrder: number): NgramCounts {
  const tokenIds = new Map<string, number>();
  const tokens = sequences.map((sequence) =>
    sequence.map((token) => {
      let id = tokenIds.get(token);
      if (id === undefined) {
        id = tokenIds.size;
        tokenIds.set(token, id);
      }
      return id;
    }),
  );

  const counts: NgramCounts = [];
  let ngrams = tokens; // ngrams[s][i]: id of the n-gram of the current order starting at token i
  let distinct = tokenIds.size;
  for (let order = 1; order <= maxOrder; order++) {
    if (order > 1) {
      // Pair keys stay below (tokens in the group)², exact as doubles for any realistic segment.
      const pairIds = new Map<number, number>();
      const width = tokenIds.size;
      ngrams = ngrams.map((prefixes, s) => {
        const next = new Array<number>(Math.max(0, prefixes.length - 1));
        const sequence = tokens[s]!;
        for (let i = 0; i < next.length; i++) {
          const key = prefixes[i]! * width + sequence[i + order - 1]!;
          let id = pairIds.get(key);
          if (id === undefined) {
            id = pairIds.size;
            pairIds.set(key, id);
          }
          next[i] = id;
        }
        return next;
      });
      distinct = pairIds.size;
    }
    counts.push(
      ngrams.map((ids) => {
        const ofSequence = new Array<number>(distinct).fill(0);
        for (const id of ids) ofSequence[id]! += 1;
        return ofSequence;
      }),
    );
  }
  return counts;
}

/** For every n-gram, the largest count in any of `references` (BLEU's clipping limit). */
export function maxCounts(references: readonly (readonly number[])[]): readonly number[] {
  if (references.length === 1) return references[0]!;
  const merged = [...references[0]!];
  for (const counts of references) {
    for (let g = 0; g < counts.length; g++) if (counts[g]! > merged[g]!) merged[g] = counts[g]!;
  }
  return merged;
}

/** Σ over n-grams of min(hypothesis count, limit): matches clipped to what a reference holds. */
export function clippedMatches(hypothesis: readonly number[], limit: readonly number[]): number {
  let matches = 0;
  for (let g = 0; g < hypothesis.length; g++) matches += Math.min(hypothesis[g]!, limit[g]!);
  return matches;
}
