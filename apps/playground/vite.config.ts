import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { workspaceAliases } from '../../tools/workspace-aliases.js';

// `@dlkit/<pkg>` resolves to the package's sources, so the page needs no prior `pnpm build`.
const alias = workspaceAliases();
const page = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

export default defineConfig({
  base: './',
  resolve: { alias },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    rollupOptions: { input: { playground: page('index.html'), digits: page('digits.html'), filters: page('filters.html'), names: page('names.html'), yolo: page('yolo.html'), attention: page('attention.html') } },
  },
});
