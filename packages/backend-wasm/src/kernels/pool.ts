import { tsBackend, type Backend, type Pool2dAttrs, type Shape } from '@dlkit/core';
import { isF32, sizeOf, type WasmHandle, type WasmRuntime } from './runtime.js';

// The module's pooling arguments after the input address: [nb, h, w, c] input, [oh, ow] output, window, strides, top/left pads.
const poolArgs = (input: Shape, out: Shape, a: Pool2dAttrs): [number, number, number, number, number, number, number, number, number, number, number, number] =>
  [input[0]!, input[1]!, input[2]!, input[3]!, out[1]!, out[2]!, a.size[0], a.size[1], a.strides[0], a.strides[1], a.pads.top, a.pads.left];

/**
 * float32 NHWC average pooling and its gradient in wasm SIMD, channels four lanes at a time (the ts
 * kernels walk them one by one); other dtypes run core's ts kernels.
 */
export function poolKernels(rt: WasmRuntime): Pick<Backend<WasmHandle>, 'avgPool2d' | 'avgPool2dBackprop'> {
  const { arena, exports } = rt;
  return {
    avgPool2d: (x, attrs, outShape) => {
      const size = sizeOf(outShape);
      if (!isF32(x) || size === 0) return tsBackend.avgPool2d(x, attrs, outShape);
      arena.reset();
      const px = arena.put(x.handle);
      const out = arena.alloc(size * 4);
      exports.avgPool2dF32(px, ...poolArgs(x.shape, outShape, attrs), out);
      return arena.take(out, size);
    },
    avgPool2dBackprop: (dy, attrs, inputShape) => {
      const size = sizeOf(inputShape);
      if (!isF32(dy) || size === 0 || dy.handle.length === 0) return tsBackend.avgPool2dBackprop(dy, attrs, inputShape);
      arena.reset();
      const pdy = arena.put(dy.handle);
      const dx = arena.alloc(size * 4);
      exports.avgPool2dBackpropF32(pdy, ...poolArgs(inputShape, dy.shape, attrs), dx);
      return arena.take(dx, size);
    },
  };
}
