/**
 * The digit page: draw on the canvas, and a LeNet-5 trained by the tour (its safetensors file
 * served beside the page) classifies the drawing after every stroke.
 */
import { digitClassifier, type DigitClassifier } from './classifier.js';
import { DIGIT_SIDE, mnistInput } from './preprocess.js';

const element = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const pad = element<HTMLCanvasElement>('pad');
const preview = element<HTMLCanvasElement>('preview');
const table = element<HTMLTableSectionElement>('probabilities');
const status = element<HTMLOutputElement>('status');
const context = pad.getContext('2d', { willReadFrequently: true })!;

function clear(): void {
  context.fillStyle = 'black';
  context.fillRect(0, 0, pad.width, pad.height);
  table.replaceChildren();
  delete document.body.dataset.prediction;
}

/** The drawing as ink in `[0, 1]` (the red channel of white strokes on black). */
function ink(): Float32Array {
  const { data } = context.getImageData(0, 0, pad.width, pad.height);
  const values = new Float32Array(pad.width * pad.height);
  for (let i = 0; i < values.length; i++) values[i] = data[4 * i]! / 255;
  return values;
}

function showPreview(image: Float32Array): void {
  const pixels = preview.getContext('2d')!.createImageData(DIGIT_SIDE, DIGIT_SIDE);
  image.forEach((v, i) => {
    pixels.data.fill(Math.round(255 * v), 4 * i, 4 * i + 3);
    pixels.data[4 * i + 3] = 255;
  });
  preview.getContext('2d')!.putImageData(pixels, 0, 0);
}

function classify(classifier: DigitClassifier): void {
  const image = mnistInput(ink(), pad.width, pad.height);
  showPreview(image);
  const probabilities = classifier.classify(image);
  const best = probabilities.indexOf(Math.max(...probabilities));
  table.replaceChildren(
    ...Array.from(probabilities, (p, digit) => {
      const row = document.createElement('tr');
      row.innerHTML = `<th>${digit}</th><td>${(100 * p).toFixed(1)}%</td><td><span class="bar" style="width: ${(8 * p).toFixed(2)}rem"></span></td>`;
      if (digit === best) row.style.fontWeight = 'bold';
      return row;
    }),
  );
  document.body.dataset.prediction = String(best);
}

async function main(): Promise<void> {
  clear();
  const response = await fetch('./lenet5.safetensors');
  if (!response.ok) throw new Error(`lenet5.safetensors: HTTP ${response.status} (run \`pnpm --filter @dlkit/playground weights\`)`);
  const classifier = digitClassifier(new Uint8Array(await response.arrayBuffer()));
  status.value = `LeNet-5, ${(100 * classifier.info.testAccuracy).toFixed(1)}% on ${classifier.info.testCount} held-out MNIST digits. Draw a digit.`;
  document.body.dataset.state = 'ready';

  let drawing = false;
  const at = (event: PointerEvent): [number, number] => {
    const rect = pad.getBoundingClientRect();
    return [((event.clientX - rect.left) * pad.width) / rect.width, ((event.clientY - rect.top) * pad.height) / rect.height];
  };
  context.strokeStyle = 'white';
  context.lineWidth = pad.width / 14;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  pad.addEventListener('pointerdown', (event) => {
    drawing = true;
    pad.setPointerCapture(event.pointerId);
    context.beginPath();
    context.moveTo(...at(event));
  });
  pad.addEventListener('pointermove', (event) => {
    if (!drawing) return;
    context.lineTo(...at(event));
    context.stroke();
  });
  pad.addEventListener('pointerup', () => {
    drawing = false;
    classify(classifier);
  });
  element<HTMLButtonElement>('clear').addEventListener('click', clear);
}

main().catch((error: unknown) => {
  status.value = `error: ${error instanceof Error ? error.message : String(error)}`;
  document.body.dataset.state = 'error';
});
