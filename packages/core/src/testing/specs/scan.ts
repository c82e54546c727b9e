/**
 * Specs of the scan ops: cumsum and cumprod (exclusive, reverse, any axis; cumprod with zeros,
 * whose gradient has its own rule).
 */
import { ShapeError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import { reference } from '../reference/index.js';
import { defineOp, type OpSpec } from '../spec.js';

type ScanArgs = { axis: number; exclusive?: boolean; reverse?: boolean };

function scanSpec(name: 'cumsum' | 'cumprod'): OpSpec {
  return defineOp<ScanArgs>({
    name,
    op: ([x], a) => ops[name](x!, a.axis, { exclusive: a.exclusive, reverse: a.reverse }),
    reference: ([x], a) => reference[name](x!, a.axis, { exclusive: a.exclusive, reverse: a.reverse }),
    samples: (gen) => {
      const draw = (shape: readonly number[]) => (name === 'cumprod' ? gen.nonzero(shape, 0.5, 1.5) : gen.uniform(shape, -2, 2));
      return [
        { label: '[5]', inputs: [draw([5])], args: { axis: 0 } },
        { label: '[3,4] axis 1 exclusive', inputs: [draw([3, 4])], args: { axis: 1, exclusive: true } },
        { label: '[3,4] axis 0 reverse', inputs: [draw([3, 4])], args: { axis: 0, reverse: true } },
        { label: '[2,3,4] axis -2 exclusive reverse', inputs: [draw([2, 3, 4])], args: { axis: -2, exclusive: true, reverse: true } },
        { label: 'with zeros [2,5]', inputs: [gen.values([2, 5], [1.5, 0, 2, -0.5, 0.7, 0, 1.2, 0, -1.1, 0.9])], args: { axis: 1 } },
        { label: 'with zeros [2,5] reverse', inputs: [gen.values([2, 5], [1.5, 0, 2, -0.5, 0.7, 0, 1.2, 0, -1.1, 0.9])], args: { axis: 1, reverse: true } },
        { label: 'with zeros [2,5] exclusive', inputs: [gen.values([2, 5], [1.5, 0, 2, -0.5, 0.7, 0, 1.2, 0, -1.1, 0.9])], args: { axis: 1, exclusive: true } },
        { label: 'empty axis [2,0]', inputs: [gen.uniform([2, 0])], args: { axis: 1 } },
        { label: 'int32 [2,4]', inputs: [gen.ints([2, 4], -3, 4)], args: { axis: 1 } },
        { label: 'bool counts as int32', inputs: [gen.bools([6])], args: { axis: 0 } },
      ];
    },
    differentiable: [0],
    errors: (gen) => [
      { label: 'a scalar', inputs: [gen.uniform([])], args: { axis: 0 }, error: ShapeError, message: new RegExp(`${name}: expected a tensor with at least 1 dim, got a scalar`) },
      { label: 'axis out of range', inputs: [gen.uniform([2, 3])], args: { axis: 2 }, error: ShapeError, message: new RegExp(`${name}: axis 2 is out of range for a tensor of rank 2`) },
    ],
  });
}

/** Specs of the scan ops. */
export const scanSpecs: readonly OpSpec[] = [scanSpec('cumsum'), scanSpec('cumprod')];
