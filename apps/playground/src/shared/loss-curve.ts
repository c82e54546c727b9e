/**
 * The cost per step as a line, on a log scale when it spans more than a decade (the playground's
 * and the names page's loss curves).
 * @example drawLossCurve(canvas, [{ step: 20, loss: 0.69 }, { step: 40, loss: 0.41 }]);
 */
export function drawLossCurve(canvas: HTMLCanvasElement, losses: readonly { step: number; loss: number }[]): void {
  const context = canvas.getContext('2d')!;
  context.clearRect(0, 0, canvas.width, canvas.height);
  if (losses.length < 2) return;
  const values = losses.map((l) => l.loss);
  const log = Math.max(...values) / Math.min(...values) > 10;
  const y = (loss: number): number => (log ? Math.log10(loss) : loss);
  const top = Math.max(...values.map(y));
  const bottom = Math.min(...values.map(y));
  const lastStep = losses[losses.length - 1]!.step;
  context.strokeStyle = '#444';
  context.lineWidth = 2;
  context.beginPath();
  losses.forEach((l, i) => {
    const px = (l.step / lastStep) * (canvas.width - 10) + 5;
    const py = 5 + ((top - y(l.loss)) / Math.max(1e-12, top - bottom)) * (canvas.height - 10);
    if (i === 0) context.moveTo(px, py);
    else context.lineTo(px, py);
  });
  context.stroke();
}
