// The wasm module's exports: one file per op family (the names of core's ops/<family>.ts).
export { gemmScratchBytes, gemmTask } from './matmul';
export { im2col, col2im } from './conv';
export { convDirectTask, convDirectFilterTask, convDirectInputTask } from './conv-direct';
export { tanhF32 } from './unary';
export { binaryF32 } from './binary';
export { avgPool2dF32, avgPool2dBackpropF32 } from './pool';
export { sumF32 } from './reduce';

/** End of the module's static data: the JS arena starts above it. */
export function heapBase(): usize {
  return __heap_base;
}
