import { packageBuild } from '../../tools/packages/tsup-base.js';

export default packageBuild({
  entry: { index: 'src/index.ts' },
  external: ['@dlkit/core'],
});
