import { describe, expect, it } from 'vitest';
import { log, logSoftmax, manualSeed, randn, tensor, ValueError } from '@dlkit/core';
import { ctcGreedyDecode, ctcLoss } from '@dlkit/sequence';

const int32 = (values: number[] | number[][]) => tensor(values, { dtype: 'int32' });

describe('ctcLoss', () => {
  it('is −log of the summed probability of the alignments, by enumeration', () => {
    // T = 2, classes {blank, a}: target "a" has alignments "a_", "_a", "aa".
    const p = [[0.3, 0.7], [0.6, 0.4]];
    const loss = ctcLoss(log(tensor([p], { dtype: 'float64' })), int32([[1]]), [2], [1], { reduction: 'sum' });
    const expected = -Math.log(0.7 * 0.6 + 0.3 * 0.4 + 0.7 * 0.4);
    expect(Math.abs(loss.item() - expected)).toBeLessThan(1e-14);
  });

  it('gives Infinity for an impossible alignment unless zeroInfinity, and accepts int32 lengths', () => {
    manualSeed(1);
    const logProbs = logSoftmax(randn([1, 2, 3]), 2);
    const targets = int32([[1, 1]]); // a repeated label needs a blank between: 3 steps
    expect(ctcLoss(logProbs, targets, int32([2]), int32([2]), { reduction: 'none' }).dataSync()[0]).toBe(Infinity);
    expect(ctcLoss(logProbs, targets, [2], [2], { zeroInfinity: true }).item()).toBe(0);
    expect(Number.isFinite(ctcLoss(logProbs, int32([[1, 2]]), [2], [2]).item())).toBe(true);
  });

  it('names what it got on bad arguments', () => {
    const logProbs = logSoftmax(randn([2, 4, 3]), 2);
    expect(() => ctcLoss(logProbs, int32([[1], [0]]), [4, 4], [1, 1])).toThrow(/target 0 of example 1 is 0; labels must be in \[0, 3\) and not the blank 0/);
    expect(() => ctcLoss(logProbs, int32([[1], [2]]), [4, 5], [1, 1])).toThrow(/inputLengths\[1\] must be an integer in \[0, 4\], got 5/);
    expect(() => ctcLoss(logProbs, int32([[1], [2]]), [4, 4], [1, 2])).toThrow(/targetLengths\[1\] must be an integer in \[0, 1\], got 2/);
    expect(() => ctcLoss(logProbs, int32([1, 2]), [4, 4], [1, 2])).toThrow(/1-D targets hold 2 labels, but targetLengths add up to 3/);
    expect(() => ctcLoss(logProbs, tensor([[1], [2]]), [4, 4], [1, 1])).toThrow(ValueError);
    expect(() => ctcLoss(logProbs, int32([[1], [2]]), [4, 4], [1, 1], { blank: 3 })).toThrow(/blank must be a class in \[0, 3\)/);
  });
});

describe('ctcGreedyDecode', () => {
  it('collapses repeats and drops blanks, within each input length', () => {
    // Best classes per step: 1 1 0 1 2 2 | 2 0 2 0 0 0
    const best = [[1, 1, 0, 1, 2, 2], [2, 0, 2, 0, 0, 0]];
    const probs = tensor(best.map((row) => row.map((k) => [0, 1, 2].map((c) => (c === k ? 0.8 : 0.1)))));
    expect(ctcGreedyDecode(probs)).toEqual([[1, 1, 2], [2, 2]]);
    expect(ctcGreedyDecode(probs, { inputLengths: [4, 1] })).toEqual([[1, 1], [2]]);
    expect(ctcGreedyDecode(probs, { blank: 2 })).toEqual([[1, 0, 1], [0, 0]]);
  });
});
