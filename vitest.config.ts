import { defineConfig } from 'vitest/config';
import { workspaceAliases } from './tools/workspace-aliases.js';

// Tests run against sources: every `@dlkit/<pkg>` import resolves to packages/<pkg>/src.
const alias = workspaceAliases();

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'benchmarks/test/**/*.test.ts', 'docs/test/**/*.test.ts'],
    // .ci/run reads the JSON report to print a one-line 'N passed, N failed' summary.
    reporters: process.env.VITEST_JSON_REPORT ? ['default', ['json', { outputFile: process.env.VITEST_JSON_REPORT }]] : ['default'],
    testTimeout: 60_000,
  },
});
