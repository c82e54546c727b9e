import { expect } from 'vitest';
import { defineModule, type ModuleInfo, type ModuleSample } from '@dlkit/core/testing';
import { concat, nn, noGrad, rand } from '@dlkit/core';
import * as cnn from '../src/index.js';

/**
 * Moves a block's biases into [0.2, 0.5]: in eval mode a conv output of zero would otherwise sit
 * exactly on a ReLU's kink, where finite differences are meaningless.
 */
function offKinks<M extends nn.Module<unknown[], unknown>>(block: M, dtype: 'float32' | 'float64'): M {
  noGrad(() => block.namedParameters().filter(([name]) => name.endsWith('.bias')).forEach(([, b]) => b.assign(rand([...b.shape], { low: 0.2, high: 0.5, dtype }))));
  return block;
}

function activation(name: string, make: () => nn.Module, kinks: readonly number[]): ModuleInfo {
  return defineModule({
    name,
    create: () => make(),
    samples: (gen) => [{ label: `${name} on [2, 2, 2, 3]`, args: null, inputs: [gen.awayFrom([2, 2, 2, 3], -5, 5, kinks)] }],
    trainEval: 'none',
  });
}

/** The ModuleInfo rows of @dlkit/cnn's layers. */
export const cnnModuleDb: readonly ModuleInfo[] = [
  defineModule({
    name: 'Conv2d',
    create: ([cIn, cOut, k, opts]: [number, number, number, cnn.Conv2dOptions], dtype) => new cnn.Conv2d(cIn, cOut, k, { ...opts, dtype }),
    samples: (gen): ModuleSample<[number, number, number, cnn.Conv2dOptions]>[] => [
      { label: 'Conv2d(2, 3, 3, same) on [2, 4, 4, 2]', args: [2, 3, 3, { padding: 'same' }], inputs: [gen.uniform([2, 4, 4, 2])] },
      { label: 'Conv2d(4, 4, 2, stride 2, groups 2, no bias) on [1, 5, 5, 4]', args: [4, 4, 2, { stride: 2, groups: 2, bias: false, padding: 1 }], inputs: [gen.uniform([1, 5, 5, 4])] },
      { label: 'Conv2d(2, 2, 3, dilation 2) on [1, 6, 6, 2]', args: [2, 2, 3, { dilation: 2 }], inputs: [gen.uniform([1, 6, 6, 2])] },
    ],
    trainEval: 'none',
  }),
  defineModule({
    name: 'ConvTranspose2d',
    create: ([cIn, cOut, k, opts]: [number, number, number, cnn.ConvTranspose2dOptions], dtype) => new cnn.ConvTranspose2d(cIn, cOut, k, { ...opts, dtype }),
    samples: (gen): ModuleSample<[number, number, number, cnn.ConvTranspose2dOptions]>[] => [
      { label: 'ConvTranspose2d(3, 2, 2, stride 2) on [1, 3, 3, 3]', args: [3, 2, 2, { stride: 2 }], inputs: [gen.uniform([1, 3, 3, 3])] },
      { label: 'ConvTranspose2d(2, 2, 3, stride 2, padding 1, outputPadding 1) on [2, 3, 2, 2]', args: [2, 2, 3, { stride: 2, padding: 1, outputPadding: 1 }], inputs: [gen.uniform([2, 3, 2, 2])] },
    ],
    trainEval: 'none',
  }),
  defineModule({
    name: 'DepthwiseConv2d',
    create: ([c, k, mult]: [number, number, number], dtype) => new cnn.DepthwiseConv2d(c, k, { depthMultiplier: mult, padding: 'same', dtype }),
    samples: (gen) => [{ label: 'DepthwiseConv2d(3, 3, ×2, same) on [1, 4, 4, 3]', args: [3, 3, 2], inputs: [gen.uniform([1, 4, 4, 3])] }],
    trainEval: 'none',
  }),
  defineModule({
    name: 'SeparableConv2d',
    create: ([cIn, cOut]: [number, number], dtype) => new cnn.SeparableConv2d(cIn, cOut, 3, { padding: 'same', dtype }),
    samples: (gen) => [{ label: 'SeparableConv2d(3, 4, 3, same) on [1, 4, 4, 3]', args: [3, 4], inputs: [gen.uniform([1, 4, 4, 3])] }],
    trainEval: 'none',
  }),
  defineModule({
    name: 'Conv1d',
    create: ([cIn, cOut, k, opts]: [number, number, number, cnn.Conv1dOptions], dtype) => new cnn.Conv1d(cIn, cOut, k, { ...opts, dtype }),
    samples: (gen): ModuleSample<[number, number, number, cnn.Conv1dOptions]>[] => [
      { label: 'Conv1d(2, 3, 3, same) on [2, 5, 2]', args: [2, 3, 3, { padding: 'same' }], inputs: [gen.uniform([2, 5, 2])] },
      { label: 'Conv1d(2, 2, 2, causal, dilation 2) on [1, 6, 2]', args: [2, 2, 2, { padding: [2, 0], dilation: 2 }], inputs: [gen.uniform([1, 6, 2])] },
    ],
    trainEval: 'none',
  }),
  defineModule({
    name: 'MaxPool2d',
    create: ([k, opts]: [number, cnn.Pool2dOptions]) => new cnn.MaxPool2d(k, opts),
    samples: (gen): ModuleSample<[number, cnn.Pool2dOptions]>[] => [
      { label: 'MaxPool2d(2) on [2, 4, 4, 2]', args: [2, {}], inputs: [gen.distinct([2, 4, 4, 2])] },
      { label: 'MaxPool2d(3, stride 2, padding 1) on [1, 5, 5, 2]', args: [3, { stride: 2, padding: 1 }], inputs: [gen.distinct([1, 5, 5, 2])] },
      { label: 'MaxPool2d(3, stride 2, ceilMode) on [1, 6, 5, 2]', args: [3, { stride: 2, ceilMode: true }], inputs: [gen.distinct([1, 6, 5, 2])] },
    ],
    checks: [{
      label: "ceilMode keeps PyTorch's last partial window: 6 → 3 rows (floor mode 2), 5 → 2 columns",
      run: () => expect(new cnn.MaxPool2d(3, { stride: 2, ceilMode: true }).forward(rand([1, 6, 5, 1])).shape).toEqual([1, 3, 2, 1]),
    }],
    trainEval: 'none',
  }),
  defineModule({
    name: 'AvgPool2d',
    create: ([k, opts]: [number, cnn.Pool2dOptions]) => new cnn.AvgPool2d(k, opts),
    samples: (gen): ModuleSample<[number, cnn.Pool2dOptions]>[] => [{ label: 'AvgPool2d(2) on [2, 4, 4, 2]', args: [2, {}], inputs: [gen.uniform([2, 4, 4, 2])] }],
    trainEval: 'none',
  }),
  defineModule({
    name: 'GlobalAvgPool2d',
    create: (keep: boolean) => new cnn.GlobalAvgPool2d(keep),
    samples: (gen) => [
      { label: 'GlobalAvgPool2d() on [2, 3, 3, 4]', args: false, inputs: [gen.uniform([2, 3, 3, 4])] },
      { label: 'GlobalAvgPool2d(keepDims) on [1, 2, 3, 2]', args: true, inputs: [gen.uniform([1, 2, 3, 2])] },
    ],
    trainEval: 'none',
  }),
  defineModule({
    name: 'AdaptiveAvgPool2d',
    create: (size: [number, number]) => new cnn.AdaptiveAvgPool2d(size),
    samples: (gen) => [{ label: 'AdaptiveAvgPool2d([2, 3]) on [1, 5, 7, 2]', args: [2, 3], inputs: [gen.uniform([1, 5, 7, 2])] }],
    trainEval: 'none',
  }),
  defineModule({
    name: 'ZeroPad2d',
    create: (p: [number, number, number, number]) => new cnn.ZeroPad2d(p),
    samples: (gen) => [{ label: 'ZeroPad2d([1, 0, 2, 1]) on [1, 2, 3, 2]', args: [1, 0, 2, 1], inputs: [gen.uniform([1, 2, 3, 2])] }],
    trainEval: 'none',
    checks: [{
      label: 'pads left, right, top, bottom in PyTorch order',
      run: (module, [x]) => expect(module.forward(x!).shape).toEqual([1, 5, 4, 2]),
    }],
  }),
  defineModule({
    name: 'Upsample2d',
    create: (opts: cnn.Upsample2dOptions) => new cnn.Upsample2d(opts),
    samples: (gen): ModuleSample<cnn.Upsample2dOptions>[] => [
      { label: 'Upsample2d(×2 nearest) on [1, 2, 3, 2]', args: { scaleFactor: 2 }, inputs: [gen.uniform([1, 2, 3, 2])] },
      { label: 'Upsample2d([5, 4] bilinear) on [1, 3, 2, 2]', args: { size: [5, 4], mode: 'bilinear' }, inputs: [gen.uniform([1, 3, 2, 2])] },
      { label: 'Upsample2d(×2 bilinear, alignCorners) on [2, 2, 2, 1]', args: { scaleFactor: 2, mode: 'bilinear', alignCorners: true }, inputs: [gen.uniform([2, 2, 2, 1])] },
    ],
    trainEval: 'none',
  }),
  defineModule({
    name: 'Dropout2d',
    create: (p: number) => new cnn.Dropout2d(p),
    samples: (gen) => [{ label: 'Dropout2d(0.5) on [4, 2, 2, 6]', args: 0.5, inputs: [gen.nonzero([4, 2, 2, 6])] }],
    trainEval: 'random',
    checks: [{
      label: 'zeroes whole feature maps and scales the rest by 1/(1-p)',
      run: (module, [x]) => {
        const out = module.train().forward(x!).dataSync();
        const input = x!.dataSync();
        const [m, h, w, c] = x!.shape as [number, number, number, number];
        for (let n = 0; n < m; n++) {
          for (let ch = 0; ch < c; ch++) {
            const kept = new Set<boolean>();
            for (let p = 0; p < h * w; p++) {
              const i = (n * h * w + p) * c + ch;
              expect(out[i] === 0 || Math.abs(out[i]! - 2 * input[i]!) < 1e-12).toBe(true);
              kept.add(out[i] !== 0);
            }
            expect(kept.size, `map ${n}:${ch} is kept or dropped as a whole`).toBe(1);
          }
        }
        expect(Array.from(module.eval().forward(x!).dataSync())).toEqual(Array.from(input));
      },
    }],
  }),
  defineModule({
    name: 'SqueezeExcitation',
    create: ([c, s]: [number, number], dtype) => new cnn.SqueezeExcitation(c, s, { dtype }),
    samples: (gen) => [{ label: 'SqueezeExcitation(4, 2) on [2, 3, 3, 4]', args: [4, 2], inputs: [gen.uniform([2, 3, 3, 4])] }],
    trainEval: 'none',
  }),
  defineModule({
    name: 'BasicBlock',
    create: ([cIn, planes, stride]: [number, number, number], dtype) => new cnn.models.BasicBlock(cIn, planes, stride, { dtype }),
    samples: (gen) => [
      { label: 'BasicBlock(2, 2) identity shortcut on [2, 3, 3, 2]', args: [2, 2, 1], inputs: [gen.uniform([2, 3, 3, 2])] },
      { label: 'BasicBlock(2, 3, stride 2) projection shortcut on [2, 4, 4, 2]', args: [2, 3, 2], inputs: [gen.uniform([2, 4, 4, 2])] },
    ],
    trainEval: 'buffers',
  }),
  defineModule({
    name: 'Bottleneck',
    create: ([cIn, planes, stride]: [number, number, number], dtype) => new cnn.models.Bottleneck(cIn, planes, stride, { dtype }),
    samples: (gen) => [{ label: 'Bottleneck(3, 1, stride 2) on [2, 4, 4, 3]', args: [3, 1, 2], inputs: [gen.uniform([2, 4, 4, 3])] }],
    trainEval: 'buffers',
  }),
  defineModule({
    name: 'InvertedResidual',
    // BatchNorm biases moved off 0: in eval mode a zero map (ReLU6'd away) would otherwise sit
    // exactly on ReLU6's kink after the depthwise conv, where finite differences are meaningless.
    create: ([cIn, cOut, stride, t]: [number, number, 1 | 2, number], dtype) => {
      const block = new cnn.models.InvertedResidual(cIn, cOut, stride, t, { dtype });
      noGrad(() => block.namedParameters().filter(([name]) => name.endsWith('.bias')).forEach(([, b]) => b.assign(rand([...b.shape], { low: 0.2, high: 0.5, dtype }))));
      return block;
    },
    samples: (gen) => [
      { label: 'InvertedResidual(2, 2, t 3) residual on [2, 3, 3, 2]', args: [2, 2, 1, 3], inputs: [gen.uniform([2, 3, 3, 2])] },
      { label: 'InvertedResidual(2, 3, stride 2, t 1) on [2, 4, 4, 2]', args: [2, 3, 2, 1], inputs: [gen.uniform([2, 4, 4, 2])] },
    ],
    trainEval: 'buffers',
  }),
  defineModule({
    name: 'StochasticDepth',
    create: (p: number) => new cnn.StochasticDepth(p),
    samples: (gen) => [{ label: 'StochasticDepth(0.5) on [6, 2, 2, 3]', args: 0.5, inputs: [gen.nonzero([6, 2, 2, 3])] }],
    trainEval: 'random',
    checks: [{
      label: 'drops whole examples and scales the kept ones by 1/(1-p)',
      run: (module, [x]) => {
        const out = module.train().forward(x!).dataSync();
        const input = x!.dataSync();
        const per = input.length / x!.shape[0]!;
        for (let n = 0; n < x!.shape[0]!; n++) {
          const ratios = new Set(Array.from({ length: per }, (_, i) => Math.round((out[n * per + i]! / input[n * per + i]!) * 1e6) / 1e6));
          expect(ratios.size === 1 && (ratios.has(0) || ratios.has(2)), `example ${n}`).toBe(true);
        }
      },
    }],
  }),
  defineModule({
    name: 'BasicConv2d',
    create: ([cIn, cOut, k]: [number, number, number], dtype) => offKinks(new cnn.models.BasicConv2d(cIn, cOut, k, { padding: 1, dtype }), dtype),
    samples: (gen) => [{ label: 'BasicConv2d(2, 3, 3, padding 1) on [2, 3, 3, 2]', args: [2, 3, 3], inputs: [gen.uniform([2, 3, 3, 2])] }],
    trainEval: 'buffers',
  }),
  defineModule({
    name: 'Inception',
    create: (cIn: number, dtype) => offKinks(new cnn.models.Inception(cIn, { ch1x1: 1, ch3x3red: 2, ch3x3: 2, ch5x5red: 1, ch5x5: 1, poolProj: 1 }, { dtype }), dtype),
    samples: (gen) => [{ label: 'Inception(2 → 1 + 2 + 1 + 1) on [2, 3, 3, 2]', args: 2, inputs: [gen.distinct([2, 3, 3, 2])] }],
    trainEval: 'buffers',
  }),
  defineModule({
    name: 'DepthwiseSeparable',
    create: ([cIn, cOut, stride]: [number, number, 1 | 2], dtype) => offKinks(new cnn.models.DepthwiseSeparable(cIn, cOut, stride, { dtype }), dtype),
    samples: (gen) => [{ label: 'DepthwiseSeparable(2, 3, stride 2) on [2, 4, 4, 2]', args: [2, 3, 2], inputs: [gen.uniform([2, 4, 4, 2])] }],
    trainEval: 'buffers',
  }),
  defineModule({
    name: 'MBConv',
    create: ([cIn, cOut, k, stride, t]: [number, number, 3 | 5, 1 | 2, number], dtype) => new cnn.models.MBConv(cIn, cOut, k, stride, t, { dtype }),
    samples: (gen) => [
      { label: 'MBConv(4, 4, 3×3, t 2) residual on [2, 3, 3, 4]', args: [4, 4, 3, 1, 2], inputs: [gen.uniform([2, 3, 3, 4])] },
      { label: 'MBConv(2, 3, 5×5, stride 2, t 1) on [2, 4, 4, 2]', args: [2, 3, 5, 2, 1], inputs: [gen.uniform([2, 4, 4, 2])] },
    ],
    trainEval: 'buffers',
  }),
  activation('SiLU', () => new cnn.SiLU(), []),
  activation('Hardsigmoid', () => new cnn.Hardsigmoid(), [-3, 3]),
  activation('Hardswish', () => new cnn.Hardswish(), [-3, 3]),
  defineModule({
    name: 'DoubleConv',
    create: ([cIn, cOut]: [number, number], dtype) => offKinks(new cnn.models.DoubleConv(cIn, cOut, { dtype }), dtype),
    samples: (gen) => [{ label: 'DoubleConv(2, 3) on [2, 3, 3, 2]', args: [2, 3], inputs: [gen.uniform([2, 3, 3, 2])] }],
    trainEval: 'none',
  }),
  defineModule({
    name: 'UNetUp',
    create: ([cIn, cOut, upsampling]: [number, number, cnn.models.UNetUpsampling], dtype) => offKinks(new cnn.models.UNetUp(cIn, cOut, { upsampling, dtype }), dtype),
    samples: (gen): ModuleSample<[number, number, cnn.models.UNetUpsampling]>[] => [
      { label: 'UNetUp(4, 2, transpose) on [1, 2, 2, 4] + skip [1, 4, 4, 2]', args: [4, 2, 'transpose'], inputs: [gen.uniform([1, 2, 2, 4]), gen.uniform([1, 4, 4, 2])] },
      { label: 'UNetUp(4, 2, bilinear) on [1, 2, 2, 4] + skip [1, 4, 4, 2]', args: [4, 2, 'bilinear'], inputs: [gen.uniform([1, 2, 2, 4]), gen.uniform([1, 4, 4, 2])] },
    ],
    trainEval: 'none',
  }),
  defineModule({
    name: 'UNet',
    create: ([depth, upsampling]: [number, cnn.models.UNetUpsampling], dtype) => offKinks(cnn.models.unet({ inChannels: 1, numClasses: 3, depth, baseFilters: 2, upsampling, dtype }), dtype),
    samples: (gen): ModuleSample<[number, cnn.models.UNetUpsampling]>[] => [
      { label: 'unet(depth 1, 2 filters, transpose) on [1, 4, 4, 1]', args: [1, 'transpose'], inputs: [gen.uniform([1, 4, 4, 1])] },
      { label: 'unet(depth 2, 2 filters, bilinear) on [1, 4, 4, 1]', args: [2, 'bilinear'], inputs: [gen.uniform([1, 4, 4, 1])] },
    ],
    trainEval: 'none',
    checks: [{
      label: 'keeps the input size and names its parts as the diagram does (down.k, up.k, head)',
      run: (module, [x]) => {
        expect(module.forward(x!).shape).toEqual([1, 4, 4, 3]);
        expect(Object.keys(module.stateDict()).filter((k) => k.endsWith('weight')).map((k) => k.split('.')[0])).toEqual(expect.arrayContaining(['down', 'up', 'head']));
      },
    }],
  }),
  defineModule({
    name: 'Siamese',
    create: ([d, normalize]: [number, boolean], dtype) => new cnn.Siamese(new nn.Linear(d, 3, { dtype }), { normalize }),
    samples: (gen): ModuleSample<[number, boolean]>[] => [
      { label: 'Siamese(Linear(4, 3)) normalized on [3, 4] × 2', args: [4, true], inputs: [gen.uniform([3, 4]), gen.uniform([3, 4])] },
      { label: 'Siamese(Linear(4, 3)) raw on [3, 4] × 2', args: [4, false], inputs: [gen.uniform([3, 4]), gen.uniform([3, 4])] },
    ],
    call: (module, [x1, x2]) => concat((module as cnn.Siamese).forward(x1!, x2!), 1),
    trainEval: 'none',
    checks: [{
      label: 'one encoder for both inputs: the same input gives the same embedding, and one weight in the state dict',
      run: (module, [x1]) => {
        const [a, b] = (module as cnn.Siamese).forward(x1!, x1!);
        expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
        expect(Object.keys(module.stateDict())).toEqual(['encoder.weight', 'encoder.bias']);
      },
    }],
  }),
  defineModule({
    name: 'VerificationHead',
    create: (d: number, dtype) => new cnn.VerificationHead(d, { dtype }),
    samples: (gen) => [{ label: 'VerificationHead(3) on [4, 3] × 2', args: 3, inputs: [gen.distinct([4, 3]), gen.distinct([4, 3])] }],
    trainEval: 'none',
  }),
];
