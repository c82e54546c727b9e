/**
 * The correctly rounded sum of `values`, as Python's `math.fsum` (Shewchuk's algorithm: exact
 * partial sums kept as non-overlapping doubles, rounded once at the end). NLTK sums BLEU's
 * weighted log precisions this way; a plain running sum can differ in the last bit.
 */
export function exactSum(values: Iterable<number>): number {
  const partials: number[] = [];
  for (let x of values) {
    let kept = 0;
    for (let p of partials) {
      if (Math.abs(x) < Math.abs(p)) [x, p] = [p, x];
      const high = x + p;
      const low = p - (high - x);
      if (low !== 0) partials[kept++] = low;
      x = high;
    }
    partials.length = kept;
    partials.push(x);
  }
  // Round the partials' exact sum once, halfway cases to even (Python's msum tail).
  let n = partials.length;
  if (n === 0) return 0;
  let high = partials[--n]!;
  let low = 0;
  while (n > 0) {
    const x = high;
    const y = partials[--n]!;
    high = x + y;
    const yr = high - x;
    low = y - yr;
    if (low !== 0) break;
  }
  if (n > 0 && ((low < 0 && partials[n - 1]! < 0) || (low > 0 && partials[n - 1]! > 0))) {
    const y = low * 2;
    const x = high + y;
    if (y === x - high) high = x;
  }
  return high;
}
