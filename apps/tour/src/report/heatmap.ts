import type { TopLevelSpec } from 'vega-lite';
import { chartFont, palette } from './palette.js';

/** Options of {@link heatmapSpec}. */
export interface HeatmapOptions {
  title: string;
  /** One label per row, top to bottom (labels may repeat, e.g. characters). */
  rowLabels: readonly string[];
  /** One label per column, left to right. */
  columnLabels: readonly string[];
  xTitle?: string;
  yTitle?: string;
  /** Legend title (default 'value'). */
  valueTitle?: string;
  /** Side of one cell in screen pixels (default 18). */
  cellSize?: number;
  /** Colour-scale domain (default `[0, max]`). */
  domain?: readonly [number, number];
  /** Show the colour legend (default true). */
  legend?: boolean;
  /** Leave zero cells blank instead of drawing them (default false): small pictures of sparse matrices such as piano rolls. */
  omitZeros?: boolean;
}

/** Index axis whose tick labels are the given strings (a plain ordinal scale would merge repeated labels). */
function labelledAxis(field: string, labels: readonly string[], title: string | undefined, orient: 'top' | 'left') {
  const shown = labels.map((l) => (l === ' ' ? '␣' : l));
  return {
    field,
    type: 'ordinal',
    title: title ?? null,
    axis: { orient, labelAngle: 0, labelOverlap: false, labelExpr: `${JSON.stringify(shown)}[datum.value]`, ticks: false, domain: false, labelFont: 'monospace', labelFontSize: 12 },
  } as const;
}

/**
 * A matrix of non-negative values as shaded cells — e.g. attention weights `α<t,t'>` with the
 * output steps as rows and the input positions as columns.
 * @param values `values[row][column]`.
 */
export function heatmapSpec(values: readonly (readonly number[])[], options: HeatmapOptions): TopLevelSpec {
  const cells = values.flatMap((row, r) => row.map((value, c) => ({ r, c, value }))).filter((cell) => !options.omitZeros || cell.value !== 0);
  const max = Math.max(1e-12, ...cells.map((c) => c.value));
  const size = options.cellSize ?? 18;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: size * options.columnLabels.length,
    height: size * options.rowLabels.length,
    config: {
      font: chartFont,
      view: { stroke: null },
      axis: { titleFontSize: 12, titleFontWeight: 'normal' },
      legend: { labelFontSize: 11, titleFontSize: 11 },
      title: { fontSize: 14, fontWeight: 'bold', anchor: 'start', color: palette.ink },
    },
    data: { values: cells },
    mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x: { ...labelledAxis('c', options.columnLabels, options.xTitle, 'top'), scale: { domain: options.columnLabels.map((_, i) => i) } },
      y: { ...labelledAxis('r', options.rowLabels, options.yTitle, 'left'), scale: { domain: options.rowLabels.map((_, i) => i) } },
      color: {
        field: 'value',
        type: 'quantitative',
        title: options.valueTitle ?? 'value',
        scale: { scheme: 'blues', domain: [...(options.domain ?? [0, max])] },
        legend: options.legend === false ? null : { orient: 'right', gradientLength: Math.max(60, size * options.rowLabels.length - 20), format: '.1f' },
      },
    },
  };
}
