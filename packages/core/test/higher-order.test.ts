import { describe, expect, it } from 'vitest';
import {
  ValueError, avgPool2d, grad, gradcheck, gradgradcheck, gradients, matmul, maxPool2d, randn, tensor, valueAndGrad,
  type Tensor,
} from '@dlkit/core';

const f64 = { dtype: 'float64' } as const;
const values = (t: Tensor): number[] => Array.from(t.dataSync());

describe('nested grad', () => {
  it("gives the issue's second derivative d²/dx² x³ = 6x = 12 at 2 with createGraph on the inner call", () => {
    const outer = grad((x) => grad((y) => y.pow(3).sum(), { createGraph: true })([x])[0]!.sum());
    expect(values(outer([tensor([2])])[0]!)).toEqual([12]);
  });

  it('raises a ValueError naming createGraph instead of a silent 0 when the inner call lacks it', () => {
    const outer = grad((x) => grad((y) => y.pow(3).sum())([x])[0]!.sum());
    expect(() => outer([tensor([2])])).toThrow(ValueError);
    expect(() => outer([tensor([2])])).toThrow(/grad: input 0 depends on the inputs of an enclosing grad\(\)\/valueAndGrad\(\); higher-order gradients need createGraph: true/);
  });

  it('raises as well when the inner function closes over the outer input, or gradients() runs inside without createGraph', () => {
    const closing = (createGraph: boolean) => grad((x) => grad((c) => c.mul(x).sum(), { createGraph })([tensor([1])])[0]!.sum());
    expect(() => closing(false)([tensor([3])])).toThrow(/grad: this backward pass runs inside a grad\(\)\/valueAndGrad\(\) function and depends on its inputs; higher-order gradients need createGraph: true/);
    expect(values(closing(true)([tensor([3])])[0]!)).toEqual([1]);
    const viaGradients = (createGraph: boolean) => grad((x) => gradients(x.pow(3).sum(), [x], { createGraph })[0]!.sum());
    expect(() => viaGradients(false)([tensor([2])])).toThrow(/gradients: this backward pass runs inside a grad\(\)/);
    expect(values(viaGradients(true)([tensor([2])])[0]!)).toEqual([12]);
  });

  it('lets an inner grad without createGraph differentiate tensors unrelated to the outer inputs', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const outer = grad((x) => {
      const [dw] = grad((p) => p.square().sum())([w]);
      return x.mul(dw!.sum()).sum();
    });
    expect(values(outer([tensor([5])])[0]!)).toEqual([6]);
  });

  it('nests three deep: d³/dx³ x⁴ = 24x', () => {
    const d = (fn: (x: Tensor) => Tensor, createGraph: boolean) => (x: Tensor): Tensor =>
      grad((y) => fn(y).sum(), { createGraph })([x])[0]!;
    const third = d(d(d((x) => x.pow(4), true), true), false);
    expect(values(third(tensor([1.5, -2], f64)))).toEqual([36, -48]);
  });

  it('valueAndGrad with createGraph keeps the value on the graph of an enclosing grad', () => {
    // d/dx [f(x) + f'(x)] for f = x³: 3x² + 6x = 24 at x = 2
    const outer = grad((x) => {
      const [value, [dx]] = valueAndGrad((y) => y.pow(3).sum(), { createGraph: true })([x]);
      return value.add(dx!.sum());
    });
    expect(values(outer([tensor([2])])[0]!)).toEqual([24]);
  });

  it('gives each argument its own partial derivative when one tensor is passed twice', () => {
    const outer = grad((x) => grad((a, b) => a!.mul(b!.square()).sum(), { createGraph: true })([x, x])[0]!.sum());
    // inner ∂/∂a (a·b²) = b² → d/dx x² = 2x
    expect(values(outer([tensor([3])])[0]!)).toEqual([6]);
  });
});

describe('backward({ createGraph })', () => {
  it('leaves a differentiable .grad', () => {
    const x = tensor([2, -1], { requiresGrad: true, dtype: 'float64' });
    x.pow(3).sum().backward({ createGraph: true });
    const dx = x.grad!;
    expect(values(dx)).toEqual([12, 3]);
    expect(dx.requiresGrad).toBe(true);
    x.zeroGrad();
    dx.sum().backward();
    expect(values(x.grad!)).toEqual([12, -6]);
  });

  it('still takes the upstream gradient positionally or as { gradient }', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    x.mul(3).backward(tensor([1, 10]));
    x.mul(3).backward({ gradient: tensor([1, 10]) });
    expect(values(x.grad!)).toEqual([6, 60]);
  });
});

describe('gradients()', () => {
  it('returns gradients of several outputs without touching .grad', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const w = tensor([3, 4], { requiresGrad: true });
    const [dx, dw] = gradients([x.mul(w).sum(), x.square().sum()], [x, w]);
    expect(values(dx!)).toEqual([5, 8]);
    expect(values(dw!)).toEqual([1, 2]);
    expect(x.grad).toBeNull();
    expect(w.grad).toBeNull();
    expect(dx!.requiresGrad).toBe(false);
  });

  it('weights outputs by gradOutputs, and differentiates with respect to intermediate tensors', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const h = x.mul(2);
    const [dh, dx] = gradients(h.square(), [h, x], { gradOutputs: tensor([1, 0, -1]) });
    expect(values(dh!)).toEqual([4, 0, -12]);
    expect(values(dx!)).toEqual([8, 0, -24]);
  });

  it('reports an input the outputs do not use, or returns null for it with allowUnused', () => {
    const x = tensor([1], { requiresGrad: true });
    const unused = tensor([1], { requiresGrad: true });
    expect(() => gradients(x.square().sum(), [x, unused])).toThrow(/gradients: input 1 is not used to compute the outputs.*allowUnused: true/);
    const [dx, none] = gradients(x.square().sum(), [x, unused], { allowUnused: true });
    expect(values(dx!)).toEqual([2]);
    expect(none).toBeNull();
  });

  it('rejects inputs that do not require grad, outputs without a graph and mismatched gradOutputs', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => gradients(x.sum(), [tensor([1, 2])])).toThrow(/gradients: input 0 \(float32 \[2\]\) does not require grad/);
    expect(() => gradients(tensor([1]).sum(), [x])).toThrow(/gradients: this tensor does not require grad/);
    expect(() => gradients(x.mul(2), [x])).toThrow(/gradients: gradient can be implied only for a one-element tensor, got shape \[2\]/);
    expect(() => gradients([x.sum(), x.sum()], [x], { gradOutputs: [tensor(1)] })).toThrow(/gradients: got 1 gradOutputs for 2 outputs/);
  });

  it('computes Hessian-vector products: H·v of f(x) = Σx³ + (a·x)² is 6x⊙v + 2a(a·v)', () => {
    const x = tensor([1, -2, 0.5], { requiresGrad: true, dtype: 'float64' });
    const a = tensor([2, 1, -1], f64);
    const v = tensor([0.5, 1, 2], f64);
    const f = x.pow(3).sum().add(x.mul(a).sum().square());
    const [g] = gradients(f, [x], { createGraph: true });
    const [hv] = gradients(g!.mul(v).sum(), [x]);
    const av = 2 * 0.5 + 1 * 1 - 1 * 2;
    const expected = [6 * 1 * 0.5 + 2 * 2 * av, 6 * -2 * 1 + 2 * 1 * av, 6 * 0.5 * 2 + 2 * -1 * av];
    values(hv!).forEach((h, i) => expect(h).toBeCloseTo(expected[i]!, 12));
  });

  it('differentiates a gradient penalty d/dw ‖∂L/∂x‖² (WGAN-GP style), checked by finite differences', () => {
    const x = randn([4, 3], { seed: 1, dtype: 'float64' });
    const w = randn([3, 2], { seed: 2, dtype: 'float64' });
    const loss = (input: Tensor, weight: Tensor): Tensor => matmul(input, weight).tanh().sum();
    const penalty = (weight: Tensor): Tensor => grad((input) => loss(input, weight), { createGraph: true })([x])[0]!.square().sum();
    const check = gradcheck(penalty, [w]);
    expect(check.ok, JSON.stringify(check.inputs)).toBe(true);
    // The same through gradients() and backward(): w.grad is the penalty's gradient.
    const xs = x.detach();
    xs.requiresGrad = true;
    const weight = w.detach();
    weight.requiresGrad = true;
    const [dx] = gradients(loss(xs, weight), [xs], { createGraph: true });
    dx!.square().sum().backward();
    const [expected] = grad(penalty)([w]);
    values(weight.grad!).forEach((g, i) => expect(g).toBeCloseTo(values(expected!)[i]!, 12));
  });
});

describe('second derivatives at kinks', () => {
  const hessianDiagonal = (fn: (x: Tensor) => Tensor, x: Tensor): number[] =>
    values(grad((y) => grad((z) => fn(z).sum(), { createGraph: true })([y])[0]!.sum())([x])[0]!);

  it('relu, abs, clip and max have zero second derivative away from their kinks', () => {
    const x = tensor([-1.5, -0.25, 0.75, 2], f64);
    expect(hessianDiagonal((t) => t.relu(), x)).toEqual([0, 0, 0, 0]);
    expect(hessianDiagonal((t) => t.abs(), x)).toEqual([0, 0, 0, 0]);
    expect(hessianDiagonal((t) => t.clip(-1, 1), x)).toEqual([0, 0, 0, 0]);
    expect(hessianDiagonal((t) => t.max(), x)).toEqual([0, 0, 0, 0]);
    expect(hessianDiagonal((t) => t.maximum(0.5), x)).toEqual([0, 0, 0, 0]);
  });

  it('gradgradcheck passes on smooth compositions and catches a wrong second derivative', () => {
    const x = randn([2, 3], { seed: 3, dtype: 'float64' });
    expect(gradgradcheck((t) => t.tanh().mul(t.sigmoid()).softmax(), [x]).ok).toBe(true);
    // A first-order-only gradient: detach() inside hides the second derivative from autograd.
    const result = gradgradcheck((t) => t.mul(t.detach()).mul(t), [x]);
    expect(result.ok).toBe(false);
    expect(result.inputs.map((r) => r.input)).toEqual([0, 1]);
  });
});

describe('pooling double backward', () => {
  it("maxPool2d: the gradient of its backprop reads g at the maxima the kernel routes to (ties, NaN, -Infinity, padding)", () => {
    const x = tensor([0, -1, 2, 2, -1, 0, 2, NaN, -Infinity, -Infinity, 5, 5, -Infinity, -Infinity, 5, 5], { ...f64, shape: [1, 4, 4, 1] });
    const g = randn([...x.shape], { seed: 5, dtype: 'float64' });
    const firstOrder = (options: Parameters<typeof maxPool2d>[1], dy: Tensor): Tensor => {
      const input = x.detach();
      input.requiresGrad = true;
      return gradients(maxPool2d(input, options), [input], { gradOutputs: dy, createGraph: dy.requiresGrad })[0]!;
    };
    for (const options of [{ size: 2, strides: 1 }, { size: 2, padding: 'same' as const }, { size: 3, strides: 1, padding: 1 }]) {
      const outShape = maxPool2d(x, options).shape;
      const dy = randn([...outShape], { seed: 4, dtype: 'float64' });
      dy.requiresGrad = true;
      const [adjoint] = gradients(firstOrder(options, dy), [dy], { gradOutputs: g });
      // Column o of the kernel's routing matrix is its backprop of the one-hot dy eₒ: (Aᵀg)ₒ = 〈A·eₒ, g〉.
      const expected = Array.from({ length: adjoint!.size }, (_, o) => {
        const routed = values(firstOrder(options, tensor(Array.from({ length: adjoint!.size }, (_, k) => +(k === o)), { ...f64, shape: outShape })));
        return routed.reduce((sum, v, i) => sum + v * values(g)[i]!, 0);
      });
      expect(values(adjoint!)).toEqual(expected);
    }
  });

  it('avgPool2d and maxPool2d pass gradgradcheck with padding', () => {
    const x = randn([1, 4, 5, 2], { seed: 6, dtype: 'float64' });
    expect(gradgradcheck((t) => avgPool2d(t, { size: 3, strides: 2, padding: 'same' }), [x]).ok).toBe(true);
    expect(gradgradcheck((t) => maxPool2d(t, { size: 3, strides: 2, padding: 'same' }), [x]).ok).toBe(true);
  });
});
