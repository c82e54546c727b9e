import { Generator, tensor, type Tensor } from '@dlkit/core';
import {
  colorJitter, colorPrincipalComponents, mixup, pcaColorAugmentation, randomCrop, randomHorizontalFlip,
  randomResizedCrop, randomRotation, type ImageTransform,
} from '@dlkit/cnn';
import { generateScenes, SCENE_SIDE } from '../../data/scenes.js';
import type { MnistSplit } from '../../data/mnist.js';
import { MNIST_PIXELS, MNIST_SIDE } from '../../data/mnist.js';
import { imageGridSpec, type LabelledImage } from '../../report/charts.js';
import type { ReportSection } from '../../report/types.js';
import { printHeading } from '../../summary.js';
import { cpuSecondsSince } from './digits.js';

/** Scenes are shown at twice their size (nearest neighbour) so crops and rotations have pixels to work with. */
const SIDE = 2 * SCENE_SIDE;
const IMAGES = 3;

/** The transforms shown, each as the course or the paper that introduced it uses it. */
export const AUGMENTATIONS: readonly { readonly name: string; readonly make: (train: Tensor) => ImageTransform }[] = [
  { name: 'flip', make: () => randomHorizontalFlip({ p: 1 }) },
  { name: 'crop, pad 6', make: () => randomCrop(SIDE, { padding: 6 }) },
  { name: 'resized crop', make: () => randomResizedCrop(SIDE, { scale: [0.3, 1] }) },
  { name: 'rotate ±25°', make: () => randomRotation(25) },
  { name: 'colour jitter', make: () => colorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.8 }) },
  { name: 'PCA colour', make: (train) => pcaColorAugmentation({ components: colorPrincipalComponents(train), std: 1.5 }) },
];

/** `[m, s, s, c]` → `[m, 2s, 2s, c]`, nearest neighbour. */
function doubled(images: Tensor): Tensor {
  const [m, s, , c] = images.shape as [number, number, number, number];
  const src = images.dataSync();
  const out = new Float32Array(m * 4 * s * s * c);
  for (let n = 0; n < m; n++) {
    for (let r = 0; r < 2 * s; r++) {
      for (let col = 0; col < 2 * s; col++) {
        for (let ch = 0; ch < c; ch++) out[((n * 2 * s + r) * 2 * s + col) * c + ch] = src[((n * s + (r >> 1)) * s + (col >> 1)) * c + ch]!;
      }
    }
  }
  return tensor(out, { shape: [m, 2 * s, 2 * s, c] });
}

const imageOf = (batch: Tensor, i: number): Float32Array => {
  const size = batch.size / batch.shape[0]!;
  return Float32Array.from(batch.dataSync().subarray(i * size, (i + 1) * size));
};

/**
 * Course 4, week 2 — data augmentation: the transforms of `@dlkit/cnn` (seeded, on NHWC batches)
 * on generated colour scenes and on real MNIST digits, as pictures.
 */
export function augmentationChapter(mnist: MnistSplit): ReportSection {
  const course = 'Course 4 · week 2';
  const title = 'Data augmentation';
  printHeading(course, title);
  const cpuStart = process.cpuUsage();
  const scenes = generateScenes({ count: 200, seed: 5 });
  const all = doubled(scenes.x);
  const shown = all.slice([0, 0, 0, 0], [IMAGES, SIDE, SIDE, 3]);
  const random = new Generator(7);
  const colour: LabelledImage[] = [];
  const outputs = AUGMENTATIONS.map((a) => a.make(all)(shown, random));
  for (let i = 0; i < IMAGES; i++) {
    colour.push({ pixels: imageOf(shown, i), rgb: true, caption: 'original', correct: null });
    AUGMENTATIONS.forEach((a, k) => colour.push({ pixels: imageOf(outputs[k]!, i), rgb: true, caption: a.name, correct: null }));
  }
  const [mixed] = mixup({ alpha: 1 })([all.slice([0, 0, 0, 0], [8, SIDE, SIDE, 3]), scenes.y.slice([0, 0], [8, 4])], random);
  const mixes: LabelledImage[] = Array.from({ length: 7 }, (_, i) => ({ pixels: imageOf(mixed, i), rgb: true, caption: 'mixup', correct: null }));

  // The LeNet chapter's augmentation: shifts by up to 2 pixels, and small rotations.
  const digits = tensor(mnist.train.images.subarray(0, 4 * MNIST_PIXELS), { shape: [4, MNIST_SIDE, MNIST_SIDE, 1] });
  const shift = randomCrop(MNIST_SIDE, { padding: 2 });
  const rotate = randomRotation(15);
  const digitCells: LabelledImage[] = [];
  for (let i = 0; i < 4; i++) {
    digitCells.push({ pixels: imageOf(digits, i), caption: 'original', correct: null });
    for (let v = 0; v < 3; v++) digitCells.push({ pixels: imageOf(shift(digits, random), i), caption: 'shift ≤ 2', correct: null });
    for (let v = 0; v < 3; v++) digitCells.push({ pixels: imageOf(rotate(digits, random), i), caption: 'rotate ±15°', correct: null });
  }
  console.log(`    ${colour.length + mixes.length + digitCells.length} augmented images drawn; CPU ${cpuSecondsSince(cpuStart).toFixed(1)} s`);
  return {
    id: 'augmentation',
    title,
    course,
    paragraphs: [
      `With little data, the lecture's cheapest gain is to make more of it: a flipped, shifted, cropped or recoloured cat is still a cat. \`@dlkit/cnn\`'s transforms work on NHWC batches and draw from a seeded generator, so a run repeats exactly; \`compose([...])\` chains them and \`augmentBatches(data, { images })\` applies them afresh to every batch that optim's \`fit\` asks for. The LeNet-5 chapter above trains on digits shifted by up to 2 pixels that way.`,
      `Below, each transform on generated street scenes (shown at 40 × 40): \`randomHorizontalFlip\`, \`randomCrop\` with zero padding, \`randomResizedCrop\` (a random part of the image, of 30–100% of its area, resized back — Inception's crops), \`randomRotation\` (bilinear, corners filled with 0), \`colorJitter\` (brightness, contrast, saturation) and AlexNet's PCA colour augmentation (\`pcaColorAugmentation\` with the scenes' colour components from \`colorPrincipalComponents\`: one shift along the principal directions of the data's pixel colours per image), and \`mixup\`, which blends two images and their labels with a weight λ ~ Beta(α, α). Then real MNIST digits shifted and rotated by small amounts.`,
    ],
    summaries: [],
    figures: [
      { spec: imageGridSpec(colour, { title: 'One scene per row: the original, then each transform', columns: AUGMENTATIONS.length + 1, side: SIDE, scale: 2.2 }), caption: 'Each transform applied once to the three scenes of the left column (seeded).', wide: true },
      { spec: imageGridSpec(mixes, { title: 'mixup (α = 1): pairs of scenes blended', columns: 7, side: SIDE, scale: 2.2 }), caption: 'Each image is λ·xᵢ + (1 − λ)·xⱼ for a random partner j; the targets are mixed the same way.', wide: true },
      { spec: imageGridSpec(digitCells, { title: 'MNIST digits, shifted and rotated', columns: 7, scale: 2.2 }), caption: 'The shifts are the augmentation the LeNet-5 chapter trains with.', wide: true },
    ],
  };
}
