import { readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests run against sources: every `@dlkit/<pkg>` import resolves to packages/<pkg>/src.
const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));
const alias = readdirSync(packagesDir)
  .filter((name) => existsSync(`${packagesDir}${name}/src/index.ts`))
  .flatMap((name) => {
    const entries = [{ find: new RegExp(`^@dlkit/${name}$`), replacement: `${packagesDir}${name}/src/index.ts` }];
    if (existsSync(`${packagesDir}${name}/src/testing/index.ts`)) {
      entries.push({ find: new RegExp(`^@dlkit/${name}/testing$`), replacement: `${packagesDir}${name}/src/testing/index.ts` });
    }
    return entries;
  });

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
