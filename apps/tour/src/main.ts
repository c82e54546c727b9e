/**
 * The dlkit tour: trains the models of the Deep Learning Specialization's Courses 1 and 2 with dlkit
 * on the default ('ts') backend, prints what each one learned, and writes an HTML report with the
 * pictures to `tour-report/index.html` in the current directory (or `--out <dir>`).
 *
 * Run from the repository root: `pnpm start` (the report lands in `apps/tour/tour-report/`).
 */
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { getBackend, manualSeed } from '@dlkit/core';
import { runCourse1 } from './chapters/course1/index.js';
import { runCourse2 } from './chapters/course2/index.js';
import { loadMnist } from './data/mnist.js';
import { collectFigures, figureDrift, readFigures } from './figures.js';
import { seconds } from './report/format.js';
import { writeReport } from './report/write.js';

/** The figures the README quotes (see figures.ts). */
const QUOTED_FIGURES = new URL('../figures.json', import.meta.url);

/** The report folder: `--out <dir>` on the command line, else `tour-report` in the current directory. */
function outputDir(argv: readonly string[]): string {
  const i = argv.indexOf('--out');
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : 'tour-report';
}

async function main(): Promise<void> {
  const start = performance.now();
  manualSeed(1);
  const backend = getBackend().name;
  console.log(`dlkit tour — Courses 1 and 2 of the Deep Learning Specialization (backend '${backend}')`);
  console.log('\nCourse 1: Neural Networks and Deep Learning');
  const mnist = loadMnist({ testFraction: 0.2, seed: 0 });
  console.log(`Loaded ${mnist.train.count + mnist.test.count} MNIST digits: ${mnist.train.count} train, ${mnist.test.count} test.`);

  const course1 = runCourse1(mnist);
  const course1Seconds = (performance.now() - start) / 1000;
  console.log('\nCourse 2: Improving Deep Neural Networks — regularization, optimization, hyperparameter tuning');
  const course2 = await runCourse2();
  const course2Seconds = (performance.now() - start) / 1000 - course1Seconds;
  const sections = [...course1, ...course2];

  const file = await writeReport(
    { title: 'dlkit tour · Deep Learning Specialization, Courses 1 and 2', sections, backend, totalSeconds: (performance.now() - start) / 1000, generated: new Date() },
    outputDir(process.argv.slice(2)),
  );
  const totalSeconds = (performance.now() - start) / 1000;
  const figures = collectFigures(sections, { backend, cores: availableParallelism(), seconds: { course1: course1Seconds, course2: course2Seconds, total: totalSeconds } });
  const figuresFile = join(dirname(file), 'figures.json');
  await writeFile(figuresFile, `${JSON.stringify(figures, null, 2)}\n`, 'utf8');
  console.log(`\nTour finished in ${seconds(totalSeconds)}. Report: ${file}`);
  const drift = figureDrift(await readFigures(QUOTED_FIGURES), figures);
  if (drift.length === 0) console.log('The README\'s figures match this run.');
  else {
    console.log(`This run's figures differ from the README's:\n${drift.map((d) => `  ${d}`).join('\n')}`);
    console.log(`To quote this run: pnpm --filter @dlkit/tour figures -- ${figuresFile}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
