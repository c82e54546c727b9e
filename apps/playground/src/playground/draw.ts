import type { LabelledPoint } from '@dlkit/tour/planar-datasets';
import type { PlotBounds } from './protocol.js';

/** The two classes' colours (the course's red and blue), as RGB. */
const CLASS_RGB: readonly (readonly [number, number, number])[] = [
  [214, 39, 40],
  [31, 119, 180],
];

/**
 * Paints `P(y = 1)` of a `size × size` grid (row-major from the top-left) as a blend of the two
 * class colours, then the data points on top.
 */
export function drawBoundary(canvas: HTMLCanvasElement, grid: Float32Array, size: number, points: readonly LabelledPoint[], bounds: PlotBounds): void {
  const context = canvas.getContext('2d')!;
  const image = context.createImageData(size, size);
  for (let i = 0; i < size * size; i++) {
    const p = grid[i]!;
    for (let c = 0; c < 3; c++) image.data[4 * i + c] = Math.round(255 - 0.55 * ((1 - p) * (255 - CLASS_RGB[0]![c]!) + p * (255 - CLASS_RGB[1]![c]!)));
    image.data[4 * i + 3] = 255;
  }
  // Scale the grid up to the canvas through an offscreen canvas, smoothing the cells.
  const cells = document.createElement('canvas');
  cells.width = size;
  cells.height = size;
  cells.getContext('2d')!.putImageData(image, 0, 0);
  context.imageSmoothingEnabled = true;
  context.drawImage(cells, 0, 0, canvas.width, canvas.height);
  drawPoints(context, canvas, points, bounds);
}

/** The data points alone (before the first boundary arrives). */
export function drawPoints(context: CanvasRenderingContext2D, canvas: HTMLCanvasElement, points: readonly LabelledPoint[], bounds: PlotBounds): void {
  const span = bounds.max - bounds.min;
  for (const point of points) {
    const [r, g, b] = CLASS_RGB[point.label]!;
    context.fillStyle = `rgb(${r}, ${g}, ${b})`;
    context.strokeStyle = 'white';
    context.beginPath();
    context.arc(((point.x1 - bounds.min) / span) * canvas.width, ((bounds.max - point.x2) / span) * canvas.height, 3, 0, 2 * Math.PI);
    context.fill();
    context.stroke();
  }
}
