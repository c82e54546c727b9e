import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts', 'node/index': 'src/node/index.ts' },
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { paths: {} } },
  tsconfig: '../../tsconfig.base.json',
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // Shared chunks keep one copy of Tensor and friends across the index, testing and node entries.
  splitting: true,
});
