/**
 * The dlkit tour: trains the models of the Deep Learning Specialization's Courses 1 and 2 with dlkit
 * on the default ('ts') backend, prints what each one learned, and writes an HTML report with the
 * pictures to `tour-report/index.html` in the current directory (or `--out <dir>`).
 *
 * Run from the repository root: `pnpm start` (the report lands in `apps/tour/tour-report/`).
 */
import { getBackend, manualSeed } from '@dlkit/core';
import { runCourse1 } from './chapters/course1/index.js';
import { runCourse2 } from './chapters/course2/index.js';
import { loadMnist } from './data/mnist.js';
import { seconds } from './report/format.js';
import { writeReport } from './report/write.js';

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
  console.log('\nCourse 2: Improving Deep Neural Networks — regularization, optimization, hyperparameter tuning');
  const course2 = await runCourse2();
  const sections = [...course1, ...course2];

  const totalSeconds = (performance.now() - start) / 1000;
  const file = await writeReport(
    { title: 'dlkit tour · Deep Learning Specialization, Courses 1 and 2', sections, backend, totalSeconds, generated: new Date() },
    outputDir(process.argv.slice(2)),
  );
  console.log(`\nTour finished in ${seconds(totalSeconds)}. Report: ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
