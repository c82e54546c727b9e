import type { Pool2dAttrs, TensorInfo } from '../../backend/kernels.js';
import { allocate, type TypedArray } from '../../dtype.js';
import { sizeOf, type Shape } from '../../shape.js';

/** The in-bounds part `[start, end)` of a pooling window along one spatial dim. */
function windowRange(outIndex: number, stride: number, padBefore: number, size: number, inSize: number): [number, number] {
  const start = outIndex * stride - padBefore;
  return [Math.max(start, 0), Math.min(start + size, inSize)];
}

/**
 * Calls `visit(outBase, inBase, count)` for every output pixel and every in-bounds input pixel of
 * its window; `outBase`/`inBase` index the first channel, `count` is the window's in-bounds size.
 * Channels are innermost (NHWC), so each visit is a contiguous channel loop in the caller.
 */
function forEachWindow(
  inShape: Shape, attrs: Pool2dAttrs, outH: number, outW: number,
  visit: (outBase: number, inBase: number, count: number, first: boolean) => void,
): void {
  const [batch, inH, inW, channels] = inShape as [number, number, number, number];
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      const [h0, h1] = windowRange(oh, attrs.strides[0], attrs.pads.top, attrs.size[0], inH);
      for (let ow = 0; ow < outW; ow++) {
        const [w0, w1] = windowRange(ow, attrs.strides[1], attrs.pads.left, attrs.size[1], inW);
        const outBase = ((n * outH + oh) * outW + ow) * channels;
        const count = Math.max(h1 - h0, 0) * Math.max(w1 - w0, 0);
        let first = true;
        for (let ih = h0; ih < h1; ih++) {
          for (let iw = w0; iw < w1; iw++, first = false) visit(outBase, ((n * inH + ih) * inW + iw) * channels, count, first);
        }
      }
    }
  }
}

export function maxPool2d(x: TensorInfo<TypedArray>, attrs: Pool2dAttrs, outShape: Shape): TypedArray {
  const channels = x.shape[3]!;
  const a = x.handle;
  const out = allocate(x.dtype, sizeOf(outShape));
  out.fill(-Infinity);
  forEachWindow(x.shape, attrs, outShape[1]!, outShape[2]!, (o, i) => {
    for (let c = 0; c < channels; c++) if (a[i + c]! > out[o + c]!) out[o + c] = a[i + c]!;
  });
  return out;
}

export function maxPool2dBackprop(dy: TensorInfo<TypedArray>, x: TensorInfo<TypedArray>, attrs: Pool2dAttrs): TypedArray {
  const channels = x.shape[3]!;
  const a = x.handle;
  const g = dy.handle;
  const dx = allocate(x.dtype, x.handle.length);
  // For each window: the first position holding the maximum (row-major scan), per channel.
  const best = new Float64Array(channels);
  const argBest = new Int32Array(channels);
  let pendingOut = -1;
  const flush = (): void => {
    if (pendingOut < 0) return;
    for (let c = 0; c < channels; c++) dx[argBest[c]! + c] = dx[argBest[c]! + c]! + g[pendingOut + c]!;
  };
  forEachWindow(x.shape, attrs, dy.shape[1]!, dy.shape[2]!, (o, i, _count, first) => {
    if (first) {
      flush();
      pendingOut = o;
      for (let c = 0; c < channels; c++) { best[c] = a[i + c]!; argBest[c] = i; }
      return;
    }
    for (let c = 0; c < channels; c++) if (a[i + c]! > best[c]!) { best[c] = a[i + c]!; argBest[c] = i; }
  });
  flush();
  return dx;
}

export function avgPool2d(x: TensorInfo<TypedArray>, attrs: Pool2dAttrs, outShape: Shape): TypedArray {
  const channels = x.shape[3]!;
  const a = x.handle;
  const out = allocate(x.dtype, sizeOf(outShape));
  forEachWindow(x.shape, attrs, outShape[1]!, outShape[2]!, (o, i, count) => {
    const scale = 1 / count;
    for (let c = 0; c < channels; c++) out[o + c] = out[o + c]! + a[i + c]! * scale;
  });
  return out;
}

export function avgPool2dBackprop(dy: TensorInfo<TypedArray>, attrs: Pool2dAttrs, inputShape: Shape): TypedArray {
  const channels = inputShape[3]!;
  const g = dy.handle;
  const dx = allocate(dy.dtype, sizeOf(inputShape));
  forEachWindow(inputShape, attrs, dy.shape[1]!, dy.shape[2]!, (o, i, count) => {
    const scale = 1 / count;
    for (let c = 0; c < channels; c++) dx[i + c] = dx[i + c]! + g[o + c]! * scale;
  });
  return dx;
}
