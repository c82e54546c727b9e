/**
 * vitest, which the conformance suite defines its tests with. It is an optional peer dependency,
 * so it is loaded here, once, where its absence can be told apart: a static import would fail with
 * a bare "Cannot find package 'vitest'" before any of this package's code ran. The CJS build swaps
 * in vitest.cjs.ts (no top-level await in CommonJS; see tsup.config.ts).
 */
import { vitestLoadError } from './vitest-missing.js';

let vitest: typeof import('vitest');
try {
  vitest = await import('vitest');
} catch (error) {
  throw vitestLoadError(error);
}

export const { afterAll, beforeAll, describe, expect, it } = vitest;
