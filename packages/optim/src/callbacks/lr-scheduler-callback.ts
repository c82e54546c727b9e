import { ValueError } from '@dlkit/core';
import { applyScheduledLr } from '../schedules/lr-scheduler.js';
import type { Schedule } from '../schedules/schedule.js';
import type { Callback, TrainingState } from './callback.js';

/** Options of {@link lrScheduler}. */
export interface LrSchedulerOptions {
  /** Evaluate the schedule at each epoch (`t` = epoch, default) or each optimizer step (`t` = global step). */
  per?: 'epoch' | 'step';
}

/**
 * Sets the optimizer's learning rate from `schedule` before every epoch or every step. The
 * schedule's `t` counts from the start of training, so a run resumed with `initialEpoch` gets the
 * same rates as an uninterrupted one. The first param group gets the schedule's value and others
 * keep their ratio to it. `fit` logs the rate of each epoch as `lr`.
 * @example fit(model, { …, callbacks: [lrScheduler(inverseTimeDecay({ lr0: 0.1, decayRate: 1 }))] });
 * @example lrScheduler(transformerSchedule({ dModel: 128, warmupSteps: 400 }), { per: 'step' })
 */
export function lrScheduler(schedule: Schedule, options: LrSchedulerOptions = {}): Callback {
  const per = options.per ?? 'epoch';
  if (per !== 'epoch' && per !== 'step') throw new ValueError(`lrScheduler: per must be 'epoch' or 'step', got ${String(per)}`);
  if (typeof schedule !== 'function') throw new ValueError(`lrScheduler: schedule must be a function of the epoch or step, got ${String(schedule)}`);
  let initialLrs: number[] = [];
  return {
    onTrainBegin(state: TrainingState) {
      initialLrs = state.optimizer.paramGroups.map((group) => group.lr);
    },
    onEpochBegin(epoch: number, state: TrainingState) {
      if (per === 'epoch') applyScheduledLr(state.optimizer, schedule(epoch), initialLrs);
    },
    onBatchBegin(_batch: number, state: TrainingState) {
      if (per === 'step') applyScheduledLr(state.optimizer, schedule(state.globalStep), initialLrs);
    },
  };
}
