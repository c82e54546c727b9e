import { ValueError } from '@dlkit/core';
import type { Logs } from '../training/types.js';

/** Whether a larger or a smaller monitored value is better; `'auto'` guesses from the name. */
export type MonitorMode = 'min' | 'max' | 'auto';

/** `'max'` for accuracy-like names (accuracy, f1, precision, recall, auc), else `'min'`. */
export function resolveMode(monitor: string, mode: MonitorMode): 'min' | 'max' {
  if (mode === 'min' || mode === 'max') return mode;
  if (mode !== 'auto') throw new ValueError(`callback: mode must be 'min', 'max' or 'auto', got ${String(mode)}`);
  return /acc|f1|precision|recall|auc/i.test(monitor) ? 'max' : 'min';
}

/** Whether `value` beats `best` by more than `minDelta` in direction `mode`. */
export function improves(value: number, best: number | null, mode: 'min' | 'max', minDelta = 0): boolean {
  if (best === null) return true;
  return mode === 'min' ? value < best - minDelta : value > best + minDelta;
}

/** The monitored value from an epoch's logs, with an error that lists what is available. */
export function monitored(where: string, monitor: string, logs: Logs): number {
  const value = logs[monitor];
  if (value === undefined) {
    throw new ValueError(`${where}: monitored value '${monitor}' is not in the epoch logs; available: ${Object.keys(logs).join(', ')} (pass validationData for val* values)`);
  }
  return value;
}
