import { concat, Generator, manualSeed, nn, noGrad, relu, tensor, type Tensor } from '@dlkit/core';
import {
  Conv2d, MaxPool2d, Siamese, chooseThreshold, embeddingDistance, equalErrorRate, minedTripletLoss, oneShotIdentify, rocAuc, rocCurve, verify,
  type RocPoint,
} from '@dlkit/cnn';
import { Adam, fit, progressBar } from '@dlkit/optim';
import type { TopLevelSpec } from 'vega-lite';
import { costCurveSpec } from '../../report/charts.js';
import { percent } from '../../report/format.js';
import { palette } from '../../report/palette.js';
import type { ModelSummary, ReportSection } from '../../report/types.js';
import type { DigitSet, MnistSplit } from '../../data/mnist.js';
import { MNIST_PIXELS, MNIST_SIDE } from '../../data/mnist.js';
import { printHeading, printSummaries } from '../../summary.js';

const SEEN = [0, 1, 2, 3, 4, 5, 6];
const UNSEEN = [7, 8, 9];
const TRAIN_PER_DIGIT = 500;
const EPOCHS = 4;
const BATCH = 64;
const LR = 0.003;
const MARGIN = 0.2;
const EMBEDDING = 32;
const TRIALS = 20;
const QUERIES_PER_DIGIT = 100;
const PAIRS = 600;

/** Images of the given digits, at most `perDigit` each: `[n, 28, 28, 1]` and their labels. */
function digits(set: DigitSet, wanted: readonly number[], perDigit: number): { x: Tensor; y: Tensor; indices: number[] } {
  const counts = new Map<number, number>();
  const indices: number[] = [];
  for (let i = 0; i < set.count; i++) {
    const d = set.labels[i]!;
    if (!wanted.includes(d) || (counts.get(d) ?? 0) >= perDigit) continue;
    counts.set(d, (counts.get(d) ?? 0) + 1);
    indices.push(i);
  }
  const images = new Float32Array(indices.length * MNIST_PIXELS);
  indices.forEach((i, k) => images.set(set.images.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS), k * MNIST_PIXELS));
  return { x: tensor(images, { shape: [indices.length, MNIST_SIDE, MNIST_SIDE, 1] }), y: tensor(indices.map((i) => set.labels[i]!), { dtype: 'int32' }), indices };
}

/** The encoder f: two conv + max-pool stages and a linear layer to a 32-d embedding. */
class DigitEncoder extends nn.Module {
  readonly conv1 = new Conv2d(1, 16, 3, { padding: 1 });
  readonly conv2 = new Conv2d(16, 32, 3, { padding: 1 });
  readonly pool = new MaxPool2d(2);
  readonly fc = new nn.Linear(32 * 7 * 7, EMBEDDING);

  forward(x: Tensor): Tensor {
    const h = this.pool.forward(relu(this.conv2.forward(this.pool.forward(relu(this.conv1.forward(x))))));
    return this.fc.forward(h.reshape([h.shape[0]!, -1]));
  }
}

/** Embeddings of `x` in chunks of 200, without gradients. */
const embedAll = (net: Siamese, x: Tensor): Tensor => noGrad(() => {
  const parts: Tensor[] = [];
  for (let i = 0; i < x.shape[0]!; i += 200) parts.push(net.embed(x.slice([i, 0, 0, 0], [Math.min(200, x.shape[0]! - i), MNIST_SIDE, MNIST_SIDE, 1])));
  return concat(parts, 0);
});

/** Mean one-shot accuracy over `TRIALS` draws of one reference image per digit; queries are the other images. */
function oneShotAccuracy(embeddings: Tensor, labels: Int32Array, ids: readonly number[], seed: number): number {
  const g = new Generator(seed);
  const byDigit = ids.map((d) => Array.from(labels.keys()).filter((i) => labels[i] === d));
  let total = 0;
  for (let t = 0; t < TRIALS; t++) {
    const refs = byDigit.map((rows) => rows[Math.floor(g.nextFloat() * rows.length)]!);
    const queries = byDigit.flatMap((rows, k) => rows.filter((r) => r !== refs[k]).slice(0, QUERIES_PER_DIGIT));
    const pick = (rows: number[]): Tensor => embeddings.gather(tensor(rows, { dtype: 'int32' }), 0);
    const answers = oneShotIdentify(pick(queries), pick(refs), ids);
    total += answers.filter((a, i) => a.identity === labels[queries[i]!]).length / answers.length;
  }
  return total / TRIALS;
}

/** `count` random pairs of rows in `[from, to)` (half same digit, half different) with their distances. */
function pairs(embeddings: Tensor, labels: Int32Array, count: number, seed: number, [from, to]: readonly [number, number]): { distances: Float32Array; same: boolean[] } {
  const g = new Generator(seed);
  const a: number[] = [];
  const b: number[] = [];
  while (a.length < count) {
    const i = from + Math.floor(g.nextFloat() * (to - from));
    const j = from + Math.floor(g.nextFloat() * (to - from));
    const wantSame = a.length % 2 === 0;
    if (i === j || (labels[i] === labels[j]) !== wantSame) continue;
    a.push(i);
    b.push(j);
  }
  const rows = (r: number[]): Tensor => embeddings.gather(tensor(r, { dtype: 'int32' }), 0);
  const distances = Float32Array.from(noGrad(() => embeddingDistance(rows(a), rows(b), { squared: false }).dataSync()));
  return { distances, same: a.map((i, k) => labels[i] === labels[b[k]!]) };
}

/** ROC curves (true accept rate against false accept rate), one line per model, with the chance diagonal. */
function rocSpec(curves: readonly { name: string; points: readonly RocPoint[] }[]): TopLevelSpec {
  const values = curves.flatMap((c) => c.points.map((p) => ({ model: c.name, fpr: p.fpr, tpr: p.tpr })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Verification ROC on unseen digits 7–9 (test pairs)',
    width: 300,
    height: 300,
    layer: [
      {
        data: { values: [{ fpr: 0, tpr: 0 }, { fpr: 1, tpr: 1 }] },
        mark: { type: 'line', strokeDash: [4, 4], color: '#a0aec0' },
        encoding: { x: { field: 'fpr', type: 'quantitative' }, y: { field: 'tpr', type: 'quantitative' } },
      },
      {
        data: { values },
        mark: { type: 'line', strokeWidth: 2, interpolate: 'step-after' },
        encoding: {
          x: { field: 'fpr', type: 'quantitative', title: 'false accept rate', scale: { domain: [0, 1] } },
          y: { field: 'tpr', type: 'quantitative', title: 'true accept rate', scale: { domain: [0, 1] } },
          color: { field: 'model', type: 'nominal', scale: { range: [...palette.series] }, legend: { orient: 'bottom-right', labelLimit: 300 } },
          order: { field: 'fpr', type: 'quantitative' },
        },
      },
    ],
  };
}

/**
 * Course 4, week 4 — face verification and one-shot learning, with MNIST digits as the
 * "identities": an encoder trained with the triplet loss (semi-hard mining) on digits 0–6 and
 * evaluated on 7–9, which it never saw — one reference image per digit for identification, a
 * threshold τ chosen on dev pairs for verification.
 */
export function faceVerificationChapter(mnist: MnistSplit): ReportSection {
  const course = 'Course 4 · week 4';
  const title = 'One-shot learning: siamese network with the triplet loss';
  printHeading(course, title);
  manualSeed(23);
  const train = digits(mnist.train, SEEN, TRAIN_PER_DIGIT);
  const unseen = digits(mnist.test, UNSEEN, 400);
  const net = new Siamese(new DigitEncoder());
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = fit(net, {
    step: (model, [x, y]) => minedTripletLoss(model.embed(x), y, { strategy: 'semi-hard', margin: MARGIN }),
    data: [train.x, train.y],
    optimizer: new Adam(net.parameters(), { lr: LR }),
    epochs: EPOCHS,
    batchSize: BATCH,
    seed: 9,
    callbacks: [progressBar({ label: 'triplet encoder' })],
  });
  const seconds = (performance.now() - start) / 1000;
  net.eval();
  const labels = Int32Array.from(unseen.y.dataSync());
  const learned = embedAll(net, unseen.x);
  const raw = unseen.x.reshape([unseen.x.shape[0]!, -1]);
  const seenTest = digits(mnist.test, SEEN, 100);
  const seenLabels = Int32Array.from(seenTest.y.dataSync());
  const accuracy = { learned: oneShotAccuracy(learned, labels, UNSEEN, 1), raw: oneShotAccuracy(raw, labels, UNSEEN, 1), seen: oneShotAccuracy(embedAll(net, seenTest.x), seenLabels, SEEN, 1) };
  const evaluate = (embeddings: Tensor) => {
    // Dev pairs from the first half of the unseen images, test pairs from the second half.
    const half = Math.floor(labels.length / 2);
    const dev = pairs(embeddings, labels, PAIRS, 2, [0, half]);
    const test = pairs(embeddings, labels, PAIRS, 3, [half, labels.length]);
    const { threshold } = chooseThreshold(dev.distances, dev.same);
    const decided = verify(test.distances, threshold);
    const roc = rocCurve(test.distances, test.same);
    return { threshold, accuracy: decided.filter((v, i) => v === test.same[i]).length / decided.length, roc, auc: rocAuc(roc), eer: equalErrorRate(roc).rate };
  };
  const ver = { learned: evaluate(learned), raw: evaluate(raw) };
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const losses = result.history['loss']!;
  const summaries: ModelSummary[] = [
    {
      model: `Triplet encoder (2 conv + linear → ${EMBEDDING}-d unit vectors), one-shot on unseen digits`,
      dataset: `MNIST digits 0–6 (${train.indices.length} train); one-shot test on digits 7–9`,
      iterations: EPOCHS * Math.ceil(train.indices.length / BATCH),
      learningRate: LR,
      finalCost: losses.at(-1)!,
      metric: 'one-shot accuracy',
      trainAccuracy: accuracy.seen,
      testAccuracy: accuracy.learned,
      seconds,
    },
  ];
  printSummaries(summaries);
  console.log(`    one-shot on 7–9: ${percent(accuracy.learned)} (raw pixels ${percent(accuracy.raw)}, chance ${percent(1 / 3)}); verification ${percent(ver.learned.accuracy)} at τ = ${ver.learned.threshold.toFixed(3)}, EER ${percent(ver.learned.eer)}; CPU ${cpuSeconds.toFixed(1)} s (wall ${seconds.toFixed(1)} s training)`);
  return {
    id: 'face-verification',
    title,
    course,
    paragraphs: [
      `Face recognition has to work from one photo per person (one-shot learning) and for people added after training, so instead of a classifier with one output per person it learns an encoding f(x) in which the distance ‖f(x1) − f(x2)‖ is small for the same person and large otherwise — a siamese network, one encoder applied to both images (\`new Siamese(encoder)\`, embeddings L2-normalized as in FaceNet). FaceNet trains it with the triplet loss \`tripletLoss(A, P, N, { margin: α })\` = Σ max(‖f(A) − f(P)‖² − ‖f(A) − f(N)‖² + α, 0), and since random triplets are mostly already satisfied, triplets are mined inside each batch: \`minedTripletLoss(embeddings, identities, { strategy: 'semi-hard' })\` pairs each anchor–positive with the nearest negative still farther than the positive (batch-all and batch-hard are the other strategies).`,
      `No face data set ships offline, so the identities here are MNIST digits (the \`mnist\` package): the encoder — two 3 × 3 convolutions with ReLU and 2 × 2 max pools and a linear layer to ${EMBEDDING} dimensions — is trained on digits 0–6 only (${train.indices.length} images, ${EPOCHS} epochs of Adam, α = ${LR}, margin ${MARGIN}, batches of ${BATCH}, loss ${losses[0]!.toFixed(3)} → ${losses.at(-1)!.toFixed(3)}) and evaluated on test images of 7, 8 and 9, identities it has never seen, like a new employee's face.`,
      `One-shot identification (\`oneShotIdentify\`, the nearest of a database of one embedding per identity), averaged over ${TRIALS} random choices of the single reference image: ${percent(accuracy.learned)} of unseen 7/8/9 queries are named right, against ${percent(1 / 3)} for chance and ${percent(accuracy.raw)} for nearest neighbour on raw pixels (on the training digits 0–6, 7-way: ${percent(accuracy.seen)}). Verification (same digit or not, \`distance < τ\`): τ = ${ver.learned.threshold.toFixed(3)} chosen on ${PAIRS} dev pairs of one half of the unseen images (\`chooseThreshold\`) gives ${percent(ver.learned.accuracy)} on ${PAIRS} test pairs of the other half; the ROC curve (\`rocCurve\`) has area ${ver.learned.auc.toFixed(3)} and an equal-error rate (\`equalErrorRate\`) of ${percent(ver.learned.eer)}, against ${ver.raw.auc.toFixed(3)} and ${percent(ver.raw.eer)} on raw pixels. ${cpuSeconds.toFixed(0)} CPU seconds (${seconds.toFixed(0)} s wall-clock training) on the ts backend.`,
    ],
    summaries,
    figures: [
      { spec: costCurveSpec([{ name: 'semi-hard triplet loss', points: losses.map((cost, i) => ({ iteration: i + 1, cost })) }], { title: 'Triplet loss per epoch (digits 0–6)', xTitle: 'epoch' }), caption: 'Mean semi-hard triplet loss over the batches of each epoch.' },
      { spec: rocSpec([{ name: `triplet embeddings (AUC ${ver.learned.auc.toFixed(3)})`, points: ver.learned.roc }, { name: `raw pixels (AUC ${ver.raw.auc.toFixed(3)})`, points: ver.raw.roc }]), caption: 'True against false accept rate of distance < τ for every τ, on pairs of unseen digits 7–9.' },
    ],
  };
}
