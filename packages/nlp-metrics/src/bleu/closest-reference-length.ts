/**
 * The reference length closest to the hypothesis length, the shorter one on a tie: BLEU's `r`
 * for the brevity penalty (Papineni et al. 2002; the rule of mteval, sacreBLEU and NLTK alike).
 */
export function closestReferenceLength(hypothesisLength: number, referenceLengths: readonly number[]): number {
  let closest = referenceLengths[0]!;
  for (const length of referenceLengths) {
    const distance = Math.abs(hypothesisLength - length);
    const best = Math.abs(hypothesisLength - closest);
    if (distance < best || (distance === best && length < closest)) closest = length;
  }
  return closest;
}
