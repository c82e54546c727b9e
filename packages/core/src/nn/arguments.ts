import { describeValue, ValueError } from '../errors.js';

/**
 * Throws a ValueError naming the layer unless `value` is a non-negative integer (a feature count
 * or a table size; 0 is allowed, as in PyTorch, and gives empty weights).
 */
export function assertFeatureCount(value: number, name: string, where: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new ValueError(`${where}: ${name} must be a non-negative integer, got ${describeValue(value)}`);
  }
}
