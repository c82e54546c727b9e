import { ValueError, type Tensor } from '@dlkit/core';

function release(weights: Record<string, Tensor> | null): void {
  for (const t of Object.values(weights ?? {})) t.dispose();
}
import { snapshotState } from '../training/snapshot.js';
import type { Logs } from '../training/types.js';
import type { Callback, TrainingState } from './callback.js';
import { improves, monitored, resolveMode, type MonitorMode } from './monitor.js';

/** Options of {@link earlyStopping}. */
export interface EarlyStoppingOptions {
  /** The epoch log to watch (default `'valLoss'`). */
  monitor?: string;
  /** Whether smaller or larger is better (default `'auto'`: max for accuracy-like names). */
  mode?: MonitorMode;
  /** Epochs without improvement to wait before stopping (default 0). */
  patience?: number;
  /** The smallest change that counts as improvement (default 0). */
  minDelta?: number;
  /** When training ends, load the weights of the best epoch (default true). */
  restoreBestWeights?: boolean;
}

/** The {@link earlyStopping} callback, with what it found. */
export interface EarlyStopping extends Callback {
  /** The best epoch so far (from 0), or -1 before the first. */
  readonly bestEpoch: number;
  /** The best monitored value so far. */
  readonly bestValue: number | null;
  /** The epoch after which training stopped, or -1 if it ran to the end. */
  readonly stoppedEpoch: number;
}

/**
 * Early stopping (the course's orthogonalization caveat aside): stop when the monitored value
 * (by default the dev loss) has not improved for `patience` epochs, and put back the weights of
 * the best epoch.
 * @example
 * ```ts
 * const stopper = earlyStopping({ monitor: 'valLoss', patience: 5 });
 * fit(model, { …, validationData: [xDev, yDev], callbacks: [stopper] });
 * stopper.bestEpoch; // the epoch whose weights the model now holds
 * ```
 */
export function earlyStopping(options: EarlyStoppingOptions = {}): EarlyStopping {
  const { monitor = 'valLoss', patience = 0, minDelta = 0, restoreBestWeights = true } = options;
  const mode = resolveMode(monitor, options.mode ?? 'auto');
  if (!(Number.isInteger(patience) && patience >= 0)) throw new ValueError(`earlyStopping: patience must be an integer >= 0, got ${String(patience)}`);
  if (!(Number.isFinite(minDelta) && minDelta >= 0)) throw new ValueError(`earlyStopping: minDelta must be a finite number >= 0, got ${String(minDelta)}`);
  let bestValue: number | null = null;
  let bestEpoch = -1;
  let bestWeights: Record<string, Tensor> | null = null;
  let wait = 0;
  let stoppedEpoch = -1;
  let lastEpoch = -1;
  return {
    get bestEpoch() { return bestEpoch; },
    get bestValue() { return bestValue; },
    get stoppedEpoch() { return stoppedEpoch; },
    onTrainBegin() {
      bestValue = null;
      bestEpoch = -1;
      release(bestWeights);
      bestWeights = null;
      wait = 0;
      stoppedEpoch = -1;
    },
    onEpochEnd(epoch: number, logs: Logs, state: TrainingState) {
      lastEpoch = epoch;
      const value = monitored('earlyStopping', monitor, logs);
      if (improves(value, bestValue, mode, minDelta)) {
        bestValue = value;
        bestEpoch = epoch;
        wait = 0;
        if (restoreBestWeights) {
          release(bestWeights);
          bestWeights = snapshotState(state.model);
        }
        return;
      }
      wait++;
      if (wait >= patience) {
        stoppedEpoch = epoch;
        state.stopTraining = true;
      }
    },
    onTrainEnd(state: TrainingState) {
      if (restoreBestWeights && bestWeights && bestEpoch !== lastEpoch) state.model.loadStateDict(bestWeights);
      release(bestWeights);
      bestWeights = null;
    },
  };
}
