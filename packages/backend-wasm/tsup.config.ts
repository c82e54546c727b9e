import { packageBuild } from '../../tools/packages/tsup-base.js';

export default packageBuild({
  entry: { index: 'src/index.ts' },
  // `import.meta.url` in the CJS build too: the backend finds wasm/kernels-*.wasm from it.
  shims: true,
  external: ['@dlkit/core'],
});
