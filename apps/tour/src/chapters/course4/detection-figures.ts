import { BOX_COLORS, drawBoxesSvg, type Anchor, type Detection } from '@dlkit/detection';
import type { TopLevelSpec } from 'vega-lite';
import { tensor } from '@dlkit/core';
import { palette } from '../../report/palette.js';
import { SHAPE_CLASSES, type ShapeScene } from './shape-scenes.js';

/** One panel of {@link detectionPanelsSvg}: a scene and the boxes drawn on it. */
export interface DetectionPanel {
  readonly scene: ShapeScene;
  readonly detections: readonly Detection[];
}

/**
 * Rows of scenes side by side as one SVG (each panel drawn by `drawBoxesSvg`), each row with a
 * heading: e.g. the candidates before NMS above, the detections after NMS below.
 */
export function detectionPanelsSvg(rows: readonly { title: string; panels: readonly DetectionPanel[] }[], side: number, scale = 6): string {
  const size = side * scale, gap = 10, heading = 22;
  const width = Math.max(...rows.map((r) => r.panels.length)) * (size + gap);
  const height = rows.length * (size + heading + gap);
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`];
  rows.forEach((row, r) => {
    const top = r * (size + heading + gap);
    parts.push(`<text x="0" y="${top + 15}" font-size="14" font-weight="bold" fill="${palette.ink}">${row.title}</text>`);
    row.panels.forEach((panel, c) => {
      const image = tensor(panel.scene.pixels, { shape: [side, side, 3] });
      // One colour per class in every panel.
      const boxes = panel.detections.map((d) => ({ box: d.box, label: SHAPE_CLASSES[Number(d.label)]!, score: d.score, color: BOX_COLORS[Number(d.label)]! }));
      parts.push(`<g transform="translate(${c * (size + gap)}, ${top + heading})">${drawBoxesSvg(image, boxes, { scale, coordinates: 'fractions', lineWidth: 2 })}</g>`);
    });
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** The training boxes' shapes `[w, h]` (pixels), coloured by their closest anchor, and the anchors k-means found. */
export function anchorsSpec(shapes: readonly Anchor[], anchors: readonly Anchor[], cluster: (shape: Anchor) => number, side: number): TopLevelSpec {
  const points = shapes.map((s) => ({ w: s[0] * side, h: s[1] * side, anchor: `anchor ${cluster(s) + 1}` }));
  const centres = anchors.map((a, i) => ({ w: a[0] * side, h: a[1] * side, anchor: `anchor ${i + 1}` }));
  const domain = anchors.map((_, i) => `anchor ${i + 1}`);
  const color = { field: 'anchor', type: 'nominal' as const, scale: { domain, range: palette.series.slice(0, anchors.length) }, title: null };
  const x = { field: 'w', type: 'quantitative' as const, title: 'box width (pixels)', scale: { zero: false } };
  const y = { field: 'h', type: 'quantitative' as const, title: 'box height (pixels)', scale: { zero: false } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Training box shapes and the k-means anchors (1 − IoU distance)',
    width: 380,
    height: 300,
    layer: [
      { data: { values: points }, mark: { type: 'circle', size: 14, opacity: 0.35 }, encoding: { x, y, color } },
      { data: { values: centres }, mark: { type: 'square', size: 220, stroke: palette.ink, strokeWidth: 2, opacity: 1 }, encoding: { x, y, color } },
    ],
  };
}
