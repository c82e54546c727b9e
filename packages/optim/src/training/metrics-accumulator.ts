import type { Logs } from './types.js';

/** Averages per-batch logs over an epoch, weighted by batch size. */
export class WeightedMeans {
  #sums = new Map<string, number>();
  #count = 0;

  add(logs: Logs, weight: number): void {
    for (const [name, value] of Object.entries(logs)) this.#sums.set(name, (this.#sums.get(name) ?? 0) + value * weight);
    this.#count += weight;
  }

  /** Every mean so far (empty before any batch). */
  result(): Logs {
    const out: Logs = {};
    if (this.#count === 0) return out;
    for (const [name, sum] of this.#sums) out[name] = sum / this.#count;
    return out;
  }
}

/** `accuracy` → `valAccuracy`. */
export function validationName(name: string): string {
  return `val${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}
