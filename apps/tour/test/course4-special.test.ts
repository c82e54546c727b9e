import { describe, expect, it } from 'vitest';
import { generateScenes, maskColours, SCENE_CLASSES } from '../src/chapters/course4/scenes.js';
import { rgbPanelsSpec } from '../src/chapters/course4/rgb-images.js';
import { nagasakiBoats, swirlTexture } from '../src/chapters/course4/style-images.js';
import { renderSvg } from '../src/report/render.js';

describe('course 4 generated data', () => {
  it('scenes are seeded, in [0, 1], and show every class', () => {
    const a = generateScenes(20, 16, 1);
    const b = generateScenes(20, 16, 1);
    expect(a.images.shape).toEqual([20, 16, 16, 3]);
    expect(Array.from(a.images.dataSync())).toEqual(Array.from(b.images.dataSync()));
    const pixels = a.images.dataSync();
    expect(Math.min(...pixels)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...pixels)).toBeLessThanOrEqual(1);
    expect(new Set(a.masks.dataSync())).toEqual(new Set(SCENE_CLASSES.map((_, c) => c)));
  });

  it('style-transfer pictures are [1, side, side, 3] and draw as an SVG grid', async () => {
    const content = nagasakiBoats(8);
    const style = swirlTexture(8);
    expect(content.shape).toEqual([1, 8, 8, 3]);
    // The photograph, decoded from its JPEG: values in [0, 1], neither blank nor flat.
    const pixels = Array.from(content.dataSync());
    const mean = pixels.reduce((a, b) => a + b, 0) / pixels.length;
    expect(Math.min(...pixels)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...pixels)).toBeLessThanOrEqual(1);
    expect(mean).toBeGreaterThan(0.2);
    expect(mean).toBeLessThan(0.8);
    expect(Math.sqrt(pixels.reduce((a, b) => a + (b - mean) ** 2, 0) / pixels.length)).toBeGreaterThan(0.05);
    const mask = generateScenes(1, 8, 3).masks.dataSync();
    const spec = rgbPanelsSpec([
      { rgb: content.dataSync(), height: 8, width: 8, caption: 'content' },
      { rgb: style.dataSync(), height: 8, width: 8, caption: 'style' },
      { rgb: maskColours(mask), height: 8, width: 8, caption: 'mask' },
    ], { title: 'panels', columns: 3 });
    const svg = await renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('content');
  });
});
