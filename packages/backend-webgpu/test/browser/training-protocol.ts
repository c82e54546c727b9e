import type { WebGPUMemory } from '@dlkit/backend-webgpu';
import type { MemoryTrace } from './memory-run.js';
import type { DigitSplit } from './tour-runs.js';

/** One tour run on both backends. */
export interface RunComparison {
  readonly name: string;
  readonly on: 'train' | 'dev' | 'test';
  /** The tour's full-run accuracy, for reference. */
  readonly tour: number;
  readonly steps: number;
  /** The accuracy of always answering the majority class on the same examples. */
  readonly majority: number;
  readonly ts: { readonly accuracy: number; readonly seconds: number };
  readonly webgpu: { readonly accuracy: number; readonly seconds: number };
}

/** What the training page's worker is asked to do. */
export type TrainingJob = { readonly job: 'tour'; readonly digits: DigitSplit } | { readonly job: 'memory'; readonly steps: number; readonly at: readonly number[] };

/** A job's outcome, as `window.dlkitTrain(job)` resolves it. */
export type TrainingResult =
  | { readonly kind: 'no-webgpu'; readonly reason: string }
  | { readonly kind: 'error'; readonly error: string }
  | { readonly kind: 'tour'; readonly runs: readonly RunComparison[] }
  | { readonly kind: 'memory'; readonly trace: MemoryTrace; readonly seconds: number; readonly end: WebGPUMemory };
