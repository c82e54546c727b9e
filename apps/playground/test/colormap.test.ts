import { describe, expect, it } from 'vitest';
import { divergingRgba, greyRgba } from '../src/shared/colormap.js';

describe('heatmap colours', () => {
  it('maps 0 to white, the largest magnitude to full red or blue, and scales in between', () => {
    const rgba = Array.from(divergingRgba([0, 2, -2, 1]));
    expect(rgba.slice(0, 4)).toEqual([255, 255, 255, 255]);
    expect(rgba.slice(4, 8)).toEqual([214, 39, 40, 255]);
    expect(rgba.slice(8, 12)).toEqual([31, 119, 180, 255]);
    expect(rgba.slice(12, 16)).toEqual([235, 147, 148, 255]);
    // A given scale clips beyond it; an all-zero map is white.
    expect(Array.from(divergingRgba([5], 1))).toEqual([214, 39, 40, 255]);
    expect(Array.from(divergingRgba([0, 0]))).toEqual([255, 255, 255, 255, 255, 255, 255, 255]);
  });

  it('paints greyscale in [0, 1] from black to white', () => {
    expect(Array.from(greyRgba([0, 1, 0.5]))).toEqual([0, 0, 0, 255, 255, 255, 255, 255, 128, 128, 128, 255]);
  });
});
