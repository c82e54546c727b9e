import { describe, expect, it } from 'vitest';
import { nn } from '@dlkit/core';
import { moduleDb, runModuleInfoSuite } from '@dlkit/core/testing';

runModuleInfoSuite(moduleDb);

describe('moduleDb', () => {
  it('has a row for every layer class core exports', () => {
    const layers = Object.entries(nn)
      .filter(([, value]) => typeof value === 'function' && value.prototype instanceof nn.Module)
      .map(([name]) => name);
    expect(layers.length).toBeGreaterThan(15);
    expect(layers.filter((name) => !moduleDb.some((row) => row.name === name))).toEqual([]);
  });
});
