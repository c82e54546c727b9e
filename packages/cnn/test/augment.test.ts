import { describe, expect, it } from 'vitest';
import {
  DTypeError, Generator, ShapeError, ValueError, crossEntropy, manualSeed, nn, noGrad, oneHot, randn, rand, tensor, type Tensor,
} from '@dlkit/core';
import { Adam, TensorDataset, fit } from '@dlkit/optim';
import {
  augmentBatches, colorJitter, colorPrincipalComponents, compose, mixup, pcaColorAugmentation, randomCrop, randomHorizontalFlip,
  randomResizedCrop, randomRotation, randomVerticalFlip, sampleBeta,
} from '../src/index.js';

/** A [1, 2, 3, 1] image 1 2 3 / 4 5 6. */
const tiny = (): Tensor => tensor([[[[1], [2], [3]], [[4], [5], [6]]]]);
const values = (t: Tensor): number[] => Array.from(t.dataSync());

describe('flips', () => {
  it('p = 1 mirrors exactly, p = 0 copies, per channel', () => {
    const rgb = tensor([[[[1, 10], [2, 20]], [[3, 30], [4, 40]]]]); // [1, 2, 2, 2]
    expect(randomHorizontalFlip({ p: 1 })(tiny(), new Generator(0)).toArray()).toEqual([[[[3], [2], [1]], [[6], [5], [4]]]]);
    expect(randomVerticalFlip({ p: 1 })(tiny(), new Generator(0)).toArray()).toEqual([[[[4], [5], [6]], [[1], [2], [3]]]]);
    expect(randomHorizontalFlip({ p: 1 })(rgb, new Generator(0)).toArray()).toEqual([[[[2, 20], [1, 10]], [[4, 40], [3, 30]]]]);
    expect(randomHorizontalFlip({ p: 0 })(tiny(), new Generator(0)).toArray()).toEqual(tiny().toArray());
  });

  it('flips about half of the images at p = 0.5, the same ones for the same seed', () => {
    const x = rand([400, 2, 3, 1], { seed: 1 });
    const flipped = (seed: number): boolean[] => {
      const y = randomHorizontalFlip()(x, new Generator(seed)).dataSync();
      const xs = x.dataSync();
      return Array.from({ length: 400 }, (_, n) => y[n * 6] !== xs[n * 6]);
    };
    const a = flipped(3);
    expect(a).toEqual(flipped(3));
    expect(a).not.toEqual(flipped(4));
    const share = a.filter(Boolean).length / 400;
    expect(share).toBeGreaterThan(0.42);
    expect(share).toBeLessThan(0.58);
  });
});

describe('crops', () => {
  it('randomCrop with padding yields only the windows of the padded image, all of them over many draws', () => {
    // Padded by 1 with fill 0: a 4×5 frame; 2×2 windows at 3×4 positions.
    const padded = [[0, 0, 0, 0, 0], [0, 1, 2, 3, 0], [0, 4, 5, 6, 0], [0, 0, 0, 0, 0]];
    const windows = new Set<string>();
    for (let t = 0; t < 3; t++) for (let l = 0; l < 4; l++) windows.add(JSON.stringify([padded[t]!.slice(l, l + 2), padded[t + 1]!.slice(l, l + 2)]));
    const batch = tensor(Array(60).fill((tiny().toArray() as number[][][][])[0]));
    const out = randomCrop(2, { padding: 1 })(batch, new Generator(7)).toArray() as number[][][][];
    const seen = new Set(out.map((img) => JSON.stringify(img.map((row) => row.map((px) => px[0])))));
    for (const s of seen) expect(windows.has(s), s).toBe(true);
    expect(seen.size).toBe(windows.size);
  });

  it('randomCrop to the full size without padding is the identity; fill is used for padding', () => {
    expect(randomCrop([2, 3])(tiny(), new Generator(0)).toArray()).toEqual(tiny().toArray());
    const corner = randomCrop([4, 5], { padding: 1, fill: -1 })(tiny(), new Generator(0));
    expect(values(corner)).toEqual([-1, -1, -1, -1, -1, -1, 1, 2, 3, -1, -1, 4, 5, 6, -1, -1, -1, -1, -1, -1]);
  });

  it('randomResizedCrop of the whole image at its own size is the identity; output has the asked size', () => {
    const x = rand([3, 8, 8, 3], { seed: 2 });
    const same = randomResizedCrop(8, { scale: [1, 1], ratio: [1, 1] })(x, new Generator(0));
    expect(values(same)).toEqual(values(x));
    const out = randomResizedCrop([5, 7], { scale: [0.3, 0.6] })(x, new Generator(1));
    expect(out.shape).toEqual([3, 5, 7, 3]);
    const lo = Math.min(...values(x));
    const hi = Math.max(...values(x));
    for (const v of values(out)) expect(v >= lo - 1e-6 && v <= hi + 1e-6).toBe(true); // bilinear: convex combinations
  });

  it('randomResizedCrop upsamples a 1×2 crop bilinearly (half-pixel centres)', () => {
    // Only one box of area 2 with ratio 2 fits a 1×2 image: the whole image, resized to 1×4.
    const x = tensor([[[[0], [4]]]]);
    const out = randomResizedCrop([1, 4], { scale: [1, 1], ratio: [2, 2] })(x, new Generator(0));
    expect(values(out)).toEqual([0, 1, 3, 4]);
  });
});

describe('rotation', () => {
  it('an angle of 0 is the identity, bit for bit', () => {
    const x = randn([2, 5, 6, 3], { seed: 3 });
    expect(values(randomRotation(0)(x, new Generator(0)))).toEqual(values(x));
    expect(values(randomRotation([0, 0])(x, new Generator(0)))).toEqual(values(x));
  });

  it('90° turns a square image counter-clockwise; 180° twice is the identity', () => {
    const x = tensor([[[[1], [2]], [[3], [4]]]]); // 1 2 / 3 4
    const turned = values(randomRotation([90, 90])(x, new Generator(0))).map((v) => Math.round(v * 1e9) / 1e9);
    expect(turned).toEqual([2, 4, 1, 3]); // 2 4 / 1 3
    const square = randn([1, 4, 4, 2], { seed: 4 });
    const back = randomRotation([180, 180])(randomRotation([180, 180])(square, new Generator(0)), new Generator(0));
    values(back).forEach((v, i) => expect(v).toBeCloseTo(values(square)[i]!, 5));
  });

  it('draws angles within the range: small angles move the centre pixel of a smooth image little', () => {
    const x = rand([4, 9, 9, 1], { seed: 5 });
    const a = randomRotation(10)(x, new Generator(1));
    expect(values(a)).toEqual(values(randomRotation(10)(x, new Generator(1))));
    for (let n = 0; n < 4; n++) expect(a.dataSync()[n * 81 + 40]).toBe(x.dataSync()[n * 81 + 40]); // the centre is the pivot
  });
});

describe('colour', () => {
  const photo = rand([3, 4, 4, 3], { seed: 6, low: 0.1, high: 0.9 });

  it('factor 1 (and no jitter) is the identity', () => {
    expect(values(colorJitter({ brightness: [1, 1], contrast: [1, 1], saturation: [1, 1] })(photo, new Generator(0)))).toEqual(values(photo));
    expect(values(colorJitter()(photo, new Generator(0)))).toEqual(values(photo));
  });

  it('brightness multiplies, contrast blends with the mean grey, saturation with each pixel\'s grey', () => {
    const px = tensor([[[[0.2, 0.4, 0.6]], [[0.6, 0.4, 0.2]]]]); // [1, 2, 1, 3]
    const bright = values(colorJitter({ brightness: [1.5, 1.5] })(px, new Generator(0)));
    [0.3, 0.6, 0.9, 0.9, 0.6, 0.3].forEach((v, i) => expect(bright[i]).toBeCloseTo(v, 6));
    const g1 = 0.299 * 0.2 + 0.587 * 0.4 + 0.114 * 0.6;
    const g2 = 0.299 * 0.6 + 0.587 * 0.4 + 0.114 * 0.2;
    const grey = values(colorJitter({ saturation: [0, 0] })(px, new Generator(0)));
    [g1, g1, g1, g2, g2, g2].forEach((v, i) => expect(grey[i]).toBeCloseTo(v, 6));
    const flat = values(colorJitter({ contrast: [0, 0] })(px, new Generator(0)));
    flat.forEach((v) => expect(v).toBeCloseTo((g1 + g2) / 2, 6));
  });

  it('is seeded and clamps to [0, 1] by default', () => {
    const jitter = colorJitter({ brightness: 0.8, contrast: 0.8, saturation: 0.8 });
    const a = values(jitter(photo, new Generator(2)));
    expect(a).toEqual(values(jitter(photo, new Generator(2))));
    expect(a).not.toEqual(values(photo));
    for (const v of a) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('PCA colour components diagonalise the pixel covariance; std 0 is the identity; shifts lie along them', () => {
    const x = randn([6, 5, 5, 3], { seed: 7 }).matmul(tensor([[1, 0.5, 0], [0, 1, 0.3], [0, 0, 0.2]]));
    const { eigenvalues, eigenvectors } = colorPrincipalComponents(x);
    expect(eigenvalues[0]).toBeGreaterThanOrEqual(eigenvalues[1]!);
    expect(eigenvalues[1]).toBeGreaterThanOrEqual(eigenvalues[2]!);
    // V Λ Vᵀ equals the covariance computed directly.
    const data = x.dataSync();
    const n = data.length / 3;
    const mean = [0, 1, 2].map((k) => Array.from({ length: n }, (_, p) => data[p * 3 + k]!).reduce((a, b) => a + b) / n);
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        let cov = 0;
        for (let p = 0; p < n; p++) cov += (data[p * 3 + a]! - mean[a]!) * (data[p * 3 + b]! - mean[b]!);
        cov /= n - 1;
        const rebuilt = [0, 1, 2].reduce((s, i) => s + eigenvalues[i]! * eigenvectors[i]![a]! * eigenvectors[i]![b]!, 0);
        expect(rebuilt).toBeCloseTo(cov, 5);
      }
    }
    expect(values(pcaColorAugmentation({ components: { eigenvalues, eigenvectors }, std: 0 })(x, new Generator(0)))).toEqual(values(x));
    // One shift per image, the same for every pixel.
    const shifted = pcaColorAugmentation({ components: { eigenvalues, eigenvectors } })(x, new Generator(1)).dataSync();
    for (let p = 1; p < 25; p++) for (let k = 0; k < 3; k++) expect(shifted[p * 3 + k]! - data[p * 3 + k]!).toBeCloseTo(shifted[k]! - data[k]!, 5);
  });
});

describe('mixup', () => {
  it('mixes each example with one partner by a single λ: images and targets are the same convex combination', () => {
    const m = 8;
    const x = randn([m, 3, 3, 2], { seed: 8, dtype: 'float64' });
    const y = oneHot(tensor(Int32Array.from({ length: m }, (_, i) => i)), m, { dtype: 'float64' }); // every example its own class
    const [xm, ym] = mixup({ alpha: 0.4 })([x, y], new Generator(3));
    const rows = ym.toArray() as number[][];
    const xs = x.dataSync();
    const out = xm.dataSync();
    const lambdas = new Set<number>();
    rows.forEach((row, i) => {
      expect(row.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
      const partner = row.findIndex((v, j) => j !== i && v > 0);
      const j = partner < 0 ? i : partner; // an example may be its own partner
      const l = partner < 0 ? 1 : row[i]!;
      if (partner >= 0) lambdas.add(Math.round(l * 1e12));
      expect(row.filter((v) => v > 0).length).toBeLessThanOrEqual(2);
      for (let e = 0; e < 18; e++) expect(out[i * 18 + e]).toBeCloseTo(l * xs[i * 18 + e]! + (1 - l) * xs[j * 18 + e]!, 12);
    });
    expect(lambdas.size).toBe(1); // one λ for the whole batch
    const [lambda] = [...lambdas].map((v) => v / 1e12);
    expect(lambda).toBeGreaterThan(0);
    expect(lambda).toBeLessThan(1);
  });

  it('λ ~ Beta(α, α): mean 1/2 and variance 1/(4(2α + 1))', () => {
    const random = new Generator(11);
    for (const alpha of [0.2, 1, 3]) {
      const draws = Array.from({ length: 20_000 }, () => sampleBeta(random, alpha));
      const mean = draws.reduce((a, b) => a + b) / draws.length;
      const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;
      for (const d of draws) expect(d >= 0 && d <= 1).toBe(true);
      expect(mean).toBeCloseTo(0.5, 1);
      expect(Math.abs(variance - 1 / (4 * (2 * alpha + 1)))).toBeLessThan(0.01);
    }
  });

  it('rejects integer labels and mismatched batches', () => {
    expect(() => mixup()([randn([2, 2, 2, 1]), tensor([0, 1], { dtype: 'int32' })], new Generator(0))).toThrow(DTypeError);
    expect(() => mixup()([randn([2, 2, 2, 1]), randn([3, 2])], new Generator(0))).toThrow(ShapeError);
    expect(() => mixup({ alpha: 0 })).toThrow(ValueError);
  });
});

describe('composition, determinism and errors', () => {
  const x = rand([5, 6, 6, 3], { seed: 9 });
  const augment = compose([randomCrop(6, { padding: 1 }), randomHorizontalFlip(), randomRotation(15), colorJitter({ brightness: 0.2, saturation: 0.2 })]);

  it('the same seed gives the same batch; another seed another', () => {
    expect(values(augment(x, new Generator(5)))).toEqual(values(augment(x, new Generator(5))));
    expect(values(augment(x, new Generator(5)))).not.toEqual(values(augment(x, new Generator(6))));
    expect(augment(x, new Generator(5)).shape).toEqual([5, 6, 6, 3]);
    expect(augment(x.cast('float64'), new Generator(5)).dtype).toBe('float64');
  });

  it('rejects non-NHWC or integer images and bad options by name', () => {
    expect(() => randomHorizontalFlip()(randn([2, 3]), new Generator(0))).toThrow(/randomHorizontalFlip: expected an NHWC batch \[m, h, w, c\], got shape \[2, 3\]/);
    expect(() => randomRotation(5)(tensor([[[[1]]]], { dtype: 'int32' }), new Generator(0))).toThrow(DTypeError);
    expect(() => randomHorizontalFlip({ p: 2 })).toThrow(/randomHorizontalFlip: p must be a probability/);
    expect(() => randomCrop(9)(x, new Generator(0))).toThrow(/randomCrop: size \[9, 9\] does not fit images of \[6, 6\] padded by 0/);
    expect(() => colorJitter({ brightness: -1 })).toThrow(ValueError);
    expect(() => colorJitter({ saturation: 0.5 })(randn([1, 2, 2, 1]), new Generator(0))).toThrow(ShapeError);
    expect(() => randomResizedCrop(4, { scale: [0.5, 2] })).toThrow(ValueError);
  });
});

describe('augmentBatches in optim\'s fit', () => {
  it('yields freshly augmented batches, reproducibly, and a small CNN still learns through it', () => {
    // Generated data: bright bar on the left vs on the right of an 8×8 image; flips would swap
    // the classes, so the pipeline crops (shifts of ±1 pixel) and jitters brightness.
    const m = 64;
    const images = new Float32Array(m * 64);
    const labels = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      labels[i] = i % 2;
      for (let r = 0; r < 8; r++) for (let c = 0; c < 3; c++) images[i * 64 + r * 8 + (labels[i] ? 5 + c : c)] = 0.8;
    }
    const x = tensor(images, { shape: [m, 8, 8, 1] });
    const y = tensor(labels);
    const options = { images: compose([randomCrop(8, { padding: 1 }), colorJitter({ brightness: 0.3 })]), seed: 2 };
    const a = augmentBatches(new TensorDataset(x, y), options);
    const b = augmentBatches([x, y], options);
    const [xa, ya] = a.batch([0, 1, 2]);
    expect(values(xa)).toEqual(values(b.batch([0, 1, 2])[0]));
    expect(values(ya)).toEqual([0, 1, 0]);
    expect(values(a.batch([0, 1, 2])[0])).not.toEqual(values(xa)); // the next draw differs

    manualSeed(0);
    const model = new nn.Sequential(new nn.Flatten(), new nn.Linear(64, 2));
    const before = noGrad(() => crossEntropy(model.forward(x), y).item());
    fit(model, {
      data: augmentBatches([x, y], options),
      step: (net, [xb, yb]) => crossEntropy(net.forward(xb), yb),
      optimizer: new Adam(model.parameters(), { lr: 0.05 }), epochs: 10, batchSize: 16, seed: 0,
    });
    const after = noGrad(() => crossEntropy(model.forward(x), y).item());
    expect(after).toBeLessThan(before / 5);
  });
});
