import { crossEntropy, manualSeed, reshape } from '@dlkit/core';
import { Adam, fit, progressBar } from '@dlkit/optim';
import { Seq2Seq } from '@dlkit/sequence';
import { dateVocabularies, generateDatePairs, type DatePair } from '../../data/dates.js';
import { costCurveSpec } from '../../report/charts.js';
import { percent } from '../../report/format.js';
import { heatmapSpec } from '../../report/heatmap.js';
import type { ModelSummary, ReportSection } from '../../report/types.js';
import { printHeading, printSummaries } from '../../summary.js';
import { DateCodec, heldOutDates, ISO_LENGTH, type DateBatch } from './date-batches.js';

const TRAIN_PAIRS = 8_000;
const TEST_PAIRS = 1_000;
const EMBEDDING = 12;
/** `n_a`, each direction of the pre-attention Bi-LSTM (the lab's 32, halved for the time budget). */
const ENCODER_HIDDEN = 16;
/** `n_s`, the post-attention LSTM (the lab's 64, halved). */
const DECODER_HIDDEN = 32;
/** Hidden width of the attention's small scoring network (the lab's 10-unit Dense). */
const ATTENTION_DIM = 16;
const EPOCHS = 4;
const BATCH = 100;
const LR = 0.01;
/** Dates of the course's notebook, translated at the end of the lab. */
const COURSE_EXAMPLES = ['3 May 1979', '5 April 09', '21th of August 2016', 'Tue 10 Jul 2007', 'Saturday May 9 2018', 'March 3 2001', 'March 3rd 2001', '1 March 2001'];

/** Greedy translations of `pairs` (no teacher forcing) and their exact-match rate. */
function translate(model: Seq2Seq, codec: DateCodec, pairs: readonly DatePair[]): { outputs: string[]; exact: number; attention: Float32Array; batch: DateBatch } {
  const batch = codec.batch(pairs);
  const decoded = model.greedyDecode(batch.source, { start: codec.start, maxLength: ISO_LENGTH, sourceLengths: batch.lengths });
  const outputs = decoded.tokens.map((t) => codec.decodeMachine(t));
  const exact = outputs.filter((o, i) => o === pairs[i]!.machine).length / pairs.length;
  return { outputs, exact, attention: decoded.attention.dataSync() as Float32Array, batch };
}

/**
 * Course 5, week 3 — neural machine translation of dates with attention (the course's lab): a
 * Bi-LSTM reads a human-readable date character by character; at each of the 10 output steps the
 * post-attention LSTM attends over those states and writes one character of the ISO date.
 */
export function dateTranslationChapter(): ReportSection {
  const course = 'Course 5 · week 3';
  const title = 'Date translation with attention';
  printHeading(course, title);
  manualSeed(31);
  const cpuStart = process.cpuUsage();
  const pool = generateDatePairs(TRAIN_PAIRS + 3 * TEST_PAIRS, { seed: 12345 });
  const train = pool.slice(0, TRAIN_PAIRS);
  const test = heldOutDates(pool.slice(TRAIN_PAIRS), train, TEST_PAIRS);
  const vocab = dateVocabularies(train);
  const codec = new DateCodec(vocab.human, vocab.machine);

  const model = new Seq2Seq({
    sourceVocabSize: vocab.human.length,
    targetVocabSize: codec.targetVocabSize,
    embeddingDim: EMBEDDING,
    encoderHidden: ENCODER_HIDDEN,
    decoderHidden: DECODER_HIDDEN,
    attentionDim: ATTENTION_DIM,
    attention: 'additive',
  });
  const batchLosses: number[] = [];
  const start = performance.now();
  const result = fit(model, {
    step: (m, b: DateBatch) => crossEntropy(reshape(m.forward(b.source, b.targetIn, { sourceLengths: b.lengths }).logits, [-1, codec.targetVocabSize]), b.targetOut),
    data: codec.source(train),
    optimizer: new Adam(model.parameters(), { lr: LR }),
    epochs: EPOCHS,
    batchSize: BATCH,
    clipGradNorm: 5,
    seed: 3,
    callbacks: [progressBar({ label: 'date translation' }), { onBatchEnd: (_, logs) => { batchLosses.push(logs['loss']!); } }],
  });
  const seconds = (performance.now() - start) / 1000;
  model.eval();
  const onTrain = translate(model, codec, train.slice(0, TEST_PAIRS / 2));
  const onTest = translate(model, codec, test);
  const notebook = translate(model, codec, COURSE_EXAMPLES.map((human) => ({ human, machine: '' })));
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const losses = result.history['loss']!;
  const parameters = model.parameters().reduce((s, p) => s + p.size, 0);
  const errors = test.map((p, i) => ({ ...p, got: onTest.outputs[i]! })).filter((e) => e.got !== e.machine);

  const summaries: ModelSummary[] = [
    {
      model: `Bi-LSTM(${ENCODER_HIDDEN}) → additive attention → LSTM(${DECODER_HIDDEN}) → softmax`,
      dataset: `${TRAIN_PAIRS.toLocaleString('en-US')} generated date pairs; ${test.length} held-out dates`,
      iterations: EPOCHS * Math.ceil(TRAIN_PAIRS / BATCH),
      learningRate: LR,
      finalCost: losses.at(-1)!,
      metric: 'exact match',
      trainAccuracy: onTrain.exact,
      testAccuracy: onTest.exact,
      seconds,
    },
  ];
  printSummaries(summaries);
  console.log(`    ${parameters} parameters; CPU ${cpuSeconds.toFixed(1)} s (wall ${seconds.toFixed(1)} s training)`);
  COURSE_EXAMPLES.forEach((h, i) => console.log(`    ${h.padEnd(20)} → ${notebook.outputs[i]}`));

  // The heatmap of the course's notebook: one long held-out date, outputs as rows, inputs as columns.
  const shown = test.reduce((best, p, i) => (p.human.length > test[best]!.human.length && onTest.outputs[i] === p.machine ? i : best), 0);
  const tx = onTest.batch.source.shape[1]!;
  const chars = [...test[shown]!.human];
  const rows = Array.from({ length: ISO_LENGTH }, (_, t) => Array.from(onTest.attention.subarray((shown * ISO_LENGTH + t) * tx, (shown * ISO_LENGTH + t) * tx + chars.length)));
  const outputChars = [...onTest.outputs[shown]!];
  // Where each output character looks most: the input position with its largest weight.
  const peaks = rows.map((row, t) => {
    const at = row.indexOf(Math.max(...row));
    return `${outputChars[t]} ← "${chars[at]}" (position ${at + 1}, α = ${row[at]!.toFixed(2)})`;
  });
  return {
    id: 'date-translation',
    title,
    course,
    paragraphs: [
      `The course's machine-translation lab turns human-readable dates into ISO dates ("tuesday, march 5, 2002" → "2002-03-05"). The ${(TRAIN_PAIRS + TEST_PAIRS).toLocaleString('en-US')} pairs are generated in code (\`generateDatePairs\`, 16 formats modelled on the Babel patterns the lab draws with Faker), seeded. The ${test.length} test pairs are held-out dates: none of their calendar days occurs in the training pairs, in any format.`,
      `The model is the lab's, built from \`@dlkit/sequence\`'s \`Seq2Seq\`: character embeddings (${EMBEDDING} wide, ${vocab.human.length} human characters) → a pre-attention Bi-LSTM with ${ENCODER_HIDDEN} units per direction (the states a<t'>), then for each of the ${ISO_LENGTH} output characters Bahdanau's additive attention — the lab's "small neural network" e<t,t'> = vᵀ tanh(W_s s<t−1> + W_a a<t'>) with ${ATTENTION_DIM} hidden units, α<t,t'> = softmax over t', context c<t> = Σ α<t,t'> a<t'> — and a post-attention LSTM with ${DECODER_HIDDEN} units. Unlike the lab's decoder it also reads the previous output character (teacher forcing in training, its own output when translating), and its sizes are half the lab's (n_a = 32, n_s = 64) to keep within the time budget: ${parameters.toLocaleString('en-US')} parameters. Batches are padded only to their own longest date (a \`BatchSource\` for \`fit\`), and the attention masks the padding.`,
      `${EPOCHS} epochs of Adam (α = ${LR}, batch ${BATCH}, gradient norm clipped at 5) with \`fit\`: loss ${losses[0]!.toFixed(3)} → ${losses.at(-1)!.toFixed(4)}. Translated greedily, character by character, ${percent(onTest.exact)} of the held-out dates come out exactly right (${percent(onTrain.exact)} of ${TEST_PAIRS / 2} training pairs)${errors.length > 0 ? `; wrong ones include ${errors.slice(0, 3).map((e) => `"${e.human}" → ${e.got} (not ${e.machine})`).join(', ')}` : ''}. Data, training and evaluation took ${cpuSeconds.toFixed(0)} CPU seconds.`,
      `The notebook's own examples, outside the generated formats (ordinals, "of", mixed case): ${COURSE_EXAMPLES.map((h, i) => `"${h}" → ${notebook.outputs[i]}`).join(', ')}.`,
    ],
    summaries,
    figures: [
      {
        spec: heatmapSpec(rows, { title: `Attention while translating "${test[shown]!.human}"`, rowLabels: outputChars, columnLabels: chars, xTitle: 'input character t\'', yTitle: 'output character t', valueTitle: 'α<t,t\'>', domain: [0, 1] }),
        caption: `Each row is one output character; its weights over the input characters sum to 1. The largest weight of each: ${peaks.join('; ')}.`,
        wide: true,
      },
      {
        spec: costCurveSpec([{ name: 'cross-entropy', points: batchLosses.map((cost, i) => ({ iteration: i + 1, cost })) }], { title: 'Training loss per mini-batch', xTitle: 'mini-batch', yTitle: 'cross-entropy per character', logY: true }),
        caption: `Cross-entropy per output character of each of the ${batchLosses.length} mini-batches (teacher forced), on a log scale.`,
      },
    ],
  };
}
