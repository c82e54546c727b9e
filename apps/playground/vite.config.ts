import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// As in the root vitest config: `@dlkit/<pkg>` resolves to the package's sources, so the page
// needs no prior `pnpm build` of the packages.
const packagesDir = fileURLToPath(new URL('../../packages/', import.meta.url));
const alias = readdirSync(packagesDir)
  .filter((name) => existsSync(`${packagesDir}${name}/src/index.ts`))
  .map((name) => ({ find: new RegExp(`^@dlkit/${name}$`), replacement: `${packagesDir}${name}/src/index.ts` }));

const page = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

export default defineConfig({
  base: './',
  resolve: { alias },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    rollupOptions: { input: { playground: page('index.html'), digits: page('digits.html') } },
  },
});
