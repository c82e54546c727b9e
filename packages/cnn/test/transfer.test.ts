/**
 * Transfer learning: replaceHead swaps the classifier; with the backbone frozen, backward runs no
 * kernel for it (counted on a backend that records every kernel call) and its parameters get no
 * gradient; training the new head alone learns.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { crossEntropy, getBackend, loadSafetensors, manualSeed, nn, noGrad, randn, registerBackend, setBackend, tensor, ValueError, type Backend, type Tensor } from '@dlkit/core';
import { loadTorchStateDict, models, replaceHead } from '../src/index.js';

/** A copy of the current backend that counts the kernels called while `recording` is on. */
const calls: string[] = [];
let recording = false;
const base = getBackend();
const counting = Object.fromEntries(Object.entries(base).map(([key, value]) => [
  key,
  typeof value === 'function' ? (...args: unknown[]) => { if (recording) calls.push(key); return (value as (...a: unknown[]) => unknown).apply(base, args); } : value,
])) as unknown as Backend;
Object.assign(counting, { name: 'counting-kernels' });
registerBackend(counting);
afterAll(() => setBackend(base.name));

/** The kernels one `loss.backward()` runs. */
function backwardKernels(loss: Tensor): string[] {
  calls.length = 0;
  recording = true;
  try {
    loss.backward();
  } finally {
    recording = false;
  }
  return [...calls];
}

/** Dotted names of every parameter that takes part in `t`'s gradient graph. */
function paramsInGraph(t: Tensor, model: nn.Module<unknown[], unknown>): string[] {
  const names = new Map(model.namedParameters().map(([n, p]) => [p, n] as const));
  const seen = new Set<Tensor>();
  const found = new Set<string>();
  const stack = [t];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if (names.has(node)) found.add(names.get(node)!);
    if (node.gradFn) stack.push(...node.gradFn.inputs);
  }
  return [...found].sort();
}

describe('replaceHead', () => {
  it("replaces the last Linear (ResNet's fc, MobileNet's classifier.1) or a named module; state-dict keys follow", () => {
    manualSeed(0);
    const resnet = models.resnet18();
    const head = new nn.Linear(512, 3);
    const { name, old } = replaceHead(resnet, head);
    expect(name).toBe('fc');
    expect((old as nn.Linear).outFeatures).toBe(1000);
    expect(resnet.fc).toBe(head);
    expect(resnet.stateDict()['fc.weight']!.shape).toEqual([3, 512]);

    const mobile = models.mobilenetV2({ widthMult: 0.25 });
    expect(replaceHead(mobile, new nn.Linear(1280, 5)).name).toBe('classifier.1');
    expect(mobile.stateDict()['classifier.1.weight']!.shape).toEqual([5, 1280]);
    expect(noGrad(() => mobile.eval().forward(randn([1, 32, 32, 3]))).shape).toEqual([1, 5]);

    const two = new nn.Sequential(new nn.Linear(4, 2), new nn.ReLU());
    replaceHead(two, new nn.Linear(4, 6), '0');
    expect(two.stateDict()['0.weight']!.shape).toEqual([6, 4]);
    expect(() => replaceHead(resnet, head, 'layer9.fc')).toThrow(ValueError);
    expect(() => replaceHead(new nn.Sequential(new nn.ReLU()), head)).toThrow(/no Linear layer/);
  });
});

describe('a frozen backbone gets no gradient work', () => {
  it('backward runs no kernel for frozen layers, builds no gradient node for their parameters, leaves their .grad null', () => {
    setBackend(counting.name);
    manualSeed(1);
    const x = randn([4, 32, 32, 3]);
    const y = tensor([0, 1, 2, 1], { dtype: 'int32' });
    const build = (): models.MobileNetV2 => models.mobilenetV2({ widthMult: 0.35, numClasses: 3 }).train();

    const full = build();
    const fullKernels = backwardKernels(crossEntropy(full.forward(x), y));

    const frozen = build().freeze();
    replaceHead(frozen, new nn.Linear(1280, 3));
    const loss = crossEntropy(frozen.forward(x), y);
    expect(paramsInGraph(loss, frozen)).toEqual(['classifier.1.bias', 'classifier.1.weight']);
    const frozenKernels = backwardKernels(loss);
    setBackend(base.name);

    const conv = (ks: string[]): number => ks.filter((k) => k.toLowerCase().includes('conv')).length;
    console.log(`backward kernels: full ${fullKernels.length} (${conv(fullKernels)} conv), frozen backbone ${frozenKernels.length} (${conv(frozenKernels)} conv)`);
    expect(conv(fullKernels)).toBeGreaterThan(50);
    expect(conv(frozenKernels)).toBe(0);
    expect(frozenKernels.length).toBeLessThan(fullKernels.length / 20);
    for (const [name, p] of frozen.namedParameters()) {
      if (name.startsWith('classifier.1.')) expect(p.grad, name).not.toBeNull();
      else expect(p.grad, name).toBeNull();
    }
  });

  it('training only the new head learns, and the backbone stays bit-for-bit the same', () => {
    manualSeed(2);
    // "Pretrained": torchvision's MobileNetV2(width_mult=0.25) with calibrated batch norms (the parity fixture).
    const backbone = models.mobilenetV2({ widthMult: 0.25, numClasses: 10 });
    const fixture = loadSafetensors(readFileSync(new URL('../../../tools/fixtures/cnn/torchvision-small.safetensors', import.meta.url))).tensors;
    loadTorchStateDict(backbone, Object.fromEntries(Object.entries(fixture).filter(([k]) => k.startsWith('mobilenet_v2/')).map(([k, t]) => [k.slice('mobilenet_v2/'.length), t])));
    backbone.eval().freeze();
    const head = new nn.Linear(1280, 2);
    replaceHead(backbone, head);
    const before = backbone.features.parameters().map((p) => Array.from(p.dataSync()));
    // Two classes that differ in brightness: the frozen features separate them, the head learns to.
    const x = randn([16, 32, 32, 3]).add(tensor(Array.from({ length: 16 }, (_, i) => (i % 2 ? 0.8 : -0.8)), { shape: [16, 1, 1, 1] }));
    const y = tensor(Array.from({ length: 16 }, (_, i) => i % 2), { dtype: 'int32' });
    const features = noGrad(() => backbone.features.forward(x)); // frozen: computed once
    const pooled = features.mean([1, 2]);
    const lossAt = (): number => noGrad(() => crossEntropy(head.forward(pooled), y).item());
    const first = lossAt();
    for (let step = 0; step < 60; step++) {
      head.zeroGrad();
      crossEntropy(head.forward(pooled), y).backward();
      noGrad(() => head.parameters().forEach((p) => p.assign(p.sub(p.grad!.mul(0.5)))));
    }
    const last = lossAt();
    console.log(`head-only training: loss ${first.toFixed(4)} → ${last.toExponential(2)}`);
    expect(last).toBeLessThan(first * 0.5);
    expect(backbone.features.parameters().map((p) => Array.from(p.dataSync()))).toEqual(before);
  });
});
