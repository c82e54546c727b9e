import { describe, expect, it } from 'vitest';
import { logSoftmax, OPTIONAL_KERNELS, registerBackend, setBackend, softmax, tensor, tsBackend, zeros, type Tensor } from '@dlkit/core';
import { runBackendConformance, withoutOptionalKernels } from '@dlkit/core/testing';

// The whole suite on the ts backend with every optional kernel removed: each op that has a fused
// kernel on ts (softmax, logSoftmax) runs core's composition instead, and data(), detach() and
// assign() run their fallbacks (backend/compose.ts).
const requiredOnly = withoutOptionalKernels(tsBackend, 'ts-required-only');

describe('ts-required-only', () => {
  it('has none of the optional kernels and all of the required ones', () => {
    for (const kernel of OPTIONAL_KERNELS) expect(requiredOnly).not.toHaveProperty(kernel);
    expect(Object.keys(requiredOnly).sort()).toEqual(Object.keys(tsBackend).filter((k) => !(OPTIONAL_KERNELS as readonly string[]).includes(k)).sort());
    expect(tsBackend).toHaveProperty('softmax');
    expect(tsBackend).toHaveProperty('logSoftmax');
  });

  it('composed softmax and logSoftmax equal the fused kernels on infinite, NaN and empty rows', () => {
    registerBackend(requiredOnly);
    const rows = [[1, Infinity, 2], [NaN, 0, 1], [-Infinity, -Infinity, -Infinity], [-Infinity, 0, 1], [1000, 999, -1000]];
    const on = (name: string, f: () => Tensor): number[][] => {
      setBackend(name);
      try {
        return f().toArray() as number[][];
      } finally {
        setBackend('ts');
      }
    };
    for (const op of [softmax, logSoftmax]) {
      const composed = on('ts-required-only', () => op(tensor(rows))).flat();
      const fused = on('ts', () => op(tensor(rows))).flat();
      composed.forEach((v, k) => {
        if (Number.isFinite(fused[k]!)) expect(v).toBeCloseTo(fused[k]!, 5);
        else expect(v).toBe(fused[k]);
      });
      expect(on('ts-required-only', () => op(zeros([2, 0])))).toEqual([[], []]);
    }
  });
});

runBackendConformance(() => requiredOnly, { dtypes: ['float32', 'float64', 'int32', 'bool'] }, { title: 'ts without optional kernels' });
