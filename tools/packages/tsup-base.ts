import { defineConfig, type Options } from 'tsup';

/**
 * The build every package shares: ESM + CJS with `.d.ts`, es2022, entries given by the package.
 * The tarball ships dist/ only, so each map embeds its sources (`sourcesContent`), checked by
 * tools/packages/check-packages.mjs. A package's `options` add to or override these.
 */
export function packageBuild(options: Options): ReturnType<typeof defineConfig> {
  return defineConfig({
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { paths: {} } },
    tsconfig: '../../tsconfig.base.json',
    sourcemap: true,
    esbuildOptions(esbuild) {
      esbuild.sourcesContent = true;
    },
    clean: true,
    target: 'es2022',
    ...options,
  });
}
