/**
 * The training page's worker: runs a {@link TrainingJob} on `webgpuWorkerBackend(self)` (the tour
 * runs also on ts, from the same seeds) and posts its {@link TrainingResult}.
 */
import { registerBackend, setBackend } from '@dlkit/core';
import { webgpuWorkerBackend } from '@dlkit/backend-webgpu';
import { traceTrainingMemory } from './memory-run.js';
import { TOUR_RUNS, type DigitSplit } from './tour-runs.js';
import type { RunComparison, TrainingJob, TrainingResult } from './training-protocol.js';

const backend = webgpuWorkerBackend(self);
registerBackend(backend);

/** `fn`'s result on `name` and the seconds it took. */
function timed<T>(name: string, fn: () => T): { value: T; seconds: number } {
  setBackend(name);
  const start = performance.now();
  try {
    return { value: fn(), seconds: (performance.now() - start) / 1000 };
  } finally {
    setBackend('ts');
  }
}

function tour(digits: DigitSplit): TrainingResult {
  const runs: RunComparison[] = TOUR_RUNS.map((run) => {
    const ts = timed('ts', () => run.run(digits));
    const gpu = timed(backend.name, () => run.run(digits));
    return {
      name: run.name, on: run.on, tour: run.tour, steps: gpu.value.steps, majority: gpu.value.majority,
      ts: { accuracy: ts.value.accuracy, seconds: ts.seconds },
      webgpu: { accuracy: gpu.value.accuracy, seconds: gpu.seconds },
    };
  });
  return { kind: 'tour', runs };
}

function memory(steps: number, at: readonly number[]): TrainingResult {
  const { value: trace, seconds } = timed(backend.name, () => traceTrainingMemory(() => backend.memory(), steps, at));
  return { kind: 'memory', trace, seconds, end: backend.memory() };
}

self.addEventListener('message', (event: MessageEvent) => {
  const data = event.data as { job?: TrainingJob };
  if (data.job === undefined) return;
  const job = data.job;
  let result: TrainingResult;
  try {
    result = job.job === 'tour' ? tour(job.digits) : memory(job.steps, job.at);
  } catch (error) {
    result = { kind: 'error', error: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error) };
  }
  self.postMessage({ result });
});
