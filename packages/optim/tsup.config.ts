import { packageBuild } from '../../tools/packages/tsup-base.js';

export default packageBuild({
  entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' },
  // One shared copy of the optimizer and callback classes across the index and node entries.
  splitting: true,
  // Rollup finishes the split CJS build: tsup's own CJS splitting leaves maps that point at the
  // intermediate file by its absolute build path, without its content.
  treeshake: true,
  external: ['@dlkit/core'],
});
