import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// `@dlkit/<pkg>` resolves to the package's sources (as in the root vitest config); the built
// kernel modules (packages/backend-wasm/wasm/) are served beside the page.
const packagesDir = fileURLToPath(new URL('../../../', import.meta.url));
const alias = readdirSync(packagesDir)
  .filter((name) => existsSync(`${packagesDir}${name}/src/index.ts`))
  .map((name) => ({ find: new RegExp(`^@dlkit/${name}$`), replacement: `${packagesDir}${name}/src/index.ts` }));

// Cross-origin isolation: what makes SharedArrayBuffer (and so threads) available to the page.
const isolated = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  base: './',
  resolve: { alias },
  publicDir: fileURLToPath(new URL('../../wasm/', import.meta.url)),
  build: { target: 'es2022' },
  preview: { headers: isolated },
});
