import { describe, expect, it } from 'vitest';
import { loadPlanarDataset } from '../src/data/flower.js';
import { binaryAccuracy } from '../src/chapters/course1/metrics.js';
import { shallowPredict, trainShallowNetwork } from '../src/chapters/course1/shallow-network.js';
import { costCurveSpec, decisionBoundarySpec } from '../src/report/charts.js';
import { decisionRegions } from '../src/report/decision-regions.js';
import { renderSvg } from '../src/report/render.js';

describe('planar flower dataset', () => {
  it('is seeded and has the course shape: 400 points, 2 features, 200 per class', () => {
    const a = loadPlanarDataset({ seed: 1 });
    const b = loadPlanarDataset({ seed: 1 });
    const c = loadPlanarDataset({ seed: 2 });
    expect(a.X.shape).toEqual([400, 2]);
    expect(a.Y.shape).toEqual([400, 1]);
    expect(Array.from(a.X.dataSync())).toEqual(Array.from(b.X.dataSync()));
    expect(Array.from(a.X.dataSync())).not.toEqual(Array.from(c.X.dataSync()));
    const labels = Array.from(a.Y.dataSync());
    expect(new Set(labels)).toEqual(new Set([0, 1]));
    expect(labels.filter((y) => y === 1)).toHaveLength(200);
    // Petals of ray at most a = 4 (plus noise).
    const radii = a.points.map((p) => Math.hypot(p.x1, p.x2));
    expect(Math.max(...radii)).toBeLessThan(5.5);
  });
});

describe('shallow network', () => {
  it('learns the flower quickly (accuracy > 0.8)', () => {
    const { X, Y } = loadPlanarDataset();
    const { params, history } = trainShallowNetwork(X, Y, { iterations: 1_000, learningRate: 1.2, hiddenUnits: 4, seed: 1, progress: false });
    expect(binaryAccuracy(shallowPredict(params, X), Y)).toBeGreaterThan(0.8);
    expect(history.costs.at(-1)!.cost).toBeLessThan(history.costs[0]!.cost / 2);
  });
});

describe('report rendering', () => {
  it('renders a Vega-Lite spec to an SVG string', async () => {
    const svg = await renderSvg(costCurveSpec([{ name: 'cost', points: [{ iteration: 0, cost: 0.7 }, { iteration: 1, cost: 0.3 }] }], { title: 'curve' }));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('curve');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it('draws decision regions from a model evaluated on a grid', async () => {
    const points = [{ x1: -1, x2: 0, label: 0 }, { x1: 1, x2: 0, label: 1 }];
    // A "model" predicting class 1 right of x1 = 0: each grid row is two merged rectangles.
    const regions = decisionRegions((g) => g.slice([0, 0], [g.shape[0]!, 1]).greater(0).cast('float32'), points, { resolution: 10 });
    expect(regions).toHaveLength(20);
    expect(regions.filter((r) => r.predicted === 1).every((r) => r.x1 >= -1e-6)).toBe(true);
    const svg = await renderSvg(decisionBoundarySpec({ regions, points }, { title: 'boundary' }));
    expect(svg).toContain('<svg');
  });
});
