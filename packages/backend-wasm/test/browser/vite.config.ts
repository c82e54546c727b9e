import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { workspaceAliases } from '../../../../tools/workspace-aliases.js';

// `@dlkit/<pkg>` resolves to the package's sources; the built kernel modules
// (packages/backend-wasm/wasm/) are served beside the page.
const alias = workspaceAliases();

// Cross-origin isolation: what makes SharedArrayBuffer (and so threads) available to the page.
const isolated = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  base: './',
  resolve: { alias },
  publicDir: fileURLToPath(new URL('../../wasm/', import.meta.url)),
  build: { target: 'es2022' },
  preview: { headers: isolated },
});
