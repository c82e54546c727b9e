import { tsBackend, type Backend, type BinaryOp, type Shape } from '@dlkit/core';
import { isF32, sizeOf, type WasmHandle, type WasmRuntime } from './runtime.js';

/** The module's op codes of the float32 arithmetic it runs. */
const OPS: Partial<Record<BinaryOp, number>> = { add: 0, sub: 1, mul: 2, div: 3 };

/** Whether `shape`, its leading 1s dropped, is the tail of `out`: the operand then repeats along the output with period = its size. */
function periodic(shape: Shape, out: Shape): boolean {
  let s = 0;
  while (s < shape.length && shape[s] === 1) s++;
  const tail = shape.length - s;
  if (tail > out.length) return false;
  for (let d = 0; d < tail; d++) if (shape[s + d] !== out[out.length - tail + d]) return false;
  return true;
}

/**
 * float32 add, sub, mul and div in wasm SIMD when each operand is the output's shape, a scalar or a
 * trailing broadcast (a bias `[c]` over `[..., c]`): the ts kernel walks a bias add in rows of `c`
 * elements, several times the copies' cost. Other broadcasts, ops and dtypes run core's ts kernel.
 */
export function binaryKernels(rt: WasmRuntime): Pick<Backend<WasmHandle>, 'binary'> {
  const { arena, exports } = rt;
  return {
    binary: (a, b, op, outShape) => {
      const code = OPS[op];
      const n = sizeOf(outShape);
      if (code === undefined || !isF32(a) || !isF32(b) || n === 0 || !periodic(a.shape, outShape) || !periodic(b.shape, outShape)
        || (a.handle.length !== n && b.handle.length !== n)) {
        return tsBackend.binary(a, b, op, outShape);
      }
      arena.reset();
      const pa = arena.put(a.handle);
      const pb = arena.put(b.handle);
      const out = a.handle.length === n ? pa : pb;
      exports.binaryF32(code, pa, a.handle.length, pb, b.handle.length, n, out);
      return arena.take(out, n);
    },
  };
}
