import { ValueError } from '@dlkit/core';
import type { Optimizer } from '../optimizers/optimizer.js';
import { assertStep, type Schedule } from './schedule.js';

/**
 * Sets the learning rates from a schedule value: the first group gets `value`, and every other
 * group keeps the ratio to the first group it started with (`initialLrs`), so a head trained 10×
 * faster stays 10× faster as the schedule decays.
 */
export function applyScheduledLr(optimizer: Optimizer, value: number, initialLrs: readonly number[]): void {
  if (!(Number.isFinite(value) && value >= 0)) throw new ValueError(`lrScheduler: the schedule gave ${String(value)}; a learning rate must be a finite number >= 0`);
  const first = initialLrs[0] ?? 0;
  optimizer.paramGroups.forEach((group, g) => {
    const initial = initialLrs[g] ?? first;
    // The same rate as the first group gets the value itself, bit for bit (resumed runs match).
    group.lr = first > 0 && initial !== first ? value * (initial / first) : value;
  });
}

/**
 * Drives an optimizer's learning rate from a {@link Schedule} in a hand-written loop, like
 * PyTorch's `LambdaLR`: the rate is `schedule(0)` from construction and `schedule(t)` after `t`
 * calls of {@link LRScheduler.step}. The schedule sets the first group's rate; other groups keep
 * their ratio to it.
 * @example
 * ```ts
 * const scheduler = new LRScheduler(optimizer, exponentialDecay({ lr0: 0.1 }));
 * for (let epoch = 0; epoch < 10; epoch++) { trainOneEpoch(); scheduler.step(); }
 * ```
 */
export class LRScheduler {
  #t = 0;
  readonly #initialLrs: number[];

  /**
   * Records each group's starting rate and sets the rates for step 0.
   *
   * @param optimizer - The optimizer whose `paramGroups[g].lr` the schedule sets.
   * @param schedule - The first group's learning rate as a function of the step `t`.
   */
  constructor(readonly optimizer: Optimizer, readonly schedule: Schedule) {
    if (typeof schedule !== 'function') throw new ValueError(`LRScheduler: schedule must be a function of the step, got ${String(schedule)}`);
    this.#initialLrs = optimizer.paramGroups.map((group) => group.lr);
    applyScheduledLr(optimizer, schedule(0), this.#initialLrs);
  }

  /** How many times {@link LRScheduler.step} was called. */
  get t(): number {
    return this.#t;
  }

  /** The learning rate of the first group now. */
  get lr(): number {
    return this.optimizer.lr;
  }

  /** Advances to the next step or epoch and sets its learning rate. */
  step(): void {
    this.#t++;
    applyScheduledLr(this.optimizer, this.schedule(this.#t), this.#initialLrs);
  }

  /** The scheduler's position and the groups' starting rates, to save beside the optimizer's. */
  stateDict(): {
    /** Calls of {@link LRScheduler.step} so far. */
    t: number;
    /** Each group's learning rate when the scheduler was created. */
    initialLrs: number[];
  } {
    return { t: this.#t, initialLrs: [...this.#initialLrs] };
  }

  /** Restores a position saved by {@link LRScheduler.stateDict} and sets its learning rate. */
  loadStateDict(state: { t: number; initialLrs: readonly number[] }): void {
    assertStep('LRScheduler.loadStateDict', state.t);
    if (state.initialLrs.length !== this.#initialLrs.length) {
      throw new ValueError(`LRScheduler.loadStateDict: expected ${this.#initialLrs.length} group rates, got ${state.initialLrs.length}`);
    }
    this.#t = state.t;
    this.#initialLrs.splice(0, this.#initialLrs.length, ...state.initialLrs);
    applyScheduledLr(this.optimizer, this.schedule(this.#t), this.#initialLrs);
  }
}
