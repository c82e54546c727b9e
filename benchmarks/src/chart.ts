import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';
import type { Report } from './report.js';

/**
 * The results as a picture: a dot plot of GFLOP/s per case, one dot per backend, on a log axis
 * (the backends differ by orders of magnitude; bars have no baseline on a log scale). Rendered
 * to SVG in Node without a browser.
 */
export async function renderChart(report: Report): Promise<string> {
  const values = report.results
    .filter((r) => !r.error && Number.isFinite(r.gflops) && r.gflops > 0)
    .map((r) => ({ case: `${r.case} ${r.params}`, backend: r.backend, gflops: r.gflops }));
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `dlkit benchmarks · ${report.machine.cpu} · Node ${report.machine.node}`,
    width: 560,
    data: { values },
    mark: { type: 'point', filled: true, size: 90, opacity: 0.9 },
    encoding: {
      y: { field: 'case', type: 'nominal', sort: null, title: null, axis: { labelLimit: 320 } },
      shape: { field: 'backend', type: 'nominal', sort: null },
      x: { field: 'gflops', type: 'quantitative', scale: { type: 'log' }, title: 'GFLOP/s (log scale, higher is faster)' },
      color: { field: 'backend', type: 'nominal', sort: null, title: 'backend' },
      tooltip: [{ field: 'backend' }, { field: 'gflops', format: '.2f' }],
    },
    config: { view: { stroke: null }, axis: { grid: true } },
  };
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
