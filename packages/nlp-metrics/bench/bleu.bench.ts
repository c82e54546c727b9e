/**
 * How fast the metrics score 10,000 sentence pairs (the bar: BLEU in under a second).
 * A benchmark, not a test: run it with `npx tsx packages/nlp-metrics/bench/bleu.bench.ts`.
 * Each line gives the best and the median wall time of 7 runs after 3 warm-up runs, and the
 * least CPU time one run took; on a shared, busy machine the best run is the one least disturbed
 * by other processes.
 */
import { chrF, corpusBleu, nltkCorpusBleu, sentenceBleu } from '../src/index.js';

const PAIRS = 10_000;
const RUNS = 7;

// mulberry32: a small seeded generator, so every run scores the same corpus.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seededRandom(42);
const vocabulary = Array.from({ length: 2000 }, (_, i) => `w${i.toString(36)}`).concat([',', '.', 'the', 'a', 'of']);
const pick = (): string => vocabulary[Math.floor(random() * vocabulary.length)]!;

/** A reference of 15–35 words, and a hypothesis that changes about a fifth of them. */
function makePair(): [string, string] {
  const reference = Array.from({ length: 15 + Math.floor(random() * 21) }, pick);
  const hypothesis = reference.map((word) => (random() < 0.2 ? pick() : word));
  if (random() < 0.3) hypothesis.splice(Math.floor(random() * hypothesis.length), 1);
  return [`${hypothesis.join(' ')}.`, `${reference.join(' ')}.`];
}

const pairs = Array.from({ length: PAIRS }, makePair);
const hypotheses = pairs.map(([hypothesis]) => hypothesis);
const references = pairs.map(([, reference]) => [reference]);
const fourReferences = pairs.map(([, reference]) => [reference, makePair()[1], makePair()[1], makePair()[1]]);
const hypothesisTokens = hypotheses.map((h) => h.split(' '));
const referenceTokens = references.map((refs) => refs.map((r) => r.split(' ')));

function time(label: string, run: () => unknown): void {
  for (let i = 0; i < 3; i++) run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const [start, startCpu] = [performance.now(), process.cpuUsage()];
    run();
    const usedCpu = process.cpuUsage(startCpu);
    wall.push(performance.now() - start);
    cpu.push((usedCpu.user + usedCpu.system) / 1000);
  }
  const best = Math.min(...wall);
  const median = wall.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
  const rate = Math.round((PAIRS / best) * 1000).toLocaleString('en-US');
  const ms = (value: number): string => `${value.toFixed(0).padStart(5)} ms`;
  console.log(`${label.padEnd(42)} best ${ms(best)} (${rate.padStart(7)} pairs/s), median ${ms(median)}, CPU ${ms(Math.min(...cpu))}`);
}

console.log(`${PAIRS.toLocaleString('en-US')} sentence pairs, 15–35 words each, Node ${process.version}`);
time('corpusBleu (13a, 1 reference)', () => corpusBleu(hypotheses, references));
time('corpusBleu (13a, 4 references)', () => corpusBleu(hypotheses, fourReferences));
time('corpusBleu (intl, 1 reference)', () => corpusBleu(hypotheses, references, { tokenize: 'intl' }));
time('sentenceBleu × 10,000 (effectiveOrder)', () => hypotheses.map((h, i) => sentenceBleu(h, references[i]!, { effectiveOrder: true })));
time('nltkCorpusBleu (pre-tokenized, method 1)', () => nltkCorpusBleu(referenceTokens, hypothesisTokens, { smoothing: 1 }));
time('chrF (1 reference)', () => chrF(hypotheses, references));
time('chrF++ (1 reference)', () => chrF(hypotheses, references, { wordOrder: 2 }));
