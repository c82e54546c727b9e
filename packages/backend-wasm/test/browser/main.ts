// The browser page: the wasm backend with 1 and 2 threads (the page is cross-origin isolated, so
// SharedArrayBuffer exists), its figures published on window for the test to read.
import { wasmBackend } from '@dlkit/backend-wasm';
import { computeFigures, type Figures } from './compute.js';

declare global {
  interface Window { figures?: Record<string, Figures> | { error: string } }
}

const wasmBase = new URL('./', location.href);
try {
  const one = await wasmBackend({ threads: 1, wasmBase, name: 'wasm-browser-1t' });
  const two = await wasmBackend({ threads: 2, wasmBase, name: 'wasm-browser-2t' });
  window.figures = { '1': computeFigures(one), '2': computeFigures(two) };
  two.terminate();
} catch (error) {
  window.figures = { error: String((error as Error).stack ?? error) };
}
