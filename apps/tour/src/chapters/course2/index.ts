import type { Course } from '../course.js';
import { optimizationChapter } from './chapter-optimization.js';
import { regularizationChapter } from './chapter-regularization.js';
import { tuningChapter } from './chapter-tuning.js';

/**
 * Course 2 of the Deep Learning Specialization, "Improving Deep Neural Networks: Hyperparameter
 * Tuning, Regularization and Optimization", with `@dlkit/optim`: regularization (week 1),
 * optimization methods (week 2) and hyperparameter search (week 3).
 */
export const course2: Course = {
  number: 2,
  title: 'Improving Deep Neural Networks — regularization, optimization, hyperparameter tuning',
  chapters: [
    { id: 'regularization', run: () => regularizationChapter() },
    { id: 'optimization', run: () => optimizationChapter() },
    { id: 'tuning', run: () => tuningChapter() },
  ],
};
