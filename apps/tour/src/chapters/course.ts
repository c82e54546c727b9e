import type { MnistSplit } from '../data/mnist.js';
import type { ReportSection } from '../report/types.js';

/** What chapters share within one tour run: data loaded once, on first use. */
export interface TourContext {
  /** The MNIST digits of the `mnist` package, split 80/20 (seed 0), loaded on the first call. */
  mnist(): MnistSplit;
  /** The report's folder (`--out`), for files a chapter leaves beside the report (the LeNet-5 weights the playground loads). */
  readonly outDir: string;
}

/** One chapter of a course: trains its models, prints their summaries, returns its report section. */
export interface Chapter {
  /** The chapter's id: its report anchor and the value `--chapter` selects it by. */
  readonly id: string;
  run(context: TourContext): ReportSection | Promise<ReportSection>;
}

/** One course of the Deep Learning Specialization as the tour runs it. */
export interface Course {
  /** 1 … 5: what `--course` selects it by. */
  readonly number: number;
  /** The course's title, printed as the heading of its part of the run. */
  readonly title: string;
  readonly chapters: readonly Chapter[];
}
