import { packageBuild } from '../../tools/packages/tsup-base.js';

export default packageBuild({
  entry: { index: 'src/index.ts' },
  external: ['@dlkit/core'],
  // The declarations name GPUDevice: they pull in @webgpu/types (a dependency) for every consumer.
  dts: { compilerOptions: { paths: {} }, banner: '/// <reference types="@webgpu/types" />' },
});
