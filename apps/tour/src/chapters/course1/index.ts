import type { Course } from '../course.js';
import { deepNetworkChapter } from './chapter-deep.js';
import { logisticRegressionChapter } from './chapter-logistic.js';
import { shallowNetworkChapter } from './chapter-shallow.js';

/**
 * Course 1 of the Deep Learning Specialization, "Neural Networks and Deep Learning", end to end:
 * logistic regression (week 2), a shallow network (week 3) and a deep network (week 4).
 */
export const course1: Course = {
  number: 1,
  title: 'Neural Networks and Deep Learning',
  chapters: [
    { id: 'logistic-regression', run: (context) => logisticRegressionChapter(context.mnist()) },
    { id: 'shallow-network', run: () => shallowNetworkChapter() },
    { id: 'deep-network', run: (context) => deepNetworkChapter(context.mnist()) },
  ],
};
