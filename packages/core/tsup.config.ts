import { fileURLToPath } from 'node:url';
import type { Options } from 'tsup';
import { packageBuild } from '../../tools/packages/tsup-base.js';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * The testing entry loads vitest with a top-level `await import` (src/testing/vitest.ts), which
 * CommonJS cannot express: the CJS build resolves that module to its `require` twin instead.
 */
const vitestLoaderForCjs: EsbuildPlugin = {
  name: 'vitest-loader-for-cjs',
  setup(build) {
    if (build.initialOptions.format !== 'cjs') return;
    const twin = fileURLToPath(new URL('./src/testing/vitest.cjs.ts', import.meta.url));
    build.onResolve({ filter: /^\.\/vitest\.js$/ }, () => ({ path: twin }));
  },
};

export default packageBuild({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts', 'node/index': 'src/node/index.ts' },
  // Type-check the self-references against the sources; the emitted .d.ts keeps them as imports.
  dts: { compilerOptions: { paths: { '@dlkit/core': ['packages/core/src/index.ts'] } } },
  // `import.meta.url` in the CJS build too: each copy of core records where it was loaded from.
  shims: true,
  esbuildPlugins: [vitestLoaderForCjs],
  // The testing and node entries import the main entry by name, so there is one copy of Tensor
  // and its types at run time, and each .d.ts refers to the main entry's declarations.
  external: ['@dlkit/core'],
});
