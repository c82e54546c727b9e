import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
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
});
