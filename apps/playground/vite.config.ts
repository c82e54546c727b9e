import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { workspaceAliases } from '../../tools/workspace-aliases.js';

// `@dlkit/<pkg>` resolves to the package's sources, so the page needs no prior `pnpm build`.
const alias = workspaceAliases();
const page = (file: string): string => fileURLToPath(new URL(file, import.meta.url));
// Cross-origin isolation: the GPU option's worker backend blocks on a SharedArrayBuffer for its reads.
// Everything the pages load is same-origin, so COEP require-corp blocks nothing.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  base: './',
  resolve: { alias },
  worker: { format: 'es' },
  server: { headers: isolation },
  preview: { headers: isolation },
  build: {
    target: 'es2022',
    rollupOptions: { input: { playground: page('index.html'), digits: page('digits.html'), filters: page('filters.html'), names: page('names.html'), yolo: page('yolo.html'), attention: page('attention.html') } },
  },
});
