import { expect } from './vitest.js';
import { nn } from '@dlkit/core';
import { defineModule, type ModuleInfo } from './module-info.js';

/** An activation module without constructor options, sampled away from its kinks. */
function activation(name: string, make: () => nn.Module, kinks: readonly number[] = []): ModuleInfo {
  return defineModule({
    name,
    create: () => make(),
    samples: (gen) => [{ label: `${name} on [3, 4]`, args: null, inputs: [gen.awayFrom([3, 4], -3, 3, kinks)] }],
    trainEval: 'none',
  });
}

/**
 * The ModuleInfo rows of core's `nn` layers (PyTorch's `module_db`): every layer class has one,
 * and `runModuleInfoSuite(moduleDb)` checks them all. Domain packages keep their own tables.
 */
export const moduleDb: readonly ModuleInfo[] = [
  defineModule({
    name: 'Linear',
    create: ([inF, outF, bias]: [number, number, boolean], dtype) => new nn.Linear(inF, outF, { bias, dtype }),
    samples: (gen) => [
      { label: 'Linear(3, 2) on [4, 3]', args: [3, 2, true], inputs: [gen.uniform([4, 3])] },
      { label: 'Linear(4, 3, no bias) on [2, 2, 4]', args: [4, 3, false], inputs: [gen.uniform([2, 2, 4])] },
    ],
    trainEval: 'none',
  }),
  defineModule({
    name: 'Sequential',
    create: (hidden: number, dtype) => new nn.Sequential(new nn.Linear(3, hidden, { dtype }), new nn.Tanh(), new nn.Dropout(0.3), new nn.Linear(hidden, 2, { dtype })),
    samples: (gen) => [{ label: 'Linear(3, 4) → Tanh → Dropout(0.3) → Linear(4, 2) on [5, 3]', args: 4, inputs: [gen.uniform([5, 3])] }],
    trainEval: 'random',
  }),
  defineModule({
    name: 'Dropout',
    create: (p: number) => new nn.Dropout(p),
    samples: (gen) => [{ label: 'Dropout(0.5) on [4, 6]', args: 0.5, inputs: [gen.uniform([4, 6])] }],
    trainEval: 'random',
    checks: [{
      label: 'is the identity in eval mode and keeps the expected value in training mode',
      run: (module, [x]) => {
        expect(Array.from(module.eval().forward(x!).dataSync())).toEqual(Array.from(x!.dataSync()));
        const kept = module.train().forward(x!).dataSync();
        const input = x!.dataSync();
        kept.forEach((v, i) => expect(v === 0 || v === input[i]! * 2, `element ${i}: ${v} is neither 0 nor 2·${input[i]}`).toBe(true));
      },
    }],
  }),
  defineModule({
    name: 'BatchNorm1d',
    create: ([features, affine]: [number, boolean], dtype) => new nn.BatchNorm1d(features, { affine, dtype, momentum: 0.3 }),
    samples: (gen) => [
      { label: 'BatchNorm1d(3) on [5, 3]', args: [3, true], inputs: [gen.uniform([5, 3], -2, 2)] },
      { label: 'BatchNorm1d(2, no affine) on [3, 4, 2]', args: [2, false], inputs: [gen.uniform([3, 4, 2], -2, 2)] },
    ],
    trainEval: 'buffers',
  }),
  defineModule({
    name: 'BatchNorm2d',
    create: ([channels, affine]: [number, boolean], dtype) => new nn.BatchNorm2d(channels, { affine, dtype, momentum: 0.3 }),
    samples: (gen) => [
      { label: 'BatchNorm2d(3) on NHWC [2, 3, 2, 3]', args: [3, true], inputs: [gen.uniform([2, 3, 2, 3], -2, 2)] },
      { label: 'BatchNorm2d(2, no affine) on NHWC [3, 2, 2, 2]', args: [2, false], inputs: [gen.uniform([3, 2, 2, 2], -2, 2)] },
    ],
    trainEval: 'buffers',
  }),
  defineModule({
    name: 'LayerNorm',
    create: (shape: readonly number[], dtype) => new nn.LayerNorm(shape, { dtype }),
    samples: (gen) => [
      { label: 'LayerNorm(4) on [3, 4]', args: [4], inputs: [gen.uniform([3, 4], -2, 2)] },
      { label: 'LayerNorm([2, 3]) on [2, 2, 3]', args: [2, 3], inputs: [gen.uniform([2, 2, 3], -2, 2)] },
    ],
    trainEval: 'none',
  }),
  defineModule({
    name: 'Embedding',
    create: ([count, dim, paddingIdx]: [number, number, number | undefined], dtype) => new nn.Embedding(count, dim, { dtype, ...(paddingIdx === undefined ? {} : { paddingIdx }) }),
    samples: (gen) => [
      { label: 'Embedding(6, 3) on int32 [2, 4]', args: [6, 3, undefined], inputs: [gen.indices([2, 4], 6)] },
      { label: 'Embedding(5, 2, paddingIdx 0) on int32 [6]', args: [5, 2, 0], inputs: [gen.values([6], [0, 3, 1, 0, 4, 3], 'int32')] },
    ],
    trainEval: 'none',
  }),
  defineModule({
    name: 'Flatten',
    create: ([start, end]: [number, number]) => new nn.Flatten(start, end),
    samples: (gen) => [
      { label: 'Flatten() on [2, 3, 2, 2]', args: [1, -1], inputs: [gen.uniform([2, 3, 2, 2])] },
      { label: 'Flatten(1, 2) on [2, 2, 3, 2]', args: [1, 2], inputs: [gen.uniform([2, 2, 3, 2])] },
    ],
    trainEval: 'none',
  }),
  activation('ReLU', () => new nn.ReLU(), [0]),
  activation('ReLU6', () => new nn.ReLU6(), [0, 6]),
  activation('Tanh', () => new nn.Tanh()),
  activation('Sigmoid', () => new nn.Sigmoid()),
  activation('SELU', () => new nn.SELU(), [0]),
  activation('Softplus', () => new nn.Softplus()),
  activation('LeakyReLU', () => new nn.LeakyReLU(0.2), [0]),
  activation('ELU', () => new nn.ELU(0.7), [0]),
  defineModule({
    name: 'GELU',
    create: (approximate: 'none' | 'tanh') => new nn.GELU(approximate),
    samples: (gen) => [
      { label: 'GELU() on [3, 4]', args: 'none', inputs: [gen.uniform([3, 4], -3, 3)] },
      { label: "GELU('tanh') on [3, 4]", args: 'tanh', inputs: [gen.uniform([3, 4], -3, 3)] },
    ],
    trainEval: 'none',
  }),
  activation('Softmax', () => new nn.Softmax(-1)),
  activation('LogSoftmax', () => new nn.LogSoftmax(0)),
];
