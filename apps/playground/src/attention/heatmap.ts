import type { CrossAttention } from '@dlkit/tour/date-translation';

/** Pixels per heatmap cell. */
export const HEATMAP_CELL = 22;
/** Room for the output characters on the left and the input characters on top. */
const MARGIN = 24;

/**
 * The grey of an attention weight in `[0, 1]`: white at 0, black at 1 (the tour's heatmaps' scale).
 * @example attentionGrey(0.5) // 'rgb(128, 128, 128)'
 */
export function attentionGrey(weight: number): string {
  const level = Math.round(255 * (1 - Math.max(0, Math.min(1, weight))));
  return `rgb(${level}, ${level}, ${level})`;
}

/**
 * Draws a cross-attention heatmap: one row per output character (labelled on the left), one
 * column per input character (labelled on top, spaces as `␣`), each cell shaded by its weight.
 * Resizes the canvas to fit.
 * @example drawAttention(canvas, trainer.translate('5 mar 2002'));
 */
export function drawAttention(canvas: HTMLCanvasElement, attention: CrossAttention): void {
  const { source, output, weights } = attention;
  canvas.width = MARGIN + HEATMAP_CELL * source.length;
  canvas.height = MARGIN + HEATMAP_CELL * output.length;
  const context = canvas.getContext('2d')!;
  context.fillStyle = 'white';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.font = '13px ui-monospace, monospace';
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.fillStyle = '#222';
  source.forEach((ch, j) => context.fillText(ch === ' ' ? '␣' : ch, MARGIN + HEATMAP_CELL * (j + 0.5), MARGIN / 2));
  output.forEach((ch, i) => context.fillText(ch, MARGIN / 2, MARGIN + HEATMAP_CELL * (i + 0.5)));
  weights.forEach((row, i) =>
    row.forEach((w, j) => {
      context.fillStyle = attentionGrey(w);
      context.fillRect(MARGIN + HEATMAP_CELL * j, MARGIN + HEATMAP_CELL * i, HEATMAP_CELL, HEATMAP_CELL);
    }),
  );
}
