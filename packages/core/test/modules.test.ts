import { describe, expect, it } from 'vitest';
import { nn, ones, type Tensor } from '@dlkit/core';
import { defineModule, moduleDb, runModuleInfoSuite } from '@dlkit/core/testing';

runModuleInfoSuite(moduleDb);

// The README's example of a package adding its own layer.
/** A learned per-feature scale (a package's own layer). */
class Scale extends nn.Module {
  weight: Tensor;
  constructor(features: number) {
    super();
    this.weight = nn.parameter(ones([features]));
  }
  forward(x: Tensor): Tensor {
    return x.mul(this.weight);
  }
}

runModuleInfoSuite([
  defineModule({
    name: 'Scale',
    create: (features: number) => new Scale(features),
    samples: (gen) => [{ label: 'Scale(3) on [2, 3]', args: 3, inputs: [gen.uniform([2, 3])] }],
    trainEval: 'none',
  }),
], { title: "a package's own rows" });

describe('moduleDb', () => {
  it('has a row for every layer class core exports', () => {
    const layers = Object.entries(nn)
      .filter(([, value]) => typeof value === 'function' && value.prototype instanceof nn.Module)
      .map(([name]) => name);
    expect(layers.length).toBeGreaterThan(15);
    expect(layers.filter((name) => !moduleDb.some((row) => row.name === name))).toEqual([]);
  });
});
