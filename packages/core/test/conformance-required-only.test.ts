import { describe, expect, it } from 'vitest';
import { OPTIONAL_KERNELS, tsBackend } from '@dlkit/core';
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
});

runBackendConformance(() => requiredOnly, { dtypes: ['float32', 'float64', 'int32', 'bool'] }, { title: 'ts without optional kernels' });
