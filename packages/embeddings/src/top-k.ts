/**
 * @internal Indices of the `k` largest of `scores[0..limit)`, largest first (ties: lower index
 * first): one sorted buffer of k entries, O(limit) for the usual small k.
 */
export function topK(scores: Float64Array, k: number, limit = scores.length): number[] {
  const best: number[] = [];
  if (k <= 0) return best;
  for (let i = 0; i < limit; i++) {
    const score = scores[i]!;
    if (best.length === k && !(score > scores[best[k - 1]!]!)) continue;
    if (best.length < k) best.push(i);
    else best[k - 1] = i;
    for (let at = best.length - 1; at > 0 && score > scores[best[at - 1]!]!; at--) {
      best[at] = best[at - 1]!;
      best[at - 1] = i;
    }
  }
  return best;
}
