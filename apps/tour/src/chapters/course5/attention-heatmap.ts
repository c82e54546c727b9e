import type { TopLevelSpec } from 'vega-lite';
import type { CrossAttention } from './date-translation.js';

/** An axis over positions `0 … n−1` labelled with the characters at them (spaces shown as `␣`). */
function charAxis(chars: readonly string[], orient: 'top' | 'left') {
  const labels = JSON.stringify(chars.map((ch) => (ch === ' ' ? '␣' : ch)));
  return { orient, labelAngle: 0, title: null, ticks: false, domain: false, labelFontSize: 12, labelExpr: `${labels}[datum.value]` };
}

/**
 * A cross-attention heatmap: one row per output character, one column per source character,
 * shaded by the attention weight (0 white … 1 dark), the course's picture of where the decoder
 * looks while it writes each character.
 */
export function attentionHeatmapSpec(attention: CrossAttention, options: { title: string; cell?: number }): TopLevelSpec {
  const cell = options.cell ?? 16;
  const cells = attention.weights.flatMap((row, i) => row.map((w, j) => ({ i, j, w })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: cell * attention.source.length,
    height: cell * attention.output.length,
    data: { values: cells },
    mark: { type: 'rect', strokeWidth: 0 },
    encoding: {
      x: { field: 'j', type: 'ordinal', axis: charAxis(attention.source, 'top') },
      y: { field: 'i', type: 'ordinal', axis: charAxis(attention.output, 'left') },
      color: { field: 'w', type: 'quantitative', title: 'weight', scale: { scheme: 'greys', domain: [0, 1] }, legend: { orient: 'right', gradientLength: 100, format: '.1f' } },
    },
  };
}
