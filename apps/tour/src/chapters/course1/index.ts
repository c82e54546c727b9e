import type { MnistSplit } from '../../data/mnist.js';
import type { ReportSection } from '../../report/types.js';
import { deepNetworkChapter } from './chapter-deep.js';
import { logisticRegressionChapter } from './chapter-logistic.js';
import { shallowNetworkChapter } from './chapter-shallow.js';

/**
 * Course 1 of the Deep Learning Specialization, "Neural Networks and Deep Learning", end to end:
 * logistic regression (week 2), a shallow network (week 3) and a deep network (week 4).
 * Trains every model, prints their summaries and returns the report's sections.
 */
export function runCourse1(mnist: MnistSplit): ReportSection[] {
  return [logisticRegressionChapter(mnist), shallowNetworkChapter(), deepNetworkChapter(mnist)];
}
