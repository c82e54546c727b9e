import { describe, expect, it } from 'vitest';
import { gradcheck, manualSeed, nn, rand, randn, ShapeError, ValueError } from '@dlkit/core';
import { Adam } from '@dlkit/optim';
import * as cnn from '../src/index.js';

describe('style costs', () => {
  it('gramMatrix, contentCost, layerStyleCost and styleCost pass gradcheck', () => {
    const a = randn([2, 3, 2, 4], { dtype: 'float64', seed: 1 });
    const b = randn([2, 3, 2, 4], { dtype: 'float64', seed: 2 });
    expect(gradcheck((x) => cnn.gramMatrix(x), [a]).ok).toBe(true);
    expect(gradcheck((x, y) => cnn.contentCost(x, y), [a, b]).ok).toBe(true);
    expect(gradcheck((x, y) => cnn.layerStyleCost(x, y), [a, b]).ok).toBe(true);
    const c = randn([1, 2, 2, 3], { dtype: 'float64', seed: 3 });
    expect(gradcheck((x, y) => cnn.styleCost({ p: a, q: c }, { p: x, q: y }, { p: 0.4, q: 0.6 }), [b, c.mul(0.5)]).ok).toBe(true);
  });

  it('the Gram matrix is symmetric with the squared channel norms on its diagonal', () => {
    const a = randn([1, 3, 3, 2], { dtype: 'float64' });
    const [g00, g01, g10, g11] = cnn.gramMatrix(a).dataSync();
    const v = a.dataSync();
    let s0 = 0;
    let s1 = 0;
    for (let i = 0; i < 9; i++) {
      s0 += v[2 * i]! ** 2;
      s1 += v[2 * i + 1]! ** 2;
    }
    expect(g01).toBeCloseTo(g10!, 12);
    expect(g00).toBeCloseTo(s0, 12);
    expect(g11).toBeCloseTo(s1, 12);
  });

  it('names the function and the shapes on bad input', () => {
    expect(() => cnn.gramMatrix(randn([3, 4]))).toThrow(/gramMatrix: expected activations \[m, nH, nW, nC\]/);
    expect(() => cnn.contentCost(randn([1, 2, 2, 3]), randn([1, 2, 3, 3]))).toThrow(ShapeError);
    expect(() => cnn.styleCost({ a: randn([1, 2, 2, 3]) }, {}, { a: 1 })).toThrow(/layer "a" is missing from the generated activations/);
    expect(() => cnn.styleCost({}, {}, {})).toThrow(ValueError);
  });
});

/** A small conv net with named stages, as `features.k` in a VGG. */
function smallNet(): nn.Module {
  return new (class extends nn.Module {
    readonly features = new nn.Sequential(
      new cnn.Conv2d(3, 8, 3, { padding: 1 }), new nn.ReLU(), new cnn.AvgPool2d(2),
      new cnn.Conv2d(8, 16, 3, { padding: 1 }), new nn.ReLU(),
    );
    readonly classifier = new nn.Linear(16, 2);
    forward(x: import('@dlkit/core').Tensor) {
      const h = this.features.forward(x);
      return this.classifier.forward(h.mean([1, 2]));
    }
  })();
}

describe('featureExtractor', () => {
  it('returns the named outputs, stops before the rest of the model, and restores the modules', () => {
    manualSeed(0);
    const net = smallNet();
    const extract = cnn.featureExtractor(net, ['features.1', 'features.4']);
    const x = rand([2, 8, 8, 3]);
    let classifierCalls = 0;
    const original = net.namedModules().find(([n]) => n === 'classifier')![1] as nn.Linear;
    const forward = original.forward.bind(original);
    original.forward = (h) => {
      classifierCalls++;
      return forward(h);
    };
    const out = extract(x);
    expect(Object.keys(out)).toEqual(['features.1', 'features.4']);
    expect(out['features.1']!.shape).toEqual([2, 8, 8, 8]);
    expect(out['features.4']!.shape).toEqual([2, 4, 4, 16]);
    expect(classifierCalls).toBe(0);
    expect(extract.names).toEqual(['features.1', 'features.4']);
    // The wrapped modules are themselves again: a normal forward still runs the whole model.
    expect(net.forward(x).shape).toEqual([2, 2]);
    expect(Object.prototype.hasOwnProperty.call(net.namedModules().find(([n]) => n === 'features.1')![1], 'forward')).toBe(false);
  });

  it('works on a classic model through its attribute names (LeNet-5: conv1, conv2)', () => {
    const out = cnn.featureExtractor(cnn.models.lenet5(), ['conv1', 'conv2'])(rand([1, 28, 28, 1]));
    expect(out['conv1']!.shape).toEqual([1, 24, 24, 6]);
    expect(out['conv2']!.shape).toEqual([1, 8, 8, 16]);
  });

  it('lists the known names for a wrong one', () => {
    expect(() => cnn.featureExtractor(smallNet(), ['features.9'])).toThrow(/no module named "features.9"; the model has \[.*"features.0"/);
  });
});

describe('styleTransfer', () => {
  it('optimizes the image so that the total cost falls (here by more than 5×), reporting every step', () => {
    manualSeed(0);
    const net = smallNet().freeze();
    const content = rand([1, 8, 8, 3], { seed: 1 });
    const style = rand([1, 8, 8, 3], { seed: 2 });
    const seen: number[] = [];
    const { image, history } = cnn.styleTransfer({
      content, style, extractor: cnn.featureExtractor(net, ['features.1', 'features.4']),
      layers: { content: 'features.4', style: { 'features.1': 0.5, 'features.4': 0.5 } },
      steps: 40, optimizer: (p) => new Adam(p, { lr: 0.05 }), onStep: (s) => seen.push(s.step),
    });
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(history.at(-1)!.total).toBeLessThan(history[0]!.total / 5);
    expect(image.shape).toEqual([1, 8, 8, 3]);
    const pixels = image.dataSync();
    expect(Math.min(...pixels)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...pixels)).toBeLessThanOrEqual(1);
    expect(net.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it('says which layer the extractor lacks', () => {
    const net = smallNet();
    expect(() => cnn.styleTransfer({
      content: rand([1, 8, 8, 3]), style: rand([1, 8, 8, 3]), extractor: cnn.featureExtractor(net, ['features.1']),
      layers: { content: 'features.4', style: { 'features.1': 1 } }, steps: 1, optimizer: (p) => new Adam(p),
    })).toThrow(/no content layer "features.4"/);
  });
});
