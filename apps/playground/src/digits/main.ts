/**
 * The digit page: draw on the canvas, and a LeNet-5 trained by the tour (its safetensors file
 * served beside the page) classifies the drawing after every stroke.
 */
import { greyRgba } from '../shared/colormap.js';
import { drawingPad } from '../shared/pad.js';
import { drawTiles } from '../shared/tiles.js';
import { digitClassifier, fetchLenet5Weights, type DigitClassifier } from './classifier.js';
import { DIGIT_SIDE, mnistInput } from './preprocess.js';
import { element } from '../shared/dom.js';

const preview = element<HTMLCanvasElement>('preview');
const table = element<HTMLTableSectionElement>('probabilities');
const status = element<HTMLOutputElement>('status');

let classifier: DigitClassifier | undefined;
const pad = drawingPad(element<HTMLCanvasElement>('pad'), () => {
  if (classifier) classify(classifier);
});

function clear(): void {
  pad.clear();
  table.replaceChildren();
  delete document.body.dataset.prediction;
}

function classify(classifier: DigitClassifier): void {
  const image = mnistInput(pad.ink(), pad.canvas.width, pad.canvas.height);
  drawTiles(preview, [{ rgba: greyRgba(image), width: DIGIT_SIDE, height: DIGIT_SIDE }], 1);
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
  classifier = digitClassifier(await fetchLenet5Weights());
  status.value = `LeNet-5, ${(100 * classifier.info.testAccuracy).toFixed(1)}% on ${classifier.info.testCount} held-out MNIST digits. Draw a digit.`;
  document.body.dataset.state = 'ready';
  element<HTMLButtonElement>('clear').addEventListener('click', clear);
}

main().catch((error: unknown) => {
  status.value = `error: ${error instanceof Error ? error.message : String(error)}`;
  document.body.dataset.state = 'error';
});
