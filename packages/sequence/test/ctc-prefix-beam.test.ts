import { describe, expect, it } from 'vitest';
import { logSoftmax, manualSeed, randn, tensor } from '@dlkit/core';
import { ctcGreedyDecode, ctcLoss, ctcPrefixBeamSearch } from '@dlkit/sequence';

/** P(labeling) for every labeling, by enumerating all classes^time alignments. */
function bruteForce(probs: number[][], blank: number): Map<string, number> {
  const [time, classes] = [probs.length, probs[0]!.length];
  const totals = new Map<string, number>();
  for (let code = 0; code < classes ** time; code++) {
    let p = 1;
    const labels: number[] = [];
    let previous = -1;
    for (let t = 0, rest = code; t < time; t++, rest = Math.floor(rest / classes)) {
      const c = rest % classes;
      p *= probs[t]![c]!;
      if (c !== previous && c !== blank) labels.push(c);
      previous = c;
    }
    totals.set(labels.join(','), (totals.get(labels.join(',')) ?? 0) + p);
  }
  return totals;
}

describe('ctcPrefixBeamSearch', () => {
  it('with a beam wide enough finds the most likely labelings found by enumerating all alignments, with their probabilities', () => {
    manualSeed(7);
    for (let trial = 0; trial < 3; trial++) {
      const logProbs = logSoftmax(randn([1, 5, 3], { dtype: 'float64' }).mul(1.5), 2);
      const probs = logProbs.exp().reshape([5, 3]).toArray() as number[][];
      const ranked = [...bruteForce(probs, 0)].sort((a, b) => b[1] - a[1]);
      const found = ctcPrefixBeamSearch(logProbs, { beamWidth: 200, numReturn: 3 })[0]!;
      found.forEach((h, i) => {
        expect(h.labels.join(',')).toBe(ranked[i]![0]);
        expect(Math.abs(h.logProb - Math.log(ranked[i]![1]))).toBeLessThan(1e-12);
      });
      // The same probability as ctcLoss's forward recursion.
      const best = found[0]!;
      if (best.labels.length > 0) {
        const loss = ctcLoss(logProbs, tensor([best.labels], { dtype: 'int32' }), [5], [best.labels.length], { reduction: 'sum' }).item();
        expect(Math.abs(-loss - best.logProb)).toBeLessThan(1e-12);
      }
    }
  });

  it('beats best-path decoding when the probability is spread over alignments', () => {
    // Best path is "_ _" (0.6 · 0.6 = 0.36), but "1" has 0.4·0.6 + 0.6·0.4 + 0.4·0.4 = 0.64.
    const logProbs = tensor([[[0.6, 0.4], [0.6, 0.4]]], { dtype: 'float64' }).log();
    expect(ctcGreedyDecode(logProbs)).toEqual([[]]);
    const [[best]] = ctcPrefixBeamSearch(logProbs) as [[{ labels: number[]; logProb: number }]];
    expect(best.labels).toEqual([1]);
    expect(Math.abs(best.logProb - Math.log(0.64))).toBeLessThan(1e-12);
  });
});
