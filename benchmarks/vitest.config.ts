import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { workspaceAliases } from '../tools/workspace-aliases.js';

// The root vitest config includes packages/, apps/ and docs/ only; this one runs benchmarks/test
// (`pnpm --filter @dlkit/benchmarks test`, or `pnpm vitest run --config benchmarks/vitest.config.ts`
// from the root), with `@dlkit/<pkg>` resolved to sources as there.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { alias: workspaceAliases() },
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
