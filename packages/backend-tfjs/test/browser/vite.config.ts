import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { workspaceAliases } from '../../../../tools/workspace-aliases.js';

const testingDir = fileURLToPath(new URL('../../../core/src/testing/', import.meta.url));
const shim = fileURLToPath(new URL('./vitest-shim.ts', import.meta.url));
// `@dlkit/<pkg>` (and `@dlkit/core/testing`) resolve to sources, as in the root vitest config.
const alias = workspaceAliases();

export default defineConfig({
  base: './',
  resolve: { alias },
  // Unminified: the suite checks error messages that name classes (`got Tensor`).
  build: { target: 'es2022', minify: false, rollupOptions: { input: fileURLToPath(new URL('./index.html', import.meta.url)) } },
  plugins: [
    {
      // core/testing loads vitest through './vitest.js'; in the page that is the shim.
      name: 'dlkit-vitest-shim',
      enforce: 'pre',
      resolveId(source, importer) {
        return source === './vitest.js' && importer?.startsWith(testingDir) ? shim : null;
      },
    },
  ],
});
