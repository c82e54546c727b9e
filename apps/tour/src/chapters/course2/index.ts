import type { ReportSection } from '../../report/types.js';
import { optimizationChapter } from './chapter-optimization.js';
import { regularizationChapter } from './chapter-regularization.js';
import { tuningChapter } from './chapter-tuning.js';

/**
 * Course 2 of the Deep Learning Specialization, "Improving Deep Neural Networks: Hyperparameter
 * Tuning, Regularization and Optimization", with `@dlkit/optim`: regularization (week 1),
 * optimization methods (week 2) and hyperparameter search (week 3). Trains every model, prints
 * their summaries and returns the report's sections.
 */
export async function runCourse2(): Promise<ReportSection[]> {
  return [regularizationChapter(), optimizationChapter(), await tuningChapter()];
}
