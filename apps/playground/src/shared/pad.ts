/** A canvas to draw on with the mouse, pen or finger: white strokes on black. */
export interface DrawingPad {
  readonly canvas: HTMLCanvasElement;
  /** Paints the pad black. */
  clear(): void;
  /** The drawing as ink in `[0, 1]`, row-major `width × height` (the red channel of the strokes). */
  ink(): Float32Array;
}

/**
 * Makes `canvas` a drawing pad (the digit and filter pages' input): strokes a tenth of the pad's
 * width wide, and `onStroke` after each stroke ends.
 * @example const pad = drawingPad(canvas, () => classify(mnistInput(pad.ink(), canvas.width, canvas.height)));
 */
export function drawingPad(canvas: HTMLCanvasElement, onStroke: () => void): DrawingPad {
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  const clear = (): void => {
    context.fillStyle = 'black';
    context.fillRect(0, 0, canvas.width, canvas.height);
  };
  const at = (event: PointerEvent): [number, number] => {
    const rect = canvas.getBoundingClientRect();
    return [((event.clientX - rect.left) * canvas.width) / rect.width, ((event.clientY - rect.top) * canvas.height) / rect.height];
  };
  let drawing = false;
  context.strokeStyle = 'white';
  context.lineWidth = canvas.width / 14;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  canvas.addEventListener('pointerdown', (event) => {
    drawing = true;
    canvas.setPointerCapture(event.pointerId);
    context.beginPath();
    context.moveTo(...at(event));
  });
  canvas.addEventListener('pointermove', (event) => {
    if (!drawing) return;
    context.lineTo(...at(event));
    context.stroke();
  });
  canvas.addEventListener('pointerup', () => {
    drawing = false;
    onStroke();
  });
  clear();
  return {
    canvas,
    clear,
    ink() {
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      const values = new Float32Array(canvas.width * canvas.height);
      for (let i = 0; i < values.length; i++) values[i] = data[4 * i]! / 255;
      return values;
    },
  };
}
