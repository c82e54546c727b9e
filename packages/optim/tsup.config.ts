import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' },
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { paths: {} } },
  tsconfig: '../../tsconfig.base.json',
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // One shared copy of the optimizer and callback classes across the index and node entries.
  splitting: true,
  external: ['@dlkit/core'],
});
