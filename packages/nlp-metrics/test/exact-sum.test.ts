import { describe, expect, it } from 'vitest';
import { exactSum } from '../src/exact-sum.js';

describe('exactSum (Python math.fsum)', () => {
  it('rounds the exact sum once', () => {
    expect(exactSum(new Array<number>(10).fill(0.1))).toBe(1);
    expect(exactSum([1e100, 1, -1e100, 1e-100])).toBe(1);
    expect(exactSum([1, 2 ** -53, 2 ** -106])).toBe(1 + 2 ** -52);
    expect(exactSum([1, 2 ** -53])).toBe(1);
    expect(exactSum([])).toBe(0);
  });
});
