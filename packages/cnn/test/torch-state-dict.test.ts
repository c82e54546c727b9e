/**
 * loadTorchStateDict / toTorchStateDict with a small PyTorch CNN's weights
 * (tools/fixtures/cnn/generate_torch_cnn.py): every layout conversion, typed errors, no partial loads.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DTypeError, loadSafetensors, maxPool2d, nn, noGrad, ShapeError, tensor, ValueError, zeros, type Tensor } from '@dlkit/core';
import { Conv2d, ConvTranspose2d, loadTorchStateDict, toTorchStateDict, type FlattenShapes } from '../src/index.js';

const dir = new URL('../../../tools/fixtures/cnn/', import.meta.url);
const torchState = (): Record<string, Tensor> => loadSafetensors(readFileSync(new URL('small-cnn.safetensors', dir))).tensors;
const golden = JSON.parse(readFileSync(new URL('small-cnn.json', dir), 'utf8')) as { xNHWC: number[]; logits: number[] };

/** The generator's SmallCnn, NHWC. */
class SmallCnn extends nn.Module {
  conv1 = new Conv2d(3, 8, 3, { padding: 1 });
  bn1 = new nn.BatchNorm2d(8);
  conv2 = new Conv2d(8, 8, 3, { padding: 1, groups: 2, bias: false });
  bn2 = new nn.BatchNorm2d(8);
  up = new ConvTranspose2d(8, 4, 2, { stride: 2 });
  fc1 = new nn.Linear(64, 16);
  fc2 = new nn.Linear(16, 10);
  readonly torchFlattenShapes: FlattenShapes = { fc1: [4, 4, 4] };

  forward(x: Tensor): Tensor {
    let h = maxPool2d(this.bn1.forward(this.conv1.forward(x)).relu(), { size: 2 });
    h = this.bn2.forward(this.conv2.forward(h)).relu();
    h = maxPool2d(this.up.forward(h), { size: 2 });
    return this.fc2.forward(this.fc1.forward(h.reshape([h.shape[0]!, -1])).relu());
  }
}

describe('loadTorchStateDict', () => {
  it("gives PyTorch's logits (eval mode, running statistics) to 1e-4", () => {
    const model = new SmallCnn();
    loadTorchStateDict(model, torchState());
    const logits = noGrad(() => model.eval().forward(tensor(golden.xNHWC, { shape: [2, 8, 8, 3] })));
    const got = logits.dataSync();
    const worst = golden.logits.reduce((m, e, i) => Math.max(m, Math.abs(got[i]! - e)), 0);
    console.log(`small CNN logits vs PyTorch: max abs error ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-4);
    expect(model.bn1.numBatchesTracked.item()).toBe(3);
  });

  it('toTorchStateDict gives back the PyTorch tensors exactly', () => {
    const model = new SmallCnn();
    const state = torchState();
    loadTorchStateDict(model, state);
    const back = toTorchStateDict(model);
    expect(Object.keys(back).sort()).toEqual(Object.keys(state).sort());
    for (const [key, t] of Object.entries(state)) {
      expect(back[key]!.shape, key).toEqual(t.shape);
      expect(Array.from(back[key]!.dataSync()), key).toEqual(Array.from(t.dataSync()));
    }
  });

  it('without the flatten shape the Linear columns stay in NCHW order and the logits differ', () => {
    const model = new SmallCnn();
    loadTorchStateDict(model, torchState(), { flattenShapes: {} });
    const got = noGrad(() => model.eval().forward(tensor(golden.xNHWC, { shape: [2, 8, 8, 3] }))).dataSync();
    expect(golden.logits.some((e, i) => Math.abs(got[i]! - e) > 1e-3)).toBe(true);
  });

  it('checks every key, shape and dtype before assigning anything', () => {
    const model = new SmallCnn();
    const before = Array.from(model.conv1.weight.dataSync());
    const unchanged = (): void => expect(Array.from(model.conv1.weight.dataSync())).toEqual(before);

    const { 'fc2.bias': _dropped, ...missing } = torchState();
    expect(() => loadTorchStateDict(model, missing)).toThrow(ValueError);
    expect(() => loadTorchStateDict(model, missing)).toThrow(/missing: \[fc2\.bias\]/);
    expect(() => loadTorchStateDict(model, { ...torchState(), extra: zeros([1]) })).toThrow(/unexpected: \[extra\]/);
    // conv1.weight is fine; a later key has the wrong shape: nothing is assigned.
    expect(() => loadTorchStateDict(model, { ...torchState(), 'conv2.weight': zeros([8, 8, 3, 3]) })).toThrow(ShapeError);
    expect(() => loadTorchStateDict(model, { ...torchState(), 'conv2.weight': zeros([8, 8, 3, 3]) })).toThrow(/'conv2\.weight' expects PyTorch shape \[8,4,3,3\] \(dlkit \[3,3,4,8\]\), got \[8,8,3,3\]/);
    expect(() => loadTorchStateDict(model, { ...torchState(), 'fc2.bias': zeros([10], { dtype: 'int32' }) })).toThrow(DTypeError);
    expect(() => loadTorchStateDict(model, torchState(), { flattenShapes: { conv1: [1, 1, 1] } })).toThrow(/not a Linear layer/);
    expect(() => loadTorchStateDict(model, torchState(), { flattenShapes: { fc1: [2, 2, 4] } })).toThrow(/has 16 values, the Linear takes 64/);
    unchanged();
  });
});
