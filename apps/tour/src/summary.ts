import { percent, seconds } from './report/format.js';
import type { ModelSummary } from './report/types.js';
import type { TrainingHistory } from './chapters/course1/gradient-descent.js';

/** A model's summary: what the run's history already says (updates, final cost, time) plus the rest. */
export function runSummary(history: TrainingHistory, rest: Omit<ModelSummary, 'iterations' | 'finalCost' | 'seconds'>): ModelSummary {
  return { ...rest, iterations: history.iterations, finalCost: history.costs.at(-1)?.cost ?? NaN, seconds: history.seconds };
}

/**
 * One line per trained model for the terminal, e.g.
 * `✔ Shallow network (n_h = 4)  final cost 0.1829  train 92.3%  (2.1 s)`.
 */
export function summaryLine(summary: ModelSummary): string {
  const metric = summary.metric === undefined ? '' : ` ${summary.metric}`;
  const test = summary.testAccuracy === null ? '' : `  ${summary.heldOut ?? 'test'}${metric} ${percent(summary.testAccuracy)}`;
  return `  ✔ ${summary.model} — ${summary.dataset}: final cost ${summary.finalCost.toFixed(4)}  train${metric} ${percent(summary.trainAccuracy)}${test}  (${seconds(summary.seconds)})`;
}

/** Prints a chapter heading to the terminal. */
export function printHeading(course: string, title: string): void {
  console.log(`\n\x1b[1m${course} — ${title}\x1b[0m`);
}

/** Prints a chapter's model summaries to the terminal. */
export function printSummaries(summaries: readonly ModelSummary[]): void {
  for (const s of summaries) console.log(summaryLine(s));
}
