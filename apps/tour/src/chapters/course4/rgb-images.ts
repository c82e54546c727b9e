import type { TopLevelSpec } from 'vega-lite';
import { palette } from '../../report/palette.js';

/** One colour picture of {@link rgbPanelsSpec}: row-major RGB in `[0, 1]`, `height × width × 3`. */
export interface RgbPanel {
  readonly rgb: ArrayLike<number>;
  readonly height: number;
  readonly width: number;
  /** Text above the picture. */
  readonly caption: string;
}

/** `#rrggbb` of an RGB triple in `[0, 1]`, each channel quantised to 16 levels (so runs merge and the SVG stays small). */
function hex(r: number, g: number, b: number): string {
  const q = (v: number): string => (Math.round(Math.min(1, Math.max(0, v)) * 15) * 17).toString(16).padStart(2, '0');
  return `#${q(r)}${q(g)}${q(b)}`;
}

/**
 * Colour pictures (photos, segmentation masks, generated images) in a grid with a caption above
 * each; a run of equal (quantised) colours in a row is one rectangle.
 */
export function rgbPanelsSpec(panels: readonly RgbPanel[], options: { title: string; columns: number; scale?: number }): TopLevelSpec {
  const scale = options.scale ?? 3;
  const gap = 4;
  const captionRoom = 9;
  const cellW = Math.max(...panels.map((p) => p.width)) + gap;
  const cellH = Math.max(...panels.map((p) => p.height)) + captionRoom + gap;
  const rows = Math.ceil(panels.length / options.columns);
  const rects: { x: number; xEnd: number; y: number; yEnd: number; color: string }[] = [];
  const captions: { x: number; y: number; text: string }[] = [];
  panels.forEach((panel, k) => {
    const ox = (k % options.columns) * cellW;
    const oy = Math.floor(k / options.columns) * cellH + captionRoom;
    const colour = (r: number, c: number): string => {
      const i = (r * panel.width + c) * 3;
      return hex(panel.rgb[i]!, panel.rgb[i + 1]!, panel.rgb[i + 2]!);
    };
    for (let r = 0; r < panel.height; r++) {
      for (let c = 0; c < panel.width; ) {
        const color = colour(r, c);
        let end = c + 1;
        while (end < panel.width && colour(r, end) === color) end++;
        rects.push({ x: ox + c, xEnd: ox + end, y: oy + r, yEnd: oy + r + 1, color });
        c = end;
      }
    }
    captions.push({ x: ox + panel.width / 2, y: oy - captionRoom / 2, text: panel.caption });
  });
  const width = options.columns * cellW - gap;
  const height = rows * cellH - gap;
  const axis = (extent: number, reverse: boolean) => ({ type: 'quantitative' as const, scale: { domain: [0, extent], reverse, nice: false, zero: true }, axis: null });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: width * scale,
    height: height * scale,
    view: { stroke: null },
    layer: [
      {
        data: { values: rects },
        mark: { type: 'rect', strokeWidth: 0 },
        encoding: {
          x: { field: 'x', ...axis(width, false) },
          x2: { field: 'xEnd' },
          y: { field: 'y', ...axis(height, true) },
          y2: { field: 'yEnd' },
          color: { field: 'color', type: 'nominal', scale: null },
        },
      },
      {
        data: { values: captions },
        mark: { type: 'text', fontSize: 11, baseline: 'middle', color: palette.ink },
        encoding: { x: { field: 'x', ...axis(width, false) }, y: { field: 'y', ...axis(height, true) }, text: { field: 'text' } },
      },
    ],
  };
}
