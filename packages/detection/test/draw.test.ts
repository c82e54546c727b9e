import { describe, expect, it } from 'vitest';
import { tensor, zeros } from '@dlkit/core';
import { decode } from 'fast-png';
import { drawBoxesPng, drawBoxesSvg, BOX_COLORS } from '../src/index.js';

/** A 4 × 6 RGB image: black, with pixel (row 1, col 2) mid-grey. */
function image(): ReturnType<typeof tensor> {
  const data = new Float32Array(4 * 6 * 3);
  data.fill(0.5, (1 * 6 + 2) * 3, (1 * 6 + 2) * 3 + 3);
  return tensor(data, { shape: [1, 4, 6, 3] });
}

describe('drawBoxesPng', () => {
  it('upscales the image and draws box outlines in the label colour', () => {
    const png = decode(drawBoxesPng(image(), [{ box: [3, 2, 6, 4] }], { scale: 2, lineWidth: 1 }));
    expect([png.width, png.height, png.channels]).toEqual([12, 8, 4]);
    const px = (x: number, y: number): number[] => Array.from(png.data.subarray((y * 12 + x) * 4, (y * 12 + x) * 4 + 3));
    expect(px(4, 2)).toEqual([128, 128, 128]); // image pixel (1, 2) covers output (4..5, 2..3)
    expect(px(0, 0)).toEqual([0, 0, 0]);
    const red = [0xe6, 0x19, 0x4b];
    expect(BOX_COLORS[0]).toBe('#e6194b');
    expect(px(6, 7)).toEqual(red); // bottom edge of the box [6, 4, 12, 8] (output pixels)
    expect(px(11, 6)).toEqual(red); // right edge
    expect(px(8, 6)).toEqual([0, 0, 0]); // inside stays the image
  });
  it('writes captions, accepts fractions and grey [H, W, 1] images, and rejects bad input', () => {
    const grey = zeros([8, 8, 1]);
    const plain = drawBoxesPng(grey, [{ box: [0.25, 0.5, 0.75, 1], color: '#00ff00' }], { coordinates: 'fractions', scale: 4 });
    const captioned = decode(drawBoxesPng(grey, [{ box: [0.25, 0.5, 0.75, 1], color: '#00ff00', label: 'a', score: 0.9 }], { coordinates: 'fractions', scale: 4 }));
    const green = Array.from(decode(plain).data).filter((_, i) => i % 4 === 1).filter((g) => g === 255).length;
    const white = Array.from({ length: 32 * 32 }, (_, i) => captioned.data[4 * i] === 255 && captioned.data[4 * i + 1] === 255).filter(Boolean).length;
    expect(green).toBeGreaterThan(0);
    expect(white).toBeGreaterThan(10); // the font's white cells
    expect(() => drawBoxesPng(zeros([2, 4, 4, 3]), [])).toThrow(/drawBoxesPng: image must be NHWC \[1, H, W, C\] or \[H, W, C\] with C = 1 or 3, got \[2, 4, 4, 3\]/);
    expect(() => drawBoxesPng(grey, [{ box: [3, 3, 1, 4] }])).toThrow(/drawBoxesPng: boxes\[0\]\.box = \[3, 3, 1, 4\] is not \(x1, y1, x2, y2\)/);
    expect(() => drawBoxesSvg(grey, [], { scale: 0 })).toThrow(/drawBoxesSvg: scale must be a positive integer, got 0/);
  });
});

describe('drawBoxesSvg', () => {
  it('embeds the image and draws each box with its caption', () => {
    const svg = drawBoxesSvg(image(), [{ box: [1, 1, 3, 2], label: 'a<b', score: 0.876 }, { box: [0, 0, 6, 4], label: 'c' }], { scale: 10 });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="60" height="40"')).toBe(true);
    expect(svg).toContain('href="data:image/png;base64,');
    expect(svg).toContain('<rect x="10" y="10" width="20" height="10" fill="none" stroke="#e6194b"');
    expect(svg).toContain('stroke="#3cb44b"'); // the second label gets the second colour
    expect(svg).toContain('>a&lt;b 0.88</text>');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });
});
