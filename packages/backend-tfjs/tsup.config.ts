import { packageBuild } from '../../tools/packages/tsup-base.js';

export default packageBuild({
  entry: { index: 'src/index.ts' },
  // `import.meta.url` in the CJS build too: the wasm engine resolves its .wasm files from it.
  shims: true,
  // Peers and dependencies stay imports; the optional tfjs-node is required by a computed name.
  external: ['@dlkit/core', /^@tensorflow\//],
});
