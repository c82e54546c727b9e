/**
 * The filters page: the digit page's LeNet-5, opened up. Its six 5×5 C1 filters as heatmaps, and
 * after every stroke the C1 and C3 feature maps of the drawn digit.
 */
import { divergingRgba, greyRgba } from '../shared/colormap.js';
import { drawingPad } from '../shared/pad.js';
import { drawTiles, type Tile } from '../shared/tiles.js';
import { fetchLenet5Weights, loadLenet5, networkInput, type LoadedLenet5 } from '../digits/classifier.js';
import { DIGIT_SIDE, mnistInput } from '../digits/preprocess.js';
import { c1Filters, featureMaps, type FeatureMap } from './features.js';
import { element } from '../shared/dom.js';

const status = element<HTMLOutputElement>('status');

const heatmaps = (maps: readonly FeatureMap[]): Tile[] => maps.map((m) => ({ rgba: divergingRgba(m.values), width: m.width, height: m.height }));

let lenet: LoadedLenet5 | undefined;
const pad = drawingPad(element<HTMLCanvasElement>('pad'), () => {
  if (lenet) show(lenet);
});

function show({ model, info }: LoadedLenet5): void {
  const image = mnistInput(pad.ink(), pad.canvas.width, pad.canvas.height);
  drawTiles(element('preview'), [{ rgba: greyRgba(image), width: DIGIT_SIDE, height: DIGIT_SIDE }], 1);
  const { c1, c3 } = featureMaps(model, networkInput(image, info));
  drawTiles(element('c1'), heatmaps(c1), 6);
  drawTiles(element('c3'), heatmaps(c3), 8);
  // The browser test waits for this count.
  document.body.dataset.strokes = String(Number(document.body.dataset.strokes ?? 0) + 1);
}

async function main(): Promise<void> {
  lenet = loadLenet5(await fetchLenet5Weights());
  drawTiles(element('filters'), heatmaps(c1Filters(lenet.model)), 6);
  status.value = `LeNet-5 (${lenet.info.variant}), ${(100 * lenet.info.testAccuracy).toFixed(1)}% on ${lenet.info.testCount} held-out MNIST digits. Draw a digit to see what its filters respond to.`;
  document.body.dataset.state = 'ready';
  element<HTMLButtonElement>('clear').addEventListener('click', () => pad.clear());
}

main().catch((error: unknown) => {
  status.value = `error: ${error instanceof Error ? error.message : String(error)}`;
  document.body.dataset.state = 'error';
});
