/**
 * torchvision weight parity (tools/fixtures/cnn/generate_torchvision.py): models and blocks built
 * from torchvision 0.14's own classes, weights saved as safetensors, loaded here through
 * loadTorchStateDict; dlkit's eval-mode outputs on the same NHWC input match PyTorch's (NCHW).
 * The full-size resnet18 / mobilenet_v2 / efficientnet_b0 / googlenet files are too large to
 * commit: their tests run when `generate_torchvision.py --full` has written them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSafetensors, nn, noGrad, tensor, type FloatDType, type Tensor } from '@dlkit/core';
import { loadTorchStateDict, MaxPool2d, models } from '../src/index.js';

const dir = new URL('../../../tools/fixtures/cnn/', import.meta.url);

interface Case { inputShapeNHWC: number[]; xNHWC: number[]; logits?: number[]; outNHWC?: number[]; out64NHWC?: number[] }
const small = JSON.parse(readFileSync(new URL('torchvision-small.json', dir), 'utf8')) as { cases: Record<string, Case> };
const smallTensors = loadSafetensors(readFileSync(new URL('torchvision-small.safetensors', dir))).tensors;

/** The `<model>/` entries of the small fixture, prefix removed. */
function stateOf(model: string): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(smallTensors).filter(([k]) => k.startsWith(`${model}/`)).map(([k, t]) => [k.slice(model.length + 1), t]));
}

/** Largest |dlkit − PyTorch| of `model`'s eval-mode output on the case's input. */
function maxError(model: nn.Module<unknown[], unknown>, c: Case, expected: readonly number[], dtype: FloatDType = 'float32'): number {
  const out = noGrad(() => model.eval().forward(tensor(c.xNHWC, { shape: c.inputShapeNHWC, dtype }))) as Tensor;
  const got = out.dataSync();
  expect(got.length).toBe(expected.length);
  return expected.reduce((m, e, i) => Math.max(m, Math.abs(got[i]! - e)), 0);
}

const inceptionNet = (dtype: FloatDType): nn.Sequential => new nn.Sequential(
  new models.BasicConv2d(3, 8, 3, { padding: 1, dtype }),
  new MaxPool2d(3, { stride: 2, ceilMode: true }),
  new models.Inception(8, { ch1x1: 4, ch3x3red: 4, ch3x3: 8, ch5x5red: 2, ch5x5: 4, poolProj: 4 }, { dtype }),
);
const blocks = (dtype: FloatDType): nn.Sequential => new nn.Sequential(new models.BasicBlock(4, 8, 2, { dtype }), new models.Bottleneck(8, 4, 1, { dtype }));

describe('small torchvision models and blocks, loaded through loadTorchStateDict', () => {
  it.each([
    ['blocks', 'BasicBlock (stride 2, projection) + Bottleneck', () => blocks('float32')],
    ['inception', 'BasicConv2d + ceil-mode max pool + Inception', () => inceptionNet('float32')],
    ['mobilenet_v2', 'MobileNetV2(width_mult=0.25, 10 classes)', () => models.mobilenetV2({ widthMult: 0.25, numClasses: 10 })],
    ['efficientnet', 'EfficientNet B0 stages at width 0.25, depth 0.34', () => new models.EfficientNet({ widthMult: 0.25, depthMult: 0.34, resolution: 32, dropout: 0.2 }, { numClasses: 10 })],
  ] as const)("%s (%s): PyTorch's eval outputs to 1e-4 in float32", (name, _what, make) => {
    const model = make();
    loadTorchStateDict(model, stateOf(name));
    const c = small.cases[name]!;
    const worst = maxError(model, c, c.logits ?? c.outNHWC!);
    console.log(`${name} vs torchvision (float32): max abs error ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-4);
  });

  it.each([['blocks', blocks], ['inception', inceptionNet]] as const)('%s in float64: to 1e-12', (name, make) => {
    const model = make('float64');
    loadTorchStateDict(model, stateOf(name));
    const c = small.cases[name]!;
    const worst = maxError(model, c, c.out64NHWC!, 'float64');
    console.log(`${name} vs torchvision (float64): max abs error ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-12);
  });
});

const fullDir = new URL('full/', dir);
const haveFull = existsSync(new URL('full.json', fullDir));
if (!haveFull) {
  console.log('full-size torchvision parity skipped: tools/fixtures/cnn/full/ is absent (the weights are ~110 MB, not committed); run `/usr/bin/python3 tools/fixtures/cnn/generate_torchvision.py --full` to write them');
}

describe.skipIf(!haveFull)('full-size torchvision models (generate_torchvision.py --full)', () => {
  const full = (): { inputShapeNHWC: number[]; xNHWC: number[]; logits: Record<string, number[]> } => JSON.parse(readFileSync(new URL('full.json', fullDir), 'utf8'));
  it.each([
    ['resnet18', () => models.resnet18()],
    ['mobilenet_v2', () => models.mobilenetV2()],
    ['efficientnet_b0', () => models.efficientnetB0()],
    ['googlenet', () => models.googlenet()],
  ] as const)("%s: PyTorch's logits (1000 classes, 96×96 image) to 1e-4", (name, make) => {
    const model = make();
    loadTorchStateDict(model, loadSafetensors(readFileSync(new URL(`${name}.safetensors`, fullDir))).tensors);
    const golden = full();
    const worst = maxError(model, { inputShapeNHWC: golden.inputShapeNHWC, xNHWC: golden.xNHWC }, golden.logits[name]!);
    console.log(`${name} (full size) vs torchvision: max abs logit error ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-4);
  }, 60_000);
});
