import { manualSeed } from '@dlkit/core';
import { Adam, Momentum, SGD } from '@dlkit/optim';
import { describe, expect, it } from 'vitest';
import { bowlContours, bowlPath, bowlValue } from '../src/chapters/course2/bowl.js';
import { accuracyOf, binaryNetwork, trainBinary } from '../src/chapters/course2/training.js';
import { footballBoundary, loadFootballDataset } from '../src/data/football.js';
import { loadMoonsDataset } from '../src/data/moons.js';
import { optimizerPathsSpec, searchScatterSpec } from '../src/report/charts.js';
import { renderSvg } from '../src/report/render.js';

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

describe('moons dataset', () => {
  it('is seeded and has the course shape: 300 points, 150 per moon, noise 0.2 around two half circles', () => {
    const a = loadMoonsDataset();
    const b = loadMoonsDataset();
    const c = loadMoonsDataset({ seed: 4 });
    expect(a.X.shape).toEqual([300, 2]);
    expect(a.Y.shape).toEqual([300, 1]);
    expect(Array.from(a.X.dataSync())).toEqual(Array.from(b.X.dataSync()));
    expect(Array.from(a.X.dataSync())).not.toEqual(Array.from(c.X.dataSync()));
    const upper = a.points.filter((p) => p.label === 0);
    const lower = a.points.filter((p) => p.label === 1);
    expect(upper).toHaveLength(150);
    expect(lower).toHaveLength(150);
    // Upper moon: the unit half circle around (0, 0); lower moon: around (1, 0.5), flipped.
    expect(mean(upper.map((p) => Math.abs(Math.hypot(p.x1, p.x2) - 1)))).toBeLessThan(0.25);
    expect(mean(lower.map((p) => Math.abs(Math.hypot(p.x1 - 1, p.x2 - 0.5) - 1)))).toBeLessThan(0.25);
    expect(mean(upper.map((p) => p.x2))).toBeGreaterThan(mean(lower.map((p) => p.x2)) + 0.5);
    // Shuffled: not all of one class first.
    expect(a.points.slice(0, 150).some((p) => p.label === 1)).toBe(true);
    // Noise 0 puts every point exactly on its moon.
    const clean = loadMoonsDataset({ noise: 0, m: 10 });
    for (const p of clean.points) {
      const r = p.label === 0 ? Math.hypot(p.x1, p.x2) : Math.hypot(p.x1 - 1, p.x2 - 0.5);
      expect(r).toBeCloseTo(1, 5);
    }
  });
});

describe('football (regularization) dataset', () => {
  it('gives seeded train and dev sets of the course sizes, labelled by the wavy boundary with a little noise', () => {
    const a = loadFootballDataset({ seed: 3 });
    const b = loadFootballDataset({ seed: 3 });
    expect(a.train.X.shape).toEqual([211, 2]);
    expect(a.dev.X.shape).toEqual([200, 2]);
    expect(Array.from(a.dev.X.dataSync())).toEqual(Array.from(b.dev.X.dataSync()));
    for (const set of [a.train, a.dev]) {
      expect(set.points.every((p) => p.x1 >= -0.75 && p.x1 <= 0.45 && p.x2 >= -0.75 && p.x2 <= 0.65)).toBe(true);
      const agree = set.points.filter((p) => (p.x1 < footballBoundary(p.x2) ? 1 : 0) === p.label).length / set.points.length;
      expect(agree).toBeGreaterThan(0.8);
      expect(agree).toBeLessThan(1);
      expect(new Set(set.points.map((p) => p.label))).toEqual(new Set([0, 1]));
    }
    const noiseless = loadFootballDataset({ flip: 0, fuzz: 0 });
    expect(noiseless.train.points.every((p) => (p.x1 < footballBoundary(p.x2) ? 1 : 0) === p.label)).toBe(true);
  });
});

describe('Course 2 pieces', () => {
  it('trains the optimization lab\'s network on the moons with optim\'s Adam through fit (accuracy > 0.85)', () => {
    const data = loadMoonsDataset();
    manualSeed(2);
    const model = binaryNetwork({ hidden: [5, 2] });
    const run = trainBinary(model, data, { optimizer: new Adam(model.parameters(), { lr: 0.01 }), epochs: 150, batchSize: 64, progress: false });
    expect(run.history.iterations).toBe(150 * 5);
    expect(run.history.costs.at(-1)!.cost).toBeLessThan(run.history.costs[0]!.cost / 2);
    expect(accuracyOf(model, data)).toBeGreaterThan(0.85);
  });

  it('on the elongated bowl, momentum, RMSprop and Adam end far lower than gradient descent', async () => {
    const gd = bowlPath((p) => new SGD(p, { lr: 0.9 }), 60);
    const momentum = bowlPath((p) => new Momentum(p, { lr: 2, beta: 0.9 }), 60);
    const adam = bowlPath((p) => new Adam(p, { lr: 0.5 }), 60);
    expect(gd).toHaveLength(61);
    expect(gd[0]).toEqual({ step: 0, x: -10, y: 1, f: bowlValue(-10, 1) });
    expect(gd.at(-1)!.f).toBeGreaterThan(0.05);
    expect(momentum.at(-1)!.f).toBeLessThan(gd.at(-1)!.f / 50);
    expect(adam.at(-1)!.f).toBeLessThan(gd.at(-1)!.f / 50);
    const contours = bowlContours([1], 8);
    for (const v of contours) expect(bowlValue(v.x, v.y)).toBeCloseTo(1, 9);
    const svg = await renderSvg(optimizerPathsSpec(contours, [{ name: 'GD', points: gd }], { title: 'bowl', xDomain: [-11, 3], yDomain: [-1.2, 1.2] }));
    expect(svg).toContain('<svg');
  });

  it('renders a random search on a log axis with the best trial labelled', async () => {
    const points = [1e-4, 1e-3, 1e-2, 1e-1].map((alpha, i) => ({ alpha, other: 0.9, score: 0.5 + i / 10, best: i === 3 }));
    const svg = await renderSvg(searchScatterSpec(points, { title: 'search', alphaDomain: [1e-4, 1] }));
    expect(svg).toContain('best: α = 0.10');
    expect(svg).toContain('learning rate α (log scale)');
  });
});
