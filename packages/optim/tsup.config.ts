import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' },
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { paths: {} } },
  tsconfig: '../../tsconfig.base.json',
  // The tarball ships dist/ only, so each map embeds its sources (`sourcesContent`), checked by
  // tools/packages/check-packages.mjs.
  sourcemap: true,
  esbuildOptions(options) {
    options.sourcesContent = true;
  },
  clean: true,
  target: 'es2022',
  // One shared copy of the optimizer and callback classes across the index and node entries.
  splitting: true,
  // Rollup finishes the split CJS build: tsup's own CJS splitting leaves maps that point at the
  // intermediate file by its absolute build path, without its content.
  treeshake: true,
  external: ['@dlkit/core'],
});
