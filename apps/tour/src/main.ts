/**
 * The dlkit tour: trains the models of the Deep Learning Specialization's courses with dlkit on the
 * default ('ts') backend, prints what each one learned, and writes an HTML report with the pictures
 * to `tour-report/index.html` in the current directory (or `--out <dir>`).
 *
 * Run from the repository root: `pnpm start` (the report lands in `apps/tour/tour-report/`);
 * `pnpm start -- --course 2` runs one course, `--chapter <id>` one chapter.
 */
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { getBackend, manualSeed } from '@dlkit/core';
import type { TourContext } from './chapters/course.js';
import { courses } from './chapters/index.js';
import { loadMnist, type MnistSplit } from './data/mnist.js';
import { collectFigures, figureDrift, readFigures } from './figures.js';
import { parseTourOptions, selectCourses } from './options.js';
import { seconds } from './report/format.js';
import type { ReportSection } from './report/types.js';
import { writeReport } from './report/write.js';

/** The figures the README quotes (see figures.ts). */
const QUOTED_FIGURES = new URL('../figures.json', import.meta.url);

/** MNIST, loaded once when a chapter first asks for it. */
function tourContext(outDir: string): TourContext {
  let mnist: MnistSplit | undefined;
  return {
    outDir,
    mnist() {
      if (!mnist) {
        mnist = loadMnist({ testFraction: 0.2, seed: 0 });
        console.log(`Loaded ${mnist.train.count + mnist.test.count} MNIST digits: ${mnist.train.count} train, ${mnist.test.count} test.`);
      }
      return mnist;
    },
  };
}

async function main(): Promise<void> {
  const options = parseTourOptions(process.argv.slice(2));
  const selected = selectCourses(courses, options);
  const partial = options.courses.length > 0 || options.chapters.length > 0;
  const start = performance.now();
  manualSeed(1);
  const backend = getBackend().name;
  const names = selected.map((c) => c.number).join(', ');
  console.log(`dlkit tour — the Deep Learning Specialization, course${selected.length > 1 ? 's' : ''} ${names} (backend '${backend}')`);

  const context = tourContext(options.out);
  const sections: ReportSection[] = [];
  const courseSeconds: Record<string, number> = {};
  for (const course of selected) {
    const begin = performance.now();
    console.log(`\nCourse ${course.number}: ${course.title}`);
    for (const chapter of course.chapters) sections.push(await chapter.run(context));
    courseSeconds[`course${course.number}`] = (performance.now() - begin) / 1000;
  }

  const file = await writeReport(
    { title: `dlkit tour · Deep Learning Specialization, course${selected.length > 1 ? 's' : ''} ${names}`, sections, backend, totalSeconds: (performance.now() - start) / 1000, generated: new Date() },
    options.out,
  );
  const totalSeconds = (performance.now() - start) / 1000;
  const figures = collectFigures(sections, { backend, cores: availableParallelism(), seconds: { ...courseSeconds, total: totalSeconds } });
  const figuresFile = join(dirname(file), 'figures.json');
  await writeFile(figuresFile, `${JSON.stringify(figures, null, 2)}\n`, 'utf8');
  console.log(`\nTour finished in ${seconds(totalSeconds)}. Report: ${file}`);
  const drift = figureDrift(await readFigures(QUOTED_FIGURES), figures, { partial });
  if (drift.length === 0) console.log(`The README's figures match this run${partial ? ' (for the chapters it ran)' : ''}.`);
  else {
    console.log(`This run's figures differ from the README's:\n${drift.map((d) => `  ${d}`).join('\n')}`);
    if (!partial) console.log(`To quote this run: pnpm --filter @dlkit/tour figures -- ${figuresFile}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
