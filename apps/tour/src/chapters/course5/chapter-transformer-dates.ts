import { crossEntropy, manualSeed } from '@dlkit/core';
import { Adam, cosineDecay, fit, linearWarmup, lrScheduler, progressBar, type BatchSource } from '@dlkit/optim';
import { Transformer } from '@dlkit/transformer';
import { dateVocabularies, generateDatePairs } from '../../data/dates.js';
import { costCurveSpec } from '../../report/charts.js';
import { percent } from '../../report/format.js';
import type { ModelSummary, ReportFigure, ReportSection } from '../../report/types.js';
import { printHeading, printSummaries } from '../../summary.js';
import { attentionHeatmapSpec } from './attention-heatmap.js';
import { crossAttentionOf, DateCodec, translateDates, type DateBatch } from './date-translation.js';

const TRAIN = 10240;
const TEST = 1000;
const EPOCHS = 3;
const BATCH = 32;
const D_MODEL = 32;
const HEADS = 4;
const ENCODER_LAYERS = 2;
const DECODER_LAYERS = 1;
const FEEDFORWARD = 64;
const WARMUP = 100;
const PEAK_LR = 0.01;
/** Heatmaps of this many test dates, of different formats. */
const HEATMAPS = 4;

/**
 * Course 5, week 4 — the transformer on the course's date translation (week 3's lab, there with
 * an attention RNN): an encoder–decoder `Transformer` reads a human-written date character by
 * character and writes its ISO form, trained with teacher forcing through optim's `fit`, decoded
 * greedily with the KV cache; the cross-attention shows which characters each output reads.
 */
export function transformerDatesChapter(): ReportSection {
  const course = 'Course 5 · week 4';
  const title = 'Transformer: translating dates, and where the decoder looks';
  printHeading(course, title);
  const pairs = generateDatePairs(TRAIN + TEST, { seed: 5 });
  const train = pairs.slice(0, TRAIN);
  const test = pairs.slice(TRAIN);
  const { human, machine } = dateVocabularies(train);
  const codec = new DateCodec(human, machine);
  manualSeed(5);
  const model = new Transformer({
    srcVocabSize: codec.srcVocabSize, tgtVocabSize: codec.tgtVocabSize, dModel: D_MODEL, nHead: HEADS,
    numEncoderLayers: ENCODER_LAYERS, numDecoderLayers: DECODER_LAYERS, dimFeedforward: FEEDFORWARD, dropout: 0, maxLength: 32,
  });
  const source: BatchSource<DateBatch> = { length: train.length, batch: (indices) => codec.batch(indices.map((i) => train[i]!)) };
  const steps = EPOCHS * Math.ceil(TRAIN / BATCH);
  const schedule = linearWarmup({ warmupSteps: WARMUP, then: cosineDecay({ lr0: PEAK_LR, totalSteps: steps - WARMUP }) });
  const losses: number[] = [];
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  fit(model, {
    step: (m, b) => crossEntropy(m.forward(b.src, b.tgtIn, { srcKeyMask: b.srcKeyMask }), b.tgtOut),
    data: source,
    optimizer: new Adam(model.parameters(), { lr: 1, betas: [0.9, 0.98] }),
    epochs: EPOCHS,
    batchSize: BATCH,
    seed: 6,
    callbacks: [
      lrScheduler(schedule, { per: 'step' }),
      { onBatchEnd: (_batch, logs) => void losses.push(logs['loss']!) },
      progressBar({ label: 'date transformer' }),
    ],
  });
  const seconds = (performance.now() - start) / 1000;
  model.eval();
  const testOut = translateDates(model, codec, test);
  const trainOut = translateDates(model, codec, train.slice(0, TEST));
  const exact = (out: readonly string[], ps: typeof pairs): number => out.filter((o, i) => o === ps[i]!.machine).length / out.length;
  const testExact = exact(testOut, test);
  const trainExact = exact(trainOut, train);
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const parameters = model.parameters().reduce((s, p) => s + p.size, 0);
  const wrong = test.map((p, i) => ({ ...p, out: testOut[i]! })).filter((p) => p.out !== p.machine);
  const summaries: ModelSummary[] = [{
    model: `Transformer (${ENCODER_LAYERS} + ${DECODER_LAYERS} layers, d_model ${D_MODEL}, ${HEADS} heads), greedy decoding`,
    dataset: `generated dates, ${TRAIN} train / ${TEST} held out`,
    iterations: losses.length,
    learningRate: PEAK_LR,
    finalCost: losses.at(-1)!,
    metric: 'exact match',
    trainAccuracy: trainExact,
    testAccuracy: testExact,
    seconds,
  }];
  printSummaries(summaries);
  console.log(`    ${parameters} parameters; CPU ${cpuSeconds.toFixed(1)} s (wall ${seconds.toFixed(1)} s training)`);

  // One heatmap per format family: the first held-out dates whose human forms differ in shape.
  const shapes = new Set<string>();
  const shown = test.map((p, i) => ({ p, out: testOut[i]! })).filter(({ p }) => {
    const shape = p.human.replace(/[a-z]+/gi, 'a').replace(/\d+/g, '0');
    if (shapes.has(shape)) return false;
    shapes.add(shape);
    return true;
  }).slice(0, HEATMAPS);
  const heatmaps: ReportFigure[] = shown.map(({ p, out }) => ({
    spec: attentionHeatmapSpec(crossAttentionOf(model, codec, p, out), { title: `"${p.human}" → ${out}` }),
    caption: `Cross-attention of the decoder (averaged over its ${HEADS} heads) while it writes ${out}: each row is an output character, each column a character of the input.`,
  }));
  return {
    id: 'transformer-dates',
    title,
    course,
    paragraphs: [
      `Week 3's lab translates human-written dates ("tuesday, march 5, 2002", "5 mar 2002", "03/05/02") into ISO dates (2002-03-05) with an attention RNN. Here the same task is done by the week 4 transformer: ${TRAIN.toLocaleString('en-US')} generated pairs in 16 formats (generated in code, as the lab generates them with Faker and Babel; ${TEST.toLocaleString('en-US')} more held out), ${codec.srcVocabSize} input characters and the 11 of ISO dates.`,
      `The model is \`Transformer\` from \`@dlkit/transformer\` (${parameters.toLocaleString('en-US')} parameters): character embeddings scaled by √d_model plus the sinusoidal positional encoding, ${ENCODER_LAYERS} encoder layers of multi-head self-attention (${HEADS} heads, d_model ${D_MODEL}, feed-forward ${FEEDFORWARD}) that see the whole input with padding masked, and ${DECODER_LAYERS} decoder layer whose causal self-attention sees the ISO characters written so far and whose cross-attention reads the encoder's output. It is trained with teacher forcing — the decoder gets \`<bos>\` and the first 9 target characters and predicts all 10 — for ${EPOCHS} epochs (${steps} steps of ${BATCH} dates) with Adam (β₂ = 0.98), the rate rising linearly to ${PEAK_LR} over ${WARMUP} steps (the warmup transformers need) and then annealed to 0 along a cosine, with optim's \`fit\` and a custom step; the loss fell from ${losses[0]!.toFixed(2)} to ${losses.at(-1)!.toFixed(2)}.`,
      `Decoding is greedy, 10 steps, each feeding only the new character and reusing the cached keys and values of earlier ones. ${percent(testExact)} of the ${TEST.toLocaleString('en-US')} held-out dates come out exactly right (all 10 characters; ${percent(trainExact)} of ${TEST.toLocaleString('en-US')} training dates)${wrong.length > 0 ? `; the misses include ${wrong.slice(0, 3).map((w) => `"${w.human}" → ${w.out} (not ${w.machine})`).join(', ')}` : ''}. Training and evaluation took ${cpuSeconds.toFixed(0)} CPU seconds (${seconds.toFixed(0)} s wall for training).`,
      'The heatmaps show the cross-attention: while writing the year the decoder looks at the year\'s digits, for the month at the month\'s name or number, for the day at the day\'s digits — an alignment learned from the translation loss alone, none given.',
    ],
    summaries,
    figures: [
      { spec: costCurveSpec([{ name: 'cross-entropy', points: losses.map((cost, i) => ({ iteration: i + 1, cost })) }], { title: 'Training loss per batch', xTitle: 'step', yTitle: 'cross-entropy', logY: true }), caption: 'Teacher-forced cross-entropy of each mini-batch, per ISO character.' },
      ...heatmaps,
    ],
  };
}
