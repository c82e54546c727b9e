import { ValueError } from '@dlkit/core';
import type { Callback, TrainingState } from '../callbacks/callback.js';
import { improves, monitored, resolveMode, type MonitorMode } from '../callbacks/monitor.js';
import type { Logs } from '../training/types.js';
import { saveTrainingCheckpoint } from './training-checkpoint.js';

/** Options of {@link modelCheckpoint}. */
export interface ModelCheckpointOptions {
  /** The epoch log that decides "best" (default `'valLoss'`). */
  monitor?: string;
  /** Whether smaller or larger is better (default `'auto'`). */
  mode?: MonitorMode;
  /** Save only when the monitored value improves (default false: every epoch). */
  saveBestOnly?: boolean;
  /** Save the optimizer's state too, so training can resume exactly (default true). */
  includeOptimizer?: boolean;
}

/**
 * Saves the model (and by default the optimizer) after every epoch, or only after improving
 * ones, atomically through core's checkpoint writer. `{epoch}` in the path becomes the number of
 * completed epochs (1, 2, …); missing folders in it are created. Resume with `loadTrainingCheckpoint` and `fit`'s `initialEpoch`.
 * @example fit(model, { …, callbacks: [modelCheckpoint('run/epoch-{epoch}.safetensors')] });
 * @example modelCheckpoint('run/best.safetensors', { monitor: 'valAccuracy', saveBestOnly: true })
 */
export function modelCheckpoint(path: string, options: ModelCheckpointOptions = {}): Callback {
  if (typeof path !== 'string' || path.length === 0) throw new ValueError(`modelCheckpoint: path must be a non-empty string, got ${String(path)}`);
  const { monitor = 'valLoss', saveBestOnly = false, includeOptimizer = true } = options;
  const mode = resolveMode(monitor, options.mode ?? 'auto');
  let best: number | null = null;
  return {
    onTrainBegin() {
      best = null;
    },
    onEpochEnd(epoch: number, logs: Logs, state: TrainingState) {
      if (saveBestOnly) {
        const value = monitored('modelCheckpoint', monitor, logs);
        if (!improves(value, best, mode)) return;
        best = value;
      }
      const completed = epoch + 1;
      saveTrainingCheckpoint(path.replaceAll('{epoch}', String(completed)), {
        model: state.model,
        ...(includeOptimizer ? { optimizer: state.optimizer } : {}),
        epoch: completed,
        logs,
      });
    },
  };
}
