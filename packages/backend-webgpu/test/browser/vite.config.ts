import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { workspaceAliases } from '../../../../tools/workspace-aliases.js';

const testingDir = fileURLToPath(new URL('../../../core/src/testing/', import.meta.url));
const shim = fileURLToPath(new URL('../../../backend-tfjs/test/browser/vitest-shim.ts', import.meta.url));
// `@dlkit/<pkg>` (and `@dlkit/core/testing`) resolve to sources, as in the root vitest config.
const alias = workspaceAliases();

/** core/testing loads vitest through './vitest.js'; in the page (and its worker) that is the shim. */
const vitestShim = (): Plugin => ({
  name: 'dlkit-vitest-shim',
  enforce: 'pre',
  resolveId(source, importer) {
    return source === './vitest.js' && importer?.startsWith(testingDir) ? shim : null;
  },
});

// Cross-origin isolation: the worker backend blocks on a SharedArrayBuffer for synchronous reads.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  base: './',
  resolve: { alias },
  // Unminified: the suite checks error messages that name classes (`got Tensor`).
  build: {
    target: 'es2022',
    minify: false,
    // The conformance page and the training page (tour models, memory).
    rollupOptions: { input: Object.fromEntries(['index', 'training'].map((page) => [page, fileURLToPath(new URL(`./${page}.html`, import.meta.url))])) },
  },
  worker: { format: 'es', plugins: () => [vitestShim()] },
  plugins: [vitestShim()],
  preview: { headers: isolation },
  server: { headers: isolation },
});
