import { describe, expect, it } from 'vitest';
import {
  ShapeError, ValueError, conv2d, loadSafetensors, manualSeed, maxPool2d, nn, noGrad, ones, randn, saveSafetensors, std, tensor, zeros, type Tensor,
} from '@dlkit/core';

const { Module, Linear, Sequential, ReLU, Tanh, Sigmoid, Dropout, BatchNorm1d, LayerNorm, Embedding, Flatten, init, parameter, buffer } = nn;
type Linear = nn.Linear;

class Encoder extends Module {
  encoder = new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2));
  norms = [new LayerNorm(2)];
  head = new Map([['out', new Linear(2, 1)]]);
  forward(x: Tensor): Tensor {
    return this.head.get('out')!.forward(this.norms[0]!.forward(this.encoder.forward(x)));
  }
}

describe('Module', () => {
  it('finds parameters from fields, arrays and maps with PyTorch-style names', () => {
    const model = new Encoder();
    expect(model.namedParameters().map(([n]) => n)).toEqual([
      'encoder.0.weight', 'encoder.0.bias', 'encoder.2.weight', 'encoder.2.bias',
      'norms.0.weight', 'norms.0.bias', 'head.out.weight', 'head.out.bias',
    ]);
    expect(model.parameters().every((p) => p.requiresGrad)).toBe(true);
  });

  it('names BatchNorm buffers like PyTorch and keeps them out of parameters()', () => {
    const bn = new BatchNorm1d(3);
    expect(Object.keys(bn.stateDict())).toEqual(['weight', 'bias', 'running_mean', 'running_var', 'num_batches_tracked']);
    expect(bn.parameters()).toHaveLength(2);
  });

  it('switches train/eval recursively', () => {
    const model = new Sequential(new Linear(2, 2), new Dropout(0.5));
    model.eval();
    expect(model.layers.every((l) => !l.training)).toBe(true);
    const x = randn([4, 2]);
    expect(model.forward(x).dataSync()).toEqual(model.forward(x).dataSync());
    model.train();
    expect(model.layers[1]!.training).toBe(true);
  });

  it('freezes and unfreezes parameters (transfer learning)', () => {
    const model = new Sequential(new Linear(2, 2), new Linear(2, 1));
    model.layers[0]!.freeze();
    expect(model.parameters().map((p) => p.requiresGrad)).toEqual([false, false, true, true]);
    model.unfreeze();
    expect(model.parameters().every((p) => p.requiresGrad)).toBe(true);
  });

  it('round-trips the state dict in place and validates before touching anything', () => {
    manualSeed(1);
    const a = new Encoder();
    const b = new Encoder();
    const weightObject = b.encoder.layers[0] as Linear;
    const held = weightObject.weight;
    b.loadStateDict(a.stateDict());
    expect(held).toBe(weightObject.weight);
    for (const [name, t] of a.namedParameters()) expect(b.stateDict()[name]!.dataSync()).toEqual(t.dataSync());

    const before = b.stateDict()['head.out.weight']!.dataSync();
    const bad = { ...a.stateDict(), 'head.out.weight': zeros([3, 3]) };
    expect(() => b.loadStateDict(bad)).toThrow(/'head.out.weight' expects float32 \[1,2\], got float32 \[3,3\]/);
    expect(b.stateDict()['head.out.weight']!.dataSync()).toEqual(before);
    const { ['head.out.bias']: _dropped, ...missing } = a.stateDict();
    expect(() => b.loadStateDict({ ...missing, extra: zeros([1]) })).toThrow(/missing: \[head.out.bias\], unexpected: \[extra\]/);
    expect(b.loadStateDict(missing, { strict: false }).missingKeys).toEqual(['head.out.bias']);
  });

  it('summary() of LeNet-300-100 matches hand-computed parameter counts', () => {
    const lenet = new Sequential(new Flatten(), new Linear(784, 300), new ReLU(), new Linear(300, 100), new ReLU(), new Linear(100, 10));
    const summary = lenet.summary([28, 28, 1], { print: false });
    // 784·300 + 300 = 235,500; 300·100 + 100 = 30,100; 100·10 + 10 = 1,010
    expect(summary.rows.map((r) => r.params)).toEqual([0, 235_500, 0, 30_100, 0, 1_010]);
    expect(summary.rows.map((r) => r.outputShape)).toEqual([[-1, 784], [-1, 300], [-1, 300], [-1, 100], [-1, 100], [-1, 10]]);
    expect(summary.totalParams).toBe(266_610);
    // MACs per example: 784·300, 300·100, 100·10; Flatten and ReLU count none.
    expect(summary.rows.map((r) => r.macs)).toEqual([null, 235_200, null, 30_000, null, 1_000]);
    expect(summary.totalMacs).toBe(266_200);
    lenet.layers[1]!.freeze();
    expect(lenet.summary([28, 28, 1], { print: false }).trainableParams).toBe(266_610 - 235_500);
    expect(summary.toString()).toContain('Total params: 266,610');
  });
});

/** Attention-style module: a causal mask and a cache that must stay out of checkpoints. */
class Masked extends Module {
  proj = new Linear(3, 3);
  mask = buffer(tensor([[1, 0, 0], [1, 1, 0], [1, 1, 1]]), { persistent: false });
  scale = buffer(tensor([2]));
  cache: Tensor | null = null;
  forward(x: Tensor): Tensor {
    const out = this.proj.forward(x).matmul(this.mask).mul(this.scale);
    this.cache = buffer(out, { persistent: false });
    return out;
  }
}

describe('non-persistent buffers', () => {
  it('stay out of stateDict() and loadStateDict, but are buffers of the module', () => {
    const model = new Masked();
    model.forward(randn([2, 3]));
    expect(model.namedBuffers().map(([n]) => n)).toEqual(['mask', 'scale', 'cache']);
    expect(Object.keys(model.stateDict())).toEqual(['proj.weight', 'proj.bias', 'scale']);
    expect(model.cache!.isLeaf).toBe(true); // detached: the module holds no graph
    const other = new Masked();
    other.loadStateDict(model.stateDict()); // strict: the mask and the cache are not expected
    expect(other.proj.weight.dataSync()).toEqual(model.proj.weight.dataSync());
    expect(() => other.loadStateDict({ ...model.stateDict(), mask: ones([3, 3]) })).toThrow(/unexpected: \[mask\]/);
    const file = loadSafetensors(saveSafetensors(model.stateDict()));
    expect(Object.keys(file.tensors).sort()).toEqual(['proj.bias', 'proj.weight', 'scale']);
  });

  it('can be made persistent again, and a parameter cannot be a buffer', () => {
    const t = buffer(zeros([2]), { persistent: false });
    class Holder extends Module { t = buffer(t); forward(x: Tensor): Tensor { return x; } }
    expect(Object.keys(new Holder().stateDict())).toEqual(['t']);
    expect(() => buffer(parameter(zeros([2])))).toThrow(/buffer: this tensor is a parameter/);
  });
});

describe('Module.zeroGrad', () => {
  it('sets every parameter\'s grad to null, children and shared ones included', () => {
    const model = new Encoder();
    model.forward(randn([2, 4])).sum().backward();
    expect(model.parameters().every((p) => p.grad !== null)).toBe(true);
    model.zeroGrad();
    expect(model.parameters().map((p) => p.grad)).toEqual(model.parameters().map(() => null));
  });
});

/** A CNN written by hand: its filters and weights are fields of the model itself. */
class HandCnn extends Module {
  w1 = parameter(randn([3, 3, 1, 4]).mul(0.1));
  b1 = parameter(zeros([4]));
  fc = new Linear(4 * 4 * 4, 10);
  forward(x: Tensor): Tensor {
    const h = maxPool2d(conv2d(x, this.w1, { padding: 'same' }).add(this.b1).relu(), { size: 2 });
    return this.fc.forward(h.reshape([x.shape[0]!, 64]));
  }
}

/** Two inputs through one shared encoder. */
class Siamese extends Module<[Tensor, Tensor], Tensor> {
  encoder = new Sequential(new Linear(8, 4), new Tanh());
  head = new Linear(4, 1);
  forward(a: Tensor, b: Tensor): Tensor {
    return this.head.forward(this.encoder.forward(a).sub(this.encoder.forward(b)).abs());
  }
}

describe('summary', () => {
  it("lists a hand-written model's own parameters under its row, named by its class", () => {
    const summary = new HandCnn().summary([8, 8, 1], { print: false });
    expect(summary.rows.map((r) => [r.name, r.type, r.params])).toEqual([['', 'HandCnn', 40], ['fc', 'Linear', 650]]);
    expect(summary.rows[0]!.parameters).toEqual([{ name: 'w1', shape: [3, 3, 1, 4], size: 36 }, { name: 'b1', shape: [4], size: 4 }]);
    expect(summary.rows[0]!.outputShape).toEqual([-1, 10]);
    const text = summary.toString();
    expect(text).not.toContain('(root)');
    // The hand-written conv reports no MACs (a model's own ops are not counted); fc: 10 · 64.
    expect(text).toMatch(/^HandCnn +\[-1,10\] +40 +-$/m);
    expect(text).toMatch(/^ {2}└ w1 \[3,3,1,4\] +36$/m);
    expect(text).toMatch(/^fc \(Linear\) +\[-1,10\] +650 +640$/m);
    expect(text).toContain('MACs per example: 640');
    expect(summary.totalParams).toBe(690);
  });

  it('takes one input per forward argument, as shapes or tensors', () => {
    const model = new Siamese();
    const summary = model.summary([8], [8], { print: false });
    expect(summary.rows.map((r) => [r.name, r.outputShape, r.params])).toEqual([
      ['encoder.0', [-1, 4], 36], ['encoder.1', [-1, 4], 0], ['head', [-1, 1], 5],
    ]);
    expect(model.summary(randn([3, 8]), zeros([1, 8]), { print: false }).totalParams).toBe(41);
    const ids = new Sequential(new Embedding(10, 4), new Flatten());
    expect(ids.summary(tensor([[1, 2, 3]], { dtype: 'int32' }), { print: false }).rows.map((r) => r.outputShape)).toEqual([[-1, 3, 4], [-1, 12]]);
    expect(() => model.summary({ print: false })).toThrow(/summary: expected an input shape or tensor per forward argument of Siamese/);
    expect(() => model.summary([8, 1.5], [8], { print: false })).toThrow(/summary: input 0 must be a shape/);
  });

  it('counts MACs per example whatever the batch, summing the calls of a shared module', () => {
    // The shared encoder runs twice (8·4 each), the head once (4·1); a batch of 3 changes nothing.
    const summary = new Siamese().summary(randn([3, 8]), randn([3, 8]), { print: false });
    expect(summary.rows.map((r) => [r.name, r.macs])).toEqual([['encoder.0', 64], ['encoder.1', null], ['head', 4]]);
    expect(summary.totalMacs).toBe(68);
    // [batch, time, features]: a Linear costs per time step too.
    expect(new Linear(5, 2).summary([7, 5], { print: false }).totalMacs).toBe(7 * 5 * 2);
  });

  it('lists a container that counts its own MACs, and adds them to its children\'s', () => {
    class Scaled extends Module {
      inner = new Linear(3, 2);
      forward(x: Tensor): Tensor {
        return this.inner.forward(x).mul(2);
      }
      override macs(_inputs: [Tensor], output: Tensor): number {
        return output.size; // the multiply by 2
      }
    }
    const summary = new Scaled().summary([3], { print: false });
    expect(summary.rows.map((r) => [r.name, r.macs])).toEqual([['', 2], ['inner', 6]]);
    expect(summary.totalMacs).toBe(8);
  });

  it('leaves each module in the mode it was in', () => {
    const model = new Sequential(new Linear(2, 2), new Dropout(0.5));
    model.layers[1]!.eval();
    model.summary([2], { print: false });
    expect(model.layers.map((l) => l.training)).toEqual([true, false]);
  });
});

describe('layers', () => {
  it('Linear computes x·Wᵀ + b with weight [out, in] and rejects bad inputs', () => {
    const layer = new Linear(3, 2);
    noGrad(() => {
      layer.weight.assign(tensor([[1, 0, -1], [2, 1, 0]]));
      layer.bias!.assign(tensor([0.5, -0.5]));
    });
    expect(layer.forward(tensor([[1, 2, 3]])).toArray()).toEqual([[-1.5, 3.5]]);
    expect(() => layer.forward(zeros([2, 4]))).toThrow(ShapeError);
  });

  it('BatchNorm1d normalizes with batch statistics in training and running ones in eval', () => {
    const bn = new BatchNorm1d(2, { momentum: 0.5 });
    const x = tensor([[1, 10], [3, 30]]);
    const y = bn.forward(x);
    expect((y.mean(0).toArray() as number[]).map((v) => Math.round(v * 1e5) / 1e5)).toEqual([0, 0]);
    // running = 0.5·init + 0.5·batch; the running variance is unbiased: var([1,3]) = 2, var([10,30]) = 200
    expect(bn.runningMean.toArray()).toEqual([1, 10]);
    expect(bn.runningVar.toArray()).toEqual([1.5, 100.5]);
    expect(bn.numBatchesTracked.item()).toBe(1);
    bn.eval();
    const z = bn.forward(tensor([[1, 10]]));
    expect((z.toArray() as number[][])[0]![0]).toBeCloseTo(0 / Math.sqrt(1.5 + 1e-5), 5);
    expect(() => new BatchNorm1d(2).forward(zeros([1, 2]))).toThrow(ValueError);
  });

  it('Embedding looks rows up and keeps the padding row at zero with no gradient', () => {
    const emb = new Embedding(5, 3, { paddingIdx: 0 });
    const ids = tensor([[0, 2, 2]], { dtype: 'int32' });
    const out = emb.forward(ids);
    expect(out.shape).toEqual([1, 3, 3]);
    expect((out.toArray() as number[][][])[0]![0]).toEqual([0, 0, 0]);
    out.sum().backward();
    const g = emb.weight.grad!.toArray() as number[][];
    expect(g[0]).toEqual([0, 0, 0]);
    expect(g[2]).toEqual([2, 2, 2]);
  });
});

describe('initializers', () => {
  it('scale by fan-in/fan-out as documented', () => {
    const he = init.heNormal()([4000, 500], { seed: 1 });
    expect(Math.abs(std(he).item() - Math.sqrt(2 / 500)) / Math.sqrt(2 / 500)).toBeLessThan(0.01);
    const xu = init.xavierUniform()([300, 200], { seed: 2 });
    const bound = Math.sqrt(6 / 500);
    expect(xu.max().item()).toBeLessThanOrEqual(bound);
    expect(xu.min().item()).toBeGreaterThanOrEqual(-bound);
    expect(init.fans([3, 3, 16, 32])).toEqual({ fanIn: 144, fanOut: 288 });
  });

  it('orthogonal gives orthonormal rows or columns', () => {
    for (const shape of [[6, 4], [4, 6]] as const) {
      const q = init.orthogonal()([...shape], { seed: 3, dtype: 'float64' });
      const gram = shape[0] >= shape[1] ? q.transpose().matmul(q) : q.matmul(q.transpose());
      const n = Math.min(...shape);
      const eye = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
      (gram.toArray() as number[][]).forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(eye[i]![j]!, 10)));
    }
  });

  it("the course's point: zero initialization keeps hidden units identical, random breaks symmetry", () => {
    const x = randn([16, 3], { seed: 4 });
    const y = randn([16, 1], { seed: 5 }).greater(0).cast('float32');
    const hiddenRowsAfterTraining = (weightInit: nn.init.Initializer): number[][] => {
      const model = new Sequential(new Linear(3, 4, { weightInit, biasInit: init.zeros() }), new Tanh(), new Linear(4, 1, { weightInit, biasInit: init.zeros() }), new Sigmoid());
      for (let step = 0; step < 20; step++) {
        const p = model.forward(x).clip(1e-6, 1 - 1e-6);
        const loss = y.mul(p.log()).add(y.neg().add(1).mul(p.neg().add(1).log())).mean().neg();
        for (const param of model.parameters()) param.zeroGrad();
        loss.backward();
        noGrad(() => model.parameters().forEach((param) => param.assign(param.sub(param.grad!.mul(0.5)))));
      }
      return (model.layers[0] as Linear).weight.toArray() as number[][];
    };
    const zeroRows = hiddenRowsAfterTraining(init.zeros());
    expect(new Set(zeroRows.map((r) => JSON.stringify(r))).size).toBe(1);
    const randomRows = hiddenRowsAfterTraining(init.normal(0.5));
    expect(new Set(randomRows.map((r) => JSON.stringify(r))).size).toBe(4);
  });
});
