import { describe, expect, it } from 'vitest';
import * as core from '@dlkit/core';
import { opSpecs } from '@dlkit/core/testing';
import * as ops from '../src/ops/index.js';

/**
 * Functions exported from `ops/index.ts` that are not ops and so have no spec row. Each entry says
 * why; prefer adding a spec row (`src/testing/specs/<family>.ts`) to adding a name here.
 */
const NOT_OPS: ReadonlyMap<string, string> = new Map<string, string>([]);

describe('every public op has a conformance spec row', () => {
  // A spec's name is the op's, optionally followed by a variant in parentheses: 'gelu (tanh)'.
  const specOps = new Set(opSpecs.map((spec) => spec.name.split(' ')[0]!));
  const publicOps = Object.entries(ops).filter(([, value]) => typeof value === 'function').map(([name]) => name);

  it('finds the public ops', () => {
    expect(publicOps.length).toBeGreaterThan(90);
    expect(publicOps).toContain('matmul');
  });

  it('has a spec row for each public op in ops/index.ts', () => {
    expect(publicOps.filter((name) => !specOps.has(name) && !NOT_OPS.has(name))).toEqual([]);
  });

  it('spec rows name public functions of @dlkit/core, and the allow-list only exports without a row', () => {
    const exported = (name: string): boolean => typeof (core as Record<string, unknown>)[name] === 'function';
    expect([...specOps].filter((name) => !exported(name))).toEqual([]);
    expect([...NOT_OPS.keys()].filter((name) => specOps.has(name) || !publicOps.includes(name))).toEqual([]);
  });
});
