import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { workspaceAliases } from '../../../tools/workspace-aliases.js';

// `@dlkit/<pkg>` resolves to the package's sources, as in Node mode (tsconfig paths).
const alias = workspaceAliases();

// Cross-origin isolation: SharedArrayBuffer, which wasm-2t's worker pool shares its memory through.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  base: './',
  resolve: { alias },
  // The wasm backend's built kernel modules, served beside the page (the page passes `wasmBase`).
  publicDir: fileURLToPath(new URL('../../../packages/backend-wasm/wasm/', import.meta.url)),
  build: { target: 'es2022', rollupOptions: { input: fileURLToPath(new URL('./index.html', import.meta.url)) } },
  preview: { headers: isolation },
  server: { headers: isolation },
});
