import { tsBackend, type Backend } from '@dlkit/core';
import { isF32, type WasmHandle, type WasmRuntime } from './runtime.js';

/**
 * float32 tanh in wasm SIMD (Cephes' tanhf, within 2 ulp): V8's `Math.tanh` costs ten times the
 * copies in and out of wasm memory. Every other op and dtype runs core's ts kernel.
 */
export function unaryKernels(rt: WasmRuntime): Pick<Backend<WasmHandle>, 'unary'> {
  const { arena, exports } = rt;
  return {
    unary: (x, op, alpha) => {
      if (op !== 'tanh' || !isF32(x) || x.handle.length === 0) return tsBackend.unary(x, op, alpha);
      arena.reset();
      const p = arena.put(x.handle);
      exports.tanhF32(p, x.handle.length, p);
      return arena.take(p, x.handle.length);
    },
  };
}
