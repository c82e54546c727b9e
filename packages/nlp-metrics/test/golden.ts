import { readFileSync } from 'node:fs';

/** Reads a golden-value file written by a generator under tools/fixtures/nlp-metrics/. */
export function readGolden<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../tools/fixtures/nlp-metrics/${name}`, import.meta.url), 'utf8')) as T;
}

/** The agreement the golden tests demand with the Python references. */
export const TOLERANCE = 1e-9;

/**
 * Collects disagreements so that one assertion reports every mismatch at once, with where it
 * happened, instead of stopping at the first.
 */
export class Mismatches {
  readonly found: string[] = [];

  close(where: string, actual: number, expected: number): void {
    if (!(Math.abs(actual - expected) <= TOLERANCE)) this.found.push(`${where}: got ${actual}, expected ${expected}`);
  }

  allClose(where: string, actual: readonly number[], expected: readonly number[]): void {
    if (actual.length !== expected.length) this.found.push(`${where}: got ${actual.length} values, expected ${expected.length}`);
    else expected.forEach((value, i) => this.close(`${where}[${i}]`, actual[i]!, value));
  }

  equal(where: string, actual: unknown, expected: unknown): void {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      this.found.push(`${where}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
    }
  }
}
