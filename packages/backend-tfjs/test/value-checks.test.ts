import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryCrossEntropy, getBackend, registerBackend, setBackend, setIndexChecks, tensor, ValueError } from '@dlkit/core';
import { tfjsBackend } from '@dlkit/backend-tfjs';

describe('binaryCrossEntropy on a device backend (tfjs-cpu)', () => {
  let previous: string;
  beforeAll(async () => {
    previous = getBackend().name;
    registerBackend(await tfjsBackend({ engine: 'cpu' }));
    setBackend('tfjs-cpu');
  });
  afterAll(() => setBackend(previous));

  it('reads nothing back by default: out-of-range probabilities or targets make the loss NaN', () => {
    expect(binaryCrossEntropy(tensor([0.9, 0.2, 0.6]), tensor([1, 0, 0.5])).item()).toBeCloseTo(0.34735408425331116, 6);
    expect(binaryCrossEntropy(tensor([1.5, 0.2]), tensor([1, 0])).item()).toBeNaN();
    expect(binaryCrossEntropy(tensor([0.5, 0.2]), tensor([2, 0])).item()).toBeNaN();
  });

  it("raises like the ts backend under setIndexChecks('always')", () => {
    const before = setIndexChecks('always');
    try {
      expect(() => binaryCrossEntropy(tensor([1.5, 0.2]), tensor([1, 0]))).toThrow(ValueError);
      expect(() => binaryCrossEntropy(tensor([1.5, 0.2]), tensor([1, 0]))).toThrow(/binaryCrossEntropy: probabilities must lie in \[0, 1\], got 1 of 2/);
    } finally {
      setIndexChecks(before);
    }
  });
});
