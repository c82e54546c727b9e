import { Generator, logSoftmax, manualSeed, nn, noGrad, relu, reshape, tensor, transpose, type Tensor } from '@dlkit/core';
import { Conv2d, MaxPool2d } from '@dlkit/cnn';
import { Adam, fit, progressBar, type BatchSource } from '@dlkit/optim';
import { GRU, ctcGreedyDecode, ctcLoss, ctcPrefixBeamSearch } from '@dlkit/sequence';
import type { DigitSet, MnistSplit } from '../../data/mnist.js';
import { MNIST_SIDE } from '../../data/mnist.js';
import type { TopLevelSpec } from 'vega-lite';
import { costCurveSpec } from '../../report/charts.js';
import { palette } from '../../report/palette.js';
import { percent } from '../../report/format.js';
import type { ModelSummary, ReportSection } from '../../report/types.js';
import { printHeading, printSummaries } from '../../summary.js';

/** Digits are shrunk to 14 × 14 (2 × 2 averages) so a string of 5 is a 14 × 70 strip at most. */
const SIDE = MNIST_SIDE / 2;
const MAX_DIGITS = 5;
const TRAIN_STRINGS = 2000;
const TEST_STRINGS = 500;
const EPOCHS = 5;
const BATCH = 32;
const LR = 0.015;
const HIDDEN = 32;
const BLANK = 0; // class 0 is the blank, digit d is class d + 1
const BEAM = 8;
/** Training strings re-read after training for the train accuracy. */
const TRAIN_EVAL = 300;

/** A strip of digits side by side: pixels row-major `[SIDE, width]` and the digits it shows. */
interface DigitString {
  readonly pixels: Float32Array;
  readonly width: number;
  readonly digits: number[];
}

/** One digit shrunk by 2 × 2 averages: `[SIDE, SIDE]`. */
function shrink(set: DigitSet, index: number): Float32Array {
  const out = new Float32Array(SIDE * SIDE);
  const base = index * MNIST_SIDE * MNIST_SIDE;
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      let s = 0;
      for (let dr = 0; dr < 2; dr++) for (let dc = 0; dc < 2; dc++) s += set.images[base + (2 * r + dr) * MNIST_SIDE + 2 * c + dc]!;
      out[r * SIDE + c] = s / 4;
    }
  }
  return out;
}

/**
 * `count` strings of 1 … 5 real MNIST digits of `set`, each digit shifted left or right by up to 2
 * pixels (neighbours overlap or leave a gap), so digit boundaries are not at fixed columns.
 */
function digitStrings(set: DigitSet, count: number, seed: number): DigitString[] {
  const g = new Generator(seed);
  const pick = (n: number): number => Math.floor(g.nextFloat() * n);
  return Array.from({ length: count }, () => {
    const n = 1 + pick(MAX_DIGITS);
    const chosen = Array.from({ length: n }, () => pick(set.count));
    const offsets: number[] = [];
    let x = 0;
    for (let i = 0; i < n; i++) {
      offsets.push(x);
      x += SIDE + pick(5) - 2;
    }
    const width = offsets[n - 1]! + SIDE;
    const pixels = new Float32Array(SIDE * width);
    chosen.forEach((index, i) => {
      const digit = shrink(set, index);
      for (let r = 0; r < SIDE; r++) {
        for (let c = 0; c < SIDE; c++) {
          const at = r * width + offsets[i]! + c;
          pixels[at] = Math.max(pixels[at]!, digit[r * SIDE + c]!);
        }
      }
    });
    return { pixels, width, digits: chosen.map((index) => set.labels[index]!) };
  });
}

/** A padded batch: images `[m, SIDE, maxWidth, 1]`, padded targets, and both lengths. */
interface CtcBatch {
  readonly images: Tensor;
  readonly targets: Tensor;
  readonly inputLengths: number[];
  readonly targetLengths: number[];
  readonly strings: readonly DigitString[];
}

/** Output steps of a strip `width` columns wide: the 2 × 2 pooling halves the width. */
const stepsOf = (width: number): number => Math.floor(width / 2);

function collate(strings: readonly DigitString[]): CtcBatch {
  const width = Math.max(...strings.map((s) => s.width));
  const images = new Float32Array(strings.length * SIDE * width);
  strings.forEach((s, b) => {
    for (let r = 0; r < SIDE; r++) images.set(s.pixels.subarray(r * s.width, (r + 1) * s.width), (b * SIDE + r) * width);
  });
  const targets = strings.map((s) => [...s.digits.map((d) => d + 1), ...new Array<number>(MAX_DIGITS - s.digits.length).fill(1)]);
  return {
    images: tensor(images, { shape: [strings.length, SIDE, width, 1] }),
    targets: tensor(targets, { dtype: 'int32' }),
    inputLengths: strings.map((s) => stepsOf(s.width)),
    targetLengths: strings.map((s) => s.digits.length),
    strings,
  };
}

/** A small CRNN: conv (3 × 3, 16) → 2 × 2 max-pool → each column a step → bidirectional GRU → 11 classes. */
class DigitReader extends nn.Module<[Tensor, number[]], Tensor> {
  readonly conv = new Conv2d(1, 16, 3, { padding: 'same' });
  readonly pool = new MaxPool2d(2);
  readonly gru = new GRU((SIDE / 2) * 16, HIDDEN, { bidirectional: true });
  readonly head = new nn.Linear(2 * HIDDEN, 11);

  /** `images [m, 14, w, 1]` → log-probabilities `[m, ⌊w/2⌋, 11]`. */
  forward(images: Tensor, lengths: number[]): Tensor {
    const features = this.pool.forward(relu(this.conv.forward(images))); // [m, 7, w/2, 16]
    const [m, rows, steps, channels] = features.shape as [number, number, number, number];
    const columns = reshape(transpose(features, [0, 2, 1, 3]), [m, steps, rows * channels]);
    return logSoftmax(this.head.forward(this.gru.forward(columns, {}, { lengths }).output), 2);
  }
}

/**
 * Digit strips one under another, each with its true digits and the model's reading (green when
 * right, red when not). Intensities are quantised to eighths and runs merged, so the SVG stays small.
 */
function stripsSpec(strips: readonly (DigitString & { reading: number[] })[]): TopLevelSpec {
  const rowHeight = SIDE + 4;
  const pixels: { x: number; xEnd: number; y: number; yEnd: number; v: number }[] = [];
  const captions: { x: number; y: number; text: string; right: string }[] = [];
  const widest = Math.max(...strips.map((s) => s.width));
  strips.forEach((strip, k) => {
    const oy = k * rowHeight;
    const level = (r: number, c: number): number => Math.round(Math.min(1, strip.pixels[r * strip.width + c]!) * 8);
    for (let r = 0; r < SIDE; r++) {
      for (let c = 0; c < strip.width; ) {
        const v = level(r, c);
        let end = c + 1;
        while (end < strip.width && level(r, end) === v) end++;
        if (v > 0) pixels.push({ x: c, xEnd: end, y: oy + r, yEnd: oy + r + 1, v: v / 8 });
        c = end;
      }
    }
    captions.push({ x: widest + 4, y: oy + SIDE / 2, text: `${strip.digits.join('')} → ${strip.reading.join('') || '∅'}`, right: sameDigits(strip.digits, strip.reading) ? 'yes' : 'no' });
  });
  const width = widest + 40;
  const height = strips.length * rowHeight;
  const axis = (extent: number, reverse: boolean) => ({ type: 'quantitative' as const, scale: { domain: [0, extent], reverse, nice: false }, axis: null });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Test strings: true digits → greedy CTC reading',
    width: width * 5,
    height: height * 5,
    view: { stroke: null },
    layer: [
      {
        data: { values: pixels },
        mark: { type: 'rect', fill: palette.ink, strokeWidth: 0 },
        encoding: {
          x: { field: 'x', ...axis(width, false) },
          x2: { field: 'xEnd' },
          y: { field: 'y', ...axis(height, true) },
          y2: { field: 'yEnd' },
          opacity: { field: 'v', type: 'quantitative', scale: { domain: [0, 1], range: [0, 1] }, legend: null },
        },
      },
      {
        data: { values: captions },
        mark: { type: 'text', fontSize: 14, fontWeight: 'bold', align: 'left', baseline: 'middle' },
        encoding: {
          x: { field: 'x', ...axis(width, false) },
          y: { field: 'y', ...axis(height, true) },
          text: { field: 'text' },
          color: { field: 'right', type: 'nominal', scale: { domain: ['yes', 'no'], range: [palette.good, palette.bad] }, legend: null },
        },
      },
    ],
  };
}

const sameDigits = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/** Sequence accuracy (every digit right, none missing or extra) of greedy and prefix-beam decoding. */
function evaluateReader(model: DigitReader, strings: readonly DigitString[]): { greedy: number; beam: number; decoded: number[][] } {
  let greedy = 0;
  let beam = 0;
  const decoded: number[][] = [];
  noGrad(() => {
    for (let i = 0; i < strings.length; i += 100) {
      const batch = collate(strings.slice(i, i + 100));
      const logProbs = model.forward(batch.images, batch.inputLengths);
      const best = ctcGreedyDecode(logProbs, { inputLengths: batch.inputLengths, blank: BLANK });
      const beams = ctcPrefixBeamSearch(logProbs, { inputLengths: batch.inputLengths, blank: BLANK, beamWidth: BEAM });
      batch.strings.forEach((s, b) => {
        const g = best[b]!.map((c) => c - 1);
        decoded.push(g);
        if (sameDigits(g, s.digits)) greedy++;
        if (sameDigits(beams[b]![0]!.labels.map((c) => c - 1), s.digits)) beam++;
      });
    }
  });
  return { greedy: greedy / strings.length, beam: beam / strings.length, decoded };
}

/**
 * Course 5, week 3 — connectionist temporal classification: reading strings of 1 to 5 real MNIST
 * digits placed side by side with a small conv + bidirectional GRU trained with `ctcLoss`, no
 * digit positions given; decoded greedily and by prefix beam search.
 */
export function ctcChapter(mnist: MnistSplit): ReportSection {
  const course = 'Course 5 · week 3';
  const title = 'CTC: reading strings of handwritten digits';
  printHeading(course, title);
  manualSeed(11);
  const train = digitStrings(mnist.train, TRAIN_STRINGS, 1);
  const test = digitStrings(mnist.test, TEST_STRINGS, 2);
  const dataset = `strings of 1–${MAX_DIGITS} MNIST digits, ${TRAIN_STRINGS} train / ${TEST_STRINGS} test`;
  const model = new DigitReader();
  const source: BatchSource<CtcBatch> = { length: train.length, batch: (indices) => collate(indices.map((i) => train[i]!)) };
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = fit(model, {
    step: (m, batch) => ctcLoss(m.forward(batch.images, batch.inputLengths), batch.targets, batch.inputLengths, batch.targetLengths, { blank: BLANK }),
    data: source,
    optimizer: new Adam(model.parameters(), { lr: LR }),
    epochs: EPOCHS,
    batchSize: BATCH,
    clipGradNorm: 5,
    seed: 3,
    callbacks: [progressBar({ label: 'CTC digit reader' })],
  });
  const seconds = (performance.now() - start) / 1000;
  const trainEval = evaluateReader(model, train.slice(0, TRAIN_EVAL));
  const testEval = evaluateReader(model, test);
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const losses = result.history['loss']!;
  const parameters = model.parameters().reduce((s, p) => s + p.size, 0);
  const summaries: ModelSummary[] = [
    {
      model: `Conv 3×3·16 → max-pool → BiGRU(${HIDDEN}) → CTC, greedy decoding`,
      dataset,
      iterations: EPOCHS * Math.ceil(TRAIN_STRINGS / BATCH),
      learningRate: LR,
      finalCost: losses.at(-1)!,
      metric: 'sequence accuracy',
      trainAccuracy: trainEval.greedy,
      testAccuracy: testEval.greedy,
      seconds,
    },
    {
      model: `Same model, prefix beam search (width ${BEAM})`,
      dataset,
      iterations: EPOCHS * Math.ceil(TRAIN_STRINGS / BATCH),
      learningRate: LR,
      finalCost: losses.at(-1)!,
      metric: 'sequence accuracy',
      trainAccuracy: trainEval.beam,
      testAccuracy: testEval.beam,
      seconds,
    },
  ];
  printSummaries(summaries);
  console.log(`    ${parameters} parameters; CPU ${cpuSeconds.toFixed(1)} s (wall ${seconds.toFixed(1)} s training)`);

  const shown = test.slice(0, 8).map((s, i) => ({ ...s, reading: testEval.decoded[i]! }));
  return {
    id: 'ctc',
    title,
    course,
    paragraphs: [
      `Speech recognition has the problem that the input (1,000 audio frames) is much longer than the output (a few characters), and nobody says which frames belong to which letter. Connectionist temporal classification (CTC) lets the network emit one symbol per input step — a character, a repeat of it, or a *blank* — and sums the probability of every alignment that collapses to the target ("ttt_h_eee" → "the"). Here the input steps are the columns of an image: strings of ${MAX_DIGITS === 5 ? '1 to 5' : `up to ${MAX_DIGITS}`} real MNIST digits (the \`mnist\` package; train strings use train digits, test strings test digits), shrunk to 14 × 14 and placed side by side with random overlaps and gaps of up to 2 pixels, so no column marks where one digit ends. The only label is the digit string.`,
      `The model is a small CRNN (${parameters.toLocaleString('en-US')} parameters): a 3 × 3 convolution with 16 filters and a 2 × 2 max-pool, then each of the ⌊width/2⌋ columns of the feature map (7 rows × 16 channels) is one step of a bidirectional GRU with ${HIDDEN} units per direction (\`lengths\` keep the padding of shorter strings out of both directions), and a linear layer gives log-probabilities over the blank and the 10 digits. \`ctcLoss(logProbs, targets, inputLengths, targetLengths)\` — the forward recursion over the blank-extended target in log space — is the whole training signal: ${EPOCHS} epochs of Adam (α = ${LR}) with optim's \`fit\` and a custom step, loss ${losses[0]!.toFixed(2)} → ${losses.at(-1)!.toFixed(2)}.`,
      `On ${TEST_STRINGS} test strings the reader gets ${percent(testEval.greedy)} of the strings entirely right with greedy (best-path) decoding — collapse repeats, drop blanks — and ${percent(testEval.beam)} with prefix beam search (width ${BEAM}), which sums the probability of each labeling over its alignments rather than following the single best path. A string counts only if every digit is right and none is missing or extra; ${percent(trainEval.greedy)} of ${TRAIN_EVAL} training strings are read right. Training took ${seconds.toFixed(0)} s (${cpuSeconds.toFixed(0)} CPU seconds with evaluation).`,
    ],
    summaries,
    figures: [
      { spec: costCurveSpec([{ name: 'CTC loss', points: losses.map((cost, i) => ({ iteration: i + 1, cost })) }], { title: 'CTC loss per epoch (mean over batches)', xTitle: 'epoch' }), caption: 'The mean CTC loss (per target digit) of each epoch.' },
      { spec: stripsSpec(shown), caption: 'Test strings the model never saw, with their true digits and what greedy CTC decoding reads.', wide: true },
    ],
  };
}
