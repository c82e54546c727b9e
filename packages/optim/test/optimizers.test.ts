import { describe, expect, it } from 'vitest';
import { nn, noGrad, ShapeError, tensor, ValueError, zeros, type Tensor } from '@dlkit/core';
import { Adagrad, Adam, AdamW, Momentum, RMSprop, SGD, weightDecayGroups } from '@dlkit/optim';

const param = (values: number[]): Tensor => tensor(values, { dtype: 'float64', requiresGrad: true });
const withGrad = (p: Tensor, g: number[]): void => {
  p.grad = tensor(g, { dtype: 'float64' });
};

describe('optimizer API', () => {
  it('step updates in place (same tensor object) and skips parameters without a gradient', () => {
    const a = param([1, 2]);
    const b = param([3]);
    const optimizer = new SGD([a, b], { lr: 0.5 });
    withGrad(a, [1, -1]);
    optimizer.step();
    expect(a.toArray()).toEqual([0.5, 2.5]);
    expect(b.toArray()).toEqual([3]);
    expect(optimizer.parameters[0]).toBe(a);
    optimizer.zeroGrad();
    expect(a.grad).toBeNull();
  });

  it('param groups override defaults per group; lr setter changes every group', () => {
    const w = param([1]);
    const bias = param([1]);
    const optimizer = new SGD([{ params: [w] }, { params: [bias], lr: 1 }], { lr: 0.1 });
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.1, 1]);
    withGrad(w, [1]);
    withGrad(bias, [1]);
    optimizer.step();
    expect(w.item()).toBeCloseTo(0.9, 12);
    expect(bias.item()).toBeCloseTo(0, 12);
    optimizer.lr = 0.01;
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.01, 0.01]);
    expect(optimizer.lr).toBe(0.01);
  });

  it('addParamGroup trains new tensors from then on and refuses duplicates', () => {
    const a = param([1]);
    const b = param([1]);
    const optimizer = new Adam([a], { lr: 0.1 });
    optimizer.addParamGroup({ params: [b], lr: 0.2 });
    expect(optimizer.paramGroups).toHaveLength(2);
    expect(() => optimizer.addParamGroup({ params: [a] })).toThrow(/already in another group/);
  });

  it('weightDecayGroups puts matrices in a decayed group and biases/norms in an undecayed one', () => {
    const model = new nn.Sequential(new nn.Linear(3, 4), new nn.LayerNorm(4), new nn.Linear(4, 2));
    const groups = weightDecayGroups(model, { weightDecay: 0.01 });
    expect(groups.map((g) => [...g.params].length)).toEqual([2, 4]);
    const optimizer = new AdamW(groups, { lr: 1e-3 });
    expect(optimizer.paramGroups.map((g) => g.weightDecay)).toEqual([0.01, 0]);
  });

  it('stateDict holds options and state; loadStateDict validates before changing anything', () => {
    const a = param([1, 2]);
    const optimizer = new Adam([a], { lr: 0.1 });
    withGrad(a, [0.5, -0.5]);
    optimizer.step();
    const saved = optimizer.stateDict();
    expect(saved.paramGroups[0]).toMatchObject({ lr: 0.1, betas: [0.9, 0.999], params: [0] });
    expect(saved.state[0]!.step).toBe(1);
    const other = new Adam([param([0, 0, 0])]);
    expect(() => other.loadStateDict(saved)).toThrow(ShapeError);
    expect(other.stateDict().state).toEqual({});
    expect(() => new Adam([a, param([1])]).loadStateDict(saved)).toThrow(/group 0 has 2 parameters/);
    const fresh = new Adam([param([1, 2])], { lr: 0.5 });
    fresh.loadStateDict(saved);
    expect(fresh.lr).toBe(0.1);
  });

  it('rejects bad options and bad parameters with the optimizer\'s name', () => {
    const p = param([1]);
    expect(() => new SGD([p], { lr: -1 })).toThrow(/SGD: lr must be/);
    expect(() => new SGD([p], { lr: 0.1, nesterov: true })).toThrow(/SGD: nesterov needs momentum > 0/);
    expect(() => new Adam([p], { betas: [1, 0.999] })).toThrow(/Adam: betas\[0\] must be in \[0, 1\)/);
    expect(() => new RMSprop([p], { alpha: 1.5 })).toThrow(ValueError);
    expect(() => new Momentum([p], { beta: -0.1 })).toThrow(/Momentum: beta/);
    expect(() => new Adagrad([p], { eps: -1 })).toThrow(/Adagrad: eps/);
    expect(() => new SGD([])).toThrow(/empty parameter list/);
    expect(() => new SGD([p, p])).toThrow(/appears twice/);
    expect(() => new SGD([zeros([2], { dtype: 'int32' })])).toThrow(/only float32\/float64/);
    const q = param([1, 2]);
    const optimizer = new SGD([q]);
    q.grad = tensor([1, 2, 3], { dtype: 'float64' });
    expect(() => optimizer.step()).toThrow(/does not match its parameter/);
    optimizer.paramGroups[0]!.lr = Number.NaN;
    q.grad = tensor([1, 2], { dtype: 'float64' });
    expect(() => optimizer.step()).toThrow(/lr must be a finite number/);
  });

  it('works on float32 parameters of any rank and trains a frozen-free subset', () => {
    const w = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const frozen = tensor([5], { requiresGrad: true });
    const optimizer = new RMSprop([w, frozen], { lr: 0.1 });
    const loss = noGrad(() => w.sum());
    expect(loss.requiresGrad).toBe(false);
    w.square().sum().backward();
    optimizer.step();
    expect(w.dtype).toBe('float32');
    expect(frozen.item()).toBe(5);
    expect((w.toArray() as number[][])[0]![0]!).toBeLessThan(1);
  });

  it("the course's momentum with α equals PyTorch's (SGD momentum) with α·(1 − β)", () => {
    const a = param([3, -2]);
    const b = param([3, -2]);
    const c = param([3, -2]);
    const ewa = new Momentum([a], { lr: 0.1, beta: 0.9 });
    const sgd = new SGD([b], { lr: 0.01, momentum: 0.9 });
    const torchForm = new Momentum([c], { lr: 0.01, beta: 0.9, form: 'pytorch' });
    for (let i = 0; i < 20; i++) {
      for (const [p, o] of [[a, ewa], [b, sgd], [c, torchForm]] as const) {
        o.zeroGrad();
        p.square().sum().backward();
        o.step();
      }
    }
    const [x, y, z] = [a, b, c].map((p) => Array.from(p.dataSync()));
    x!.forEach((v, i) => expect(v).toBeCloseTo(y![i]!, 12));
    expect(z).toEqual(y);
  });
});
