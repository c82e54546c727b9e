import { packageBuild } from '../../tools/packages/tsup-base.js';

export default packageBuild({
  entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' },
  // One shared copy of the tokenizers across the index and node entries (as @dlkit/optim does).
  splitting: true,
  treeshake: true,
  external: ['@dlkit/core'],
});
