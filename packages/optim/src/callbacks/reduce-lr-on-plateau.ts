import { ValueError } from '@dlkit/core';
import type { Logs } from '../training/types.js';
import type { Callback, TrainingState } from './callback.js';
import { improves, monitored, resolveMode, type MonitorMode } from './monitor.js';

/** Options of {@link reduceLrOnPlateau}. */
export interface ReduceLrOnPlateauOptions {
  /** The epoch log to watch (default `'valLoss'`). */
  monitor?: string;
  /** Whether smaller or larger is better (default `'auto'`: max for accuracy-like names). */
  mode?: MonitorMode;
  /** Multiply every group's learning rate by this when the value stalls (default 0.1, in (0, 1)). */
  factor?: number;
  /** Epochs without improvement before the rate is cut (default 10). */
  patience?: number;
  /** The smallest change that counts as improvement (default 1e-4). */
  minDelta?: number;
  /** Epochs to wait after a cut before counting stalls again (default 0). */
  cooldown?: number;
  /** No group's rate goes below this (default 0). */
  minLr?: number;
}

/** The {@link reduceLrOnPlateau} callback, with what it did. */
export interface ReduceLrOnPlateau extends Callback {
  /** Epochs (from 0) after which the learning rate was cut. */
  readonly reductions: readonly number[];
}

/**
 * Cuts the learning rate by `factor` when the monitored value (by default the dev loss) has not
 * improved for `patience` epochs — Keras' `ReduceLROnPlateau`, PyTorch's scheduler of the same
 * name. The course's learning-rate decay, driven by the dev set rather than by the clock. Its
 * counters live in the callback: a resumed run starts them afresh.
 * @example fit(model, { …, validationData: [xDev, yDev], callbacks: [reduceLrOnPlateau({ patience: 3, factor: 0.5 })] });
 */
export function reduceLrOnPlateau(options: ReduceLrOnPlateauOptions = {}): ReduceLrOnPlateau {
  const { monitor = 'valLoss', factor = 0.1, patience = 10, minDelta = 1e-4, cooldown = 0, minLr = 0 } = options;
  const mode = resolveMode(monitor, options.mode ?? 'auto');
  const where = 'reduceLrOnPlateau';
  if (!(factor > 0 && factor < 1)) throw new ValueError(`${where}: factor must be in (0, 1), got ${String(factor)}`);
  for (const [name, value] of [['patience', patience], ['cooldown', cooldown]] as const) {
    if (!(Number.isInteger(value) && value >= 0)) throw new ValueError(`${where}: ${name} must be an integer >= 0, got ${String(value)}`);
  }
  if (!(Number.isFinite(minDelta) && minDelta >= 0)) throw new ValueError(`${where}: minDelta must be a finite number >= 0, got ${String(minDelta)}`);
  if (!(Number.isFinite(minLr) && minLr >= 0)) throw new ValueError(`${where}: minLr must be a finite number >= 0, got ${String(minLr)}`);
  let best: number | null = null;
  let wait = 0;
  let cooling = 0;
  const reductions: number[] = [];
  return {
    get reductions() {
      return reductions;
    },
    onTrainBegin() {
      best = null;
      wait = 0;
      cooling = 0;
      reductions.length = 0;
    },
    onEpochEnd(epoch: number, logs: Logs, state: TrainingState) {
      const value = monitored(where, monitor, logs);
      if (cooling > 0) {
        cooling--;
        wait = 0;
      }
      if (improves(value, best, mode, minDelta)) {
        best = value;
        wait = 0;
        return;
      }
      if (cooling > 0 || ++wait < patience) return;
      let changed = false;
      for (const group of state.optimizer.paramGroups) {
        const next = Math.max(group.lr * factor, minLr);
        if (next < group.lr) {
          group.lr = next;
          changed = true;
        }
      }
      if (changed) reductions.push(epoch);
      cooling = cooldown;
      wait = 0;
    },
  };
}
