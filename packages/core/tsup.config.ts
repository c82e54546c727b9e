import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts', 'node/index': 'src/node/index.ts' },
  format: ['esm', 'cjs'],
  // Type-check the self-references against the sources; the emitted .d.ts keeps them as imports.
  dts: { compilerOptions: { paths: { '@dlkit/core': ['packages/core/src/index.ts'] } } },
  tsconfig: '../../tsconfig.base.json',
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // The testing and node entries import the main entry by name, so there is one copy of Tensor
  // and its types at run time, and each .d.ts refers to the main entry's declarations.
  external: ['@dlkit/core'],
});
