import type { TopLevelSpec } from 'vega-lite';
import { chartFont, palette } from './palette.js';

/** Chart-wide configuration: fonts, no frame, light grid. */
const config = {
  font: chartFont,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#edf2f7', domainColor: '#a0aec0', tickColor: '#a0aec0' },
  legend: { labelFontSize: 11, titleFontSize: 11 },
  title: { fontSize: 14, fontWeight: 'bold', anchor: 'start', color: palette.ink },
} as const;

/** One named curve of {@link costCurveSpec}. */
export interface CostSeries {
  /** Legend entry. */
  readonly name: string;
  /** `(iteration, cost)` points. */
  readonly points: readonly { readonly iteration: number; readonly cost: number }[];
}

/** Options of {@link costCurveSpec}. */
export interface CostCurveOptions {
  title: string;
  /** Title of the x axis (default "iteration"). */
  xTitle?: string;
  /** Title of the y axis (default "cost J"). */
  yTitle?: string;
  /** Logarithmic y axis (default false). */
  logY?: boolean;
  /** Start a linear y axis at zero (default true). */
  zero?: boolean;
  /** Only integer ticks on the x axis (default false). */
  integerX?: boolean;
  /** Corner of the legend (default 'top-right', right for falling curves). */
  legendCorner?: 'top-right' | 'bottom-right' | 'bottom-left';
  /** Names of series drawn dashed (e.g. one that would hide under another). */
  dashed?: readonly string[];
  width?: number;
  height?: number;
}

/**
 * A line chart of cost against iterations, one coloured line per series (colours and legend in
 * the order of `series`) — the course's "learning curve" plot.
 */
export function costCurveSpec(series: readonly CostSeries[], options: CostCurveOptions): TopLevelSpec {
  const values = series.flatMap((s) => s.points.map((p) => ({ series: s.name, iteration: p.iteration, cost: p.cost })));
  const legend = series.length > 1 ? { orient: options.legendCorner ?? 'top-right', labelLimit: 400, fillColor: 'white', padding: 4 } as const : null;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: options.width ?? 380,
    height: options.height ?? 240,
    config,
    data: { values },
    mark: { type: 'line', strokeWidth: 2, interpolate: 'monotone' },
    encoding: {
      x: {
        field: 'iteration',
        type: 'quantitative',
        title: options.xTitle ?? 'iteration',
        axis: options.integerX ? { format: 'd', tickMinStep: 1 } : {},
      },
      y: {
        field: 'cost',
        type: 'quantitative',
        title: options.yTitle ?? 'cost J',
        scale: options.logY ? { type: 'log' } : { zero: options.zero ?? true },
      },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: series.map((s) => s.name), range: [...palette.series] },
        legend,
      },
      ...(options.dashed && options.dashed.length > 0
        ? {
            strokeDash: {
              field: 'series',
              type: 'nominal' as const,
              scale: { domain: series.map((s) => s.name), range: series.map((s) => (options.dashed?.includes(s.name) ? [6, 4] : [1, 0])) },
              // The same legend as the colour's, so Vega-Lite merges the two into one.
              legend,
            },
          }
        : {}),
    },
  };
}

/** A rectangle of the plane and the class a model predicts there. */
export interface RegionCell {
  readonly x1: number;
  readonly x1End: number;
  readonly x2: number;
  readonly x2End: number;
  readonly predicted: number;
}

/** Options of {@link decisionBoundarySpec}. */
export interface DecisionBoundaryOptions {
  title: string;
  /** Size of the square plot in pixels (default 320). */
  size?: number;
  /** Show the legend of the point colours (default true). */
  legend?: boolean;
}

/** The data of one decision-boundary plot: predicted regions and the labelled points. */
export interface DecisionBoundaryPanel {
  readonly regions: readonly RegionCell[];
  readonly points: readonly { readonly x1: number; readonly x2: number; readonly label: number }[];
}

/** The layered chart of one panel, without top-level configuration. */
function decisionBoundaryLayers(panel: DecisionBoundaryPanel, options: DecisionBoundaryOptions) {
  const size = options.size ?? 320;
  const [x1Min, x1Max] = extent(panel.regions.flatMap((r) => [r.x1, r.x1End]));
  const [x2Min, x2Max] = extent(panel.regions.flatMap((r) => [r.x2, r.x2End]));
  const padX = (x1Max - x1Min) / 500;
  const padY = (x2Max - x2Min) / 500;
  const x = { type: 'quantitative', scale: { domain: [x1Min, x1Max], nice: false, zero: false }, title: 'x₁' } as const;
  const y = { type: 'quantitative', scale: { domain: [x2Min, x2Max], nice: false, zero: false }, title: 'x₂' } as const;
  return {
    title: options.title,
    width: size,
    height: size,
    // Regions and points colour the same classes with different shades: two colour scales.
    resolve: { scale: { color: 'independent' } },
    layer: [
      {
        // Each cell reaches a little into its neighbours, so anti-aliasing leaves no hairline seams.
        data: { values: panel.regions.map((r) => ({ ...r, x1End: r.x1End + padX, x2End: r.x2End + padY, predicted: String(r.predicted) })) },
        mark: { type: 'rect', strokeWidth: 0, clip: true },
        encoding: {
          x: { field: 'x1', ...x, scale: { ...x.scale, domain: [...x.scale.domain] } },
          x2: { field: 'x1End' },
          y: { field: 'x2', ...y, scale: { ...y.scale, domain: [...y.scale.domain] } },
          y2: { field: 'x2End' },
          color: {
            field: 'predicted',
            type: 'nominal',
            scale: { domain: ['0', '1'], range: [palette.redRegion, palette.blueRegion] },
            legend: null,
          },
        },
      },
      {
        data: { values: panel.points.map((p) => ({ x1: p.x1, x2: p.x2, label: String(p.label) })) },
        mark: { type: 'circle', size: size > 250 ? 22 : 10, opacity: 0.9, stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x: { field: 'x1', ...x, scale: { ...x.scale, domain: [...x.scale.domain] } },
          y: { field: 'x2', ...y, scale: { ...y.scale, domain: [...y.scale.domain] } },
          color: {
            field: 'label',
            type: 'nominal',
            title: 'label y',
            scale: { domain: ['0', '1'], range: [palette.red, palette.blue] },
            legend: options.legend === false ? null : { orient: 'bottom-right', direction: 'horizontal', fillColor: 'white', padding: 5, strokeColor: '#e2e8f0' },
          },
        },
      },
    ],
  } satisfies TopLevelSpec;
}

/**
 * The course's `plot_decision_boundary`: the plane coloured by the class a model predicts (a
 * layer of rectangles, see `decisionRegions`), the labelled data points on top.
 */
export function decisionBoundarySpec(panel: DecisionBoundaryPanel, options: DecisionBoundaryOptions): TopLevelSpec {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', config, ...decisionBoundaryLayers(panel, options) };
}

/** Several decision boundaries side by side (small multiples), `columns` per row (default 3). */
export function decisionBoundaryPanelsSpec(
  panels: readonly (DecisionBoundaryPanel & { readonly title: string })[],
  options: { title: string; columns?: number; size?: number },
): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    config: { ...config, title: { ...config.title, fontSize: 12 } },
    columns: options.columns ?? 3,
    concat: panels.map((panel) => decisionBoundaryLayers(panel, { title: panel.title, size: options.size ?? 200, legend: false })),
  };
}

/** A small greyscale or colour image and the text shown under it. */
export interface LabelledImage {
  /** Row-major pixel intensities in `[0, 1]`: `side × side`, or `side × side × 3` (RGB, channels last) with `rgb`. */
  readonly pixels: ArrayLike<number>;
  /** The pixels are RGB triples (default false: greyscale, dark ink on white). */
  readonly rgb?: boolean;
  /** Text under the image, e.g. `7 ✓`. */
  readonly caption: string;
  /** Whether the caption reports a correct prediction (green) or not (red); null: plain ink. */
  readonly correct: boolean | null;
}

/** Options of {@link imageGridSpec}. */
export interface ImageGridOptions {
  title: string;
  /** Images per row (default 8). */
  columns?: number;
  /** Side of an image in data pixels (default 28). */
  side?: number;
  /** Screen pixels per data pixel (default 2.5). */
  scale?: number;
}

/**
 * Images (e.g. MNIST test digits, or colour scenes) in a grid, each with a caption coloured by
 * whether the model got it right. Greyscale intensities are quantised to eighths, colours to 16
 * levels per channel, and runs merged, so the SVG stays small.
 */
export function imageGridSpec(images: readonly LabelledImage[], options: ImageGridOptions): TopLevelSpec {
  const columns = options.columns ?? 8;
  const side = options.side ?? 28;
  const scale = options.scale ?? 2.5;
  const gap = 4;
  const captionRoom = 10;
  const cellW = side + gap;
  const cellH = side + captionRoom + gap;
  const rows = Math.ceil(images.length / columns);
  const frames: { x: number; xEnd: number; y: number; yEnd: number }[] = [];
  const pixels: { x: number; xEnd: number; y: number; yEnd: number; v: number }[] = [];
  const colours: { x: number; xEnd: number; y: number; yEnd: number; fill: string }[] = [];
  const captions: { x: number; y: number; text: string; correct: string }[] = [];
  images.forEach((image, k) => {
    const ox = (k % columns) * cellW;
    const oy = Math.floor(k / columns) * cellH;
    frames.push({ x: ox, xEnd: ox + side, y: oy, yEnd: oy + side });
    captions.push({ x: ox + side / 2, y: oy + side + captionRoom * 0.65, text: image.caption, correct: image.correct === null ? 'plain' : image.correct ? 'yes' : 'no' });
    if (image.rgb) {
      colours.push(...colourRuns(image.pixels, side, ox, oy));
      return;
    }
    // Intensities quantised to eighths; a run of equal pixels in a row becomes one rectangle.
    const level = (r: number, c: number): number => Math.round(Math.min(1, Math.max(0, image.pixels[r * side + c] ?? 0)) * 8);
    for (let r = 0; r < side; r++) {
      let c = 0;
      while (c < side) {
        const v = level(r, c);
        let end = c + 1;
        while (end < side && level(r, end) === v) end++;
        if (v > 0) pixels.push({ x: ox + c, xEnd: ox + end, y: oy + r, yEnd: oy + r + 1, v: v / 8 });
        c = end;
      }
    }
  });
  const x = plainAxis(columns * cellW - gap, false);
  const y = plainAxis(rows * cellH - gap, true);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: (columns * cellW - gap) * scale,
    height: (rows * cellH - gap) * scale,
    config,
    layer: [
      {
        data: { values: frames },
        mark: { type: 'rect', fill: 'white', stroke: '#cbd5e0', strokeWidth: 0.8 },
        encoding: { x: { field: 'x', ...x }, x2: { field: 'xEnd' }, y: { field: 'y', ...y }, y2: { field: 'yEnd' } },
      },
      {
        data: { values: pixels },
        mark: { type: 'rect', fill: palette.ink, strokeWidth: 0 },
        encoding: {
          x: { field: 'x', ...x },
          x2: { field: 'xEnd' },
          y: { field: 'y', ...y },
          y2: { field: 'yEnd' },
          opacity: { field: 'v', type: 'quantitative', scale: { domain: [0, 1], range: [0, 1] }, legend: null },
        },
      },
      {
        data: { values: colours },
        mark: { type: 'rect', strokeWidth: 0 },
        encoding: { x: { field: 'x', ...x }, x2: { field: 'xEnd' }, y: { field: 'y', ...y }, y2: { field: 'yEnd' }, fill: { field: 'fill', type: 'nominal', scale: null } },
      },
      {
        data: { values: captions },
        mark: { type: 'text', fontSize: 12, fontWeight: 'bold', baseline: 'middle' },
        encoding: {
          x: { field: 'x', ...x },
          y: { field: 'y', ...y },
          text: { field: 'text' },
          color: { field: 'correct', type: 'nominal', scale: { domain: ['yes', 'no', 'plain'], range: [palette.good, palette.bad, palette.ink] }, legend: null },
        },
      },
    ],
  };
}

/** An RGB image's pixels as rectangles of one colour each: channels quantised to 16 levels, equal runs in a row merged. */
function colourRuns(rgb: ArrayLike<number>, side: number, ox: number, oy: number): { x: number; xEnd: number; y: number; yEnd: number; fill: string }[] {
  const hex = (v: number): string => Math.round(Math.min(1, Math.max(0, v)) * 15).toString(16);
  const at = (r: number, c: number): string => {
    const i = (r * side + c) * 3;
    return `#${hex(rgb[i] ?? 0)}${hex(rgb[i + 1] ?? 0)}${hex(rgb[i + 2] ?? 0)}`;
  };
  const runs: { x: number; xEnd: number; y: number; yEnd: number; fill: string }[] = [];
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; ) {
      const fill = at(r, c);
      let end = c + 1;
      while (end < side && at(r, end) === fill) end++;
      runs.push({ x: ox + c, xEnd: ox + end, y: oy + r, yEnd: oy + r + 1, fill });
      c = end;
    }
  }
  return runs;
}

/** Options of {@link weightMapSpec}. */
export interface WeightMapOptions {
  title: string;
  /** Side of the square map in data pixels (default 28). */
  side?: number;
  /** Size of the plot in screen pixels (default 224). */
  size?: number;
}

/**
 * A signed `side × side` map (e.g. logistic regression's 784 weights seen as an image): red where
 * a pixel pushes towards "no", blue towards "yes", white near zero.
 */
export function weightMapSpec(values: ArrayLike<number>, options: WeightMapOptions): TopLevelSpec {
  const side = options.side ?? 28;
  const cells: { r: number; c: number; w: number }[] = [];
  let limit = 1e-12;
  for (let i = 0; i < side * side; i++) {
    const w = values[i] ?? 0;
    limit = Math.max(limit, Math.abs(w));
    cells.push({ r: Math.floor(i / side), c: i % side, w });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: options.size ?? 224,
    height: options.size ?? 224,
    config,
    data: { values: cells },
    mark: { type: 'rect', strokeWidth: 0 },
    encoding: {
      x: { field: 'c', type: 'ordinal', axis: null },
      y: { field: 'r', type: 'ordinal', axis: null },
      color: {
        field: 'w',
        type: 'quantitative',
        title: 'weight',
        scale: { scheme: 'redblue', domain: [-limit, limit] },
        legend: { orient: 'right', gradientLength: 160, format: '.2f' },
      },
    },
  };
}

/** Options of {@link confusionMatrixSpec}. */
export interface ConfusionMatrixOptions {
  title: string;
  /** Size of the square plot in screen pixels (default 300). */
  size?: number;
}

/**
 * A confusion matrix: rows are true classes, columns predicted classes, each cell the count of
 * examples, shaded by the count and labelled with it.
 * @param counts `counts[trueClass][predictedClass]`.
 */
export function confusionMatrixSpec(counts: readonly (readonly number[])[], options: ConfusionMatrixOptions): TopLevelSpec {
  const cells = counts.flatMap((row, t) => row.map((n, p) => ({ actual: t, predicted: p, n, diagonal: t === p })));
  const max = Math.max(1, ...cells.map((c) => c.n));
  const encoding = {
    x: { field: 'predicted', type: 'ordinal', title: 'predicted', axis: { orient: 'top', labelAngle: 0 } },
    y: { field: 'actual', type: 'ordinal', title: 'true digit' },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: options.size ?? 300,
    height: options.size ?? 300,
    config,
    data: { values: cells },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          ...encoding,
          color: { field: 'n', type: 'quantitative', scale: { type: 'sqrt', scheme: 'blues', domain: [0, max] }, legend: null },
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          ...encoding,
          text: { field: 'n', type: 'quantitative' },
          color: { condition: { test: `datum.n > ${max * 0.35}`, value: 'white' }, value: palette.ink },
        },
      },
    ],
  };
}

/** A position channel without an axis over `[0, max]` (optionally top to bottom). */
function plainAxis(max: number, reverse: boolean): { type: 'quantitative'; scale: { domain: number[]; nice: false; zero: true; reverse: boolean }; axis: null } {
  return { type: 'quantitative', scale: { domain: [0, max], nice: false, zero: true, reverse }, axis: null };
}

function extent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** A level set of a 2-D function drawn as a closed polyline (vertices in `order`). */
export interface ContourVertex {
  readonly level: number;
  readonly order: number;
  readonly x: number;
  readonly y: number;
}

/** One optimizer's path of {@link optimizerPathsSpec}. */
export interface OptimizerPath {
  /** Legend entry. */
  readonly name: string;
  /** Points visited, in order. */
  readonly points: readonly { readonly step: number; readonly x: number; readonly y: number }[];
}

/** Options of {@link optimizerPathsSpec}. */
export interface OptimizerPathsOptions {
  title: string;
  /** Visible range of the first coordinate. */
  xDomain: readonly [number, number];
  /** Visible range of the second coordinate. */
  yDomain: readonly [number, number];
  width?: number;
  height?: number;
  /** Axis titles (default w₁, w₂). */
  xTitle?: string;
  yTitle?: string;
}

/**
 * The course's picture of optimizers on a cost surface: grey level sets of the cost and, on top,
 * the path each optimizer takes (a line through its iterates, one colour per optimizer, a dot per
 * step), all starting from the same point.
 */
export function optimizerPathsSpec(contours: readonly ContourVertex[], paths: readonly OptimizerPath[], options: OptimizerPathsOptions): TopLevelSpec {
  const x = { type: 'quantitative' as const, scale: { domain: [options.xDomain[0], options.xDomain[1]], nice: false, zero: false }, title: options.xTitle ?? 'w₁' };
  const y = { type: 'quantitative' as const, scale: { domain: [options.yDomain[0], options.yDomain[1]], nice: false, zero: false }, title: options.yTitle ?? 'w₂' };
  const values = paths.flatMap((p) => p.points.map((pt) => ({ optimizer: p.name, step: pt.step, x: pt.x, y: pt.y })));
  const color = {
    field: 'optimizer',
    type: 'nominal',
    title: null,
    scale: { domain: paths.map((p) => p.name), range: [...palette.series] },
    legend: { orient: 'bottom', direction: 'horizontal', labelLimit: 400, columns: 4 },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: options.width ?? 760,
    height: options.height ?? 260,
    config,
    layer: [
      {
        data: { values: contours.map((c) => ({ ...c })) },
        mark: { type: 'line', stroke: '#a0aec0', strokeWidth: 0.8, clip: true },
        encoding: { x: { field: 'x', ...x }, y: { field: 'y', ...y }, detail: { field: 'level', type: 'nominal' }, order: { field: 'order', type: 'quantitative' } },
      },
      {
        data: { values },
        mark: { type: 'line', strokeWidth: 1.6, clip: true },
        encoding: { x: { field: 'x', ...x }, y: { field: 'y', ...y }, color, order: { field: 'step', type: 'quantitative' } },
      },
      {
        data: { values },
        mark: { type: 'circle', size: 14, opacity: 1, clip: true },
        encoding: { x: { field: 'x', ...x }, y: { field: 'y', ...y }, color },
      },
      {
        data: { values: [{ x: 0, y: 0 }] },
        mark: { type: 'point', shape: 'cross', size: 120, color: palette.ink, strokeWidth: 2 },
        encoding: { x: { field: 'x', ...x }, y: { field: 'y', ...y } },
      },
    ],
  };
}

/** One bar of {@link accuracyBarsSpec}: a model's accuracy on one set. */
export interface AccuracyBar {
  /** The model (one group of bars). */
  readonly model: string;
  /** The set, e.g. "train" or "dev" (one bar per set in each group). */
  readonly set: string;
  /** Accuracy in `[0, 1]`. */
  readonly accuracy: number;
}

/**
 * Grouped bars of train and dev accuracy per model, each bar labelled with its value — the
 * course's comparison table as a picture; the distance between a model's two bars is its
 * variance (the train/dev gap).
 */
export function accuracyBarsSpec(bars: readonly AccuracyBar[], options: { title: string; width?: number; height?: number; domain?: readonly [number, number] }): TopLevelSpec {
  const models = [...new Set(bars.map((b) => b.model))];
  const sets = [...new Set(bars.map((b) => b.set))];
  const domain = options.domain ?? [0.5, 1];
  const encoding = {
    x: { field: 'model', type: 'nominal' as const, sort: models, title: null, axis: { labelAngle: 0, labelLimit: 220 } },
    xOffset: { field: 'set', type: 'nominal' as const, sort: sets },
    y: { field: 'accuracy', type: 'quantitative' as const, title: 'accuracy', scale: { domain: [domain[0], domain[1]], clamp: true, zero: false }, axis: { format: '.0%' } },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: options.width ?? 380,
    height: options.height ?? 240,
    config,
    data: { values: bars.map((b) => ({ ...b, label: `${(b.accuracy * 100).toFixed(1)}` })) },
    layer: [
      {
        mark: { type: 'bar', width: { band: 0.9 } },
        encoding: {
          ...encoding,
          color: { field: 'set', type: 'nominal', sort: sets, title: null, scale: { range: [palette.blue, '#dd6b20'] }, legend: { orient: 'top', direction: 'horizontal' } },
        },
      },
      {
        mark: { type: 'text', dy: -6, fontSize: 10, color: palette.ink },
        encoding: { ...encoding, text: { field: 'label' } },
      },
    ],
  };
}

/** One trial of {@link searchScatterSpec}. */
export interface SearchPoint {
  /** Learning rate α (the log-scale x axis). */
  readonly alpha: number;
  /** The second hyperparameter (colour), e.g. momentum β. */
  readonly other: number;
  /** Score of the trial (the y axis), e.g. dev accuracy in `[0, 1]`. */
  readonly score: number;
  /** The best trial of the search, highlighted. */
  readonly best: boolean;
}

/** Options of {@link searchScatterSpec}. */
export interface SearchScatterOptions {
  title: string;
  /** Title of the y axis (default "dev accuracy"). */
  yTitle?: string;
  /** Name of the colour hyperparameter (default "β"). */
  otherTitle?: string;
  /**
   * Colour by `1 − other` on a log scale over [0.001, 0.1] (default false): for averaging rates
   * β in [0.9, 0.999], sampled on that scale, so that 0.9, 0.99 and 0.999 get distinct colours.
   */
  oneMinusOther?: boolean;
  /** Range of α shown (default: the points' own). */
  alphaDomain?: readonly [number, number];
  width?: number;
  height?: number;
}

/**
 * A random search's results: the score of each trial against its learning rate α on a
 * logarithmic x axis (the course's "appropriate scale"), coloured by a second hyperparameter;
 * the best trial is ringed and labelled.
 */
export function searchScatterSpec(points: readonly SearchPoint[], options: SearchScatterOptions): TopLevelSpec {
  const x = {
    field: 'alpha',
    type: 'quantitative' as const,
    title: 'learning rate α (log scale)',
    scale: { type: 'log' as const, ...(options.alphaDomain ? { domain: [options.alphaDomain[0], options.alphaDomain[1]] } : {}) },
    axis: { format: '~g', values: [1e-4, 1e-3, 1e-2, 1e-1, 1] },
  };
  const y = { field: 'score', type: 'quantitative' as const, title: options.yTitle ?? 'dev accuracy', scale: { zero: false }, axis: { format: '.0%' } };
  // The label goes left of the best point when it lies in the right half of the (log) axis.
  const [lo, hi] = options.alphaDomain ?? [Math.min(...points.map((p) => p.alpha)), Math.max(...points.map((p) => p.alpha))];
  const bestAlpha = points.find((p) => p.best)?.alpha ?? lo;
  const labelLeft = Math.log(bestAlpha / lo) > 0.5 * Math.log(hi / lo);
  const best = points.filter((p) => p.best).map((p) => ({ ...p, label: `best: α = ${p.alpha.toPrecision(2)}, ${(options.otherTitle ?? 'β')} = ${p.other.toPrecision(3)}, ${(p.score * 100).toFixed(1)}%` }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: options.width ?? 760,
    height: options.height ?? 260,
    config,
    layer: [
      {
        data: { values: points.map((p) => ({ ...p, oneMinus: 1 - p.other })) },
        mark: { type: 'circle', size: 70, opacity: 0.9, stroke: 'white', strokeWidth: 0.6 },
        encoding: {
          x,
          y,
          color: options.oneMinusOther
            ? { field: 'oneMinus', type: 'quantitative', title: `1 − ${options.otherTitle ?? 'β'}`, scale: { type: 'log', scheme: 'viridis', domain: [0.001, 0.1] }, legend: { orient: 'right', gradientLength: 140, format: '~g', values: [0.001, 0.01, 0.1] } }
            : { field: 'other', type: 'quantitative', title: options.otherTitle ?? 'β', scale: { scheme: 'viridis' }, legend: { orient: 'right', gradientLength: 140 } },
        },
      },
      {
        data: { values: best },
        mark: { type: 'point', size: 320, stroke: palette.bad, strokeWidth: 2.2, filled: false, opacity: 1 },
        encoding: { x, y },
      },
      {
        data: { values: best },
        mark: { type: 'text', align: labelLeft ? 'right' : 'left', dx: labelLeft ? -14 : 14, dy: -12, fontSize: 12, fontWeight: 'bold', color: palette.bad },
        encoding: { x, y, text: { field: 'label' } },
      },
    ],
  };
}
