import { readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests run against sources: every `@dlkit/<pkg>` import resolves to packages/<pkg>/src.
const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));
const alias = readdirSync(packagesDir)
  .filter((name) => existsSync(`${packagesDir}${name}/src/index.ts`))
  .flatMap((name) => {
    // Subpath entries (`@dlkit/core/testing`, `@dlkit/core/node`) are src/<subpath>/index.ts.
    const subpaths = readdirSync(`${packagesDir}${name}/src`).filter((sub) => existsSync(`${packagesDir}${name}/src/${sub}/index.ts`));
    return [
      ...subpaths.map((sub) => ({ find: new RegExp(`^@dlkit/${name}/${sub}$`), replacement: `${packagesDir}${name}/src/${sub}/index.ts` })),
      { find: new RegExp(`^@dlkit/${name}$`), replacement: `${packagesDir}${name}/src/index.ts` },
    ];
  });

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'docs/test/**/*.test.ts'],
    // .ci/run reads the JSON report to print a one-line 'N passed, N failed' summary.
    reporters: process.env.VITEST_JSON_REPORT ? ['default', ['json', { outputFile: process.env.VITEST_JSON_REPORT }]] : ['default'],
    testTimeout: 60_000,
  },
});
