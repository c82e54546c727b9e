/**
 * vitest.ts for the CJS build: `require` instead of a top-level `await import`. vitest itself
 * refuses `require()` with its own message ("use import instead"), which is passed on unchanged;
 * only a missing install is turned into the "npm i -D vitest" error.
 */
import { vitestLoadError } from './vitest-missing.js';

let vitest: typeof import('vitest');
try {
  vitest = require('vitest') as typeof import('vitest');
} catch (error) {
  throw vitestLoadError(error);
}

export const { afterAll, beforeAll, describe, expect, it } = vitest;
