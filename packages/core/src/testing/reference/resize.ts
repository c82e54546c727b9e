/**
 * Reference resizing on NHWC arrays, one output element at a time, straight from PyTorch's
 * `interpolate` definitions.
 */
import { build, type NdArray } from './array.js';

/** A size for both spatial dims or `[height, width]`. */
type RefSize = number | readonly [number, number];

const sizePair = (size: RefSize): [number, number] => (typeof size === 'number' ? [size, size] : [size[0], size[1]]);

/** Value of `x` at pixel `(n, h, w)`, channel `c`. */
function pixel(x: NdArray, n: number, h: number, w: number, c: number): number {
  const [, H, W, C] = x.shape as [number, number, number, number];
  return x.data[((n * H + h) * W + w) * C + c]!;
}

/** The two source indices and their weights of output `o` along one axis. */
function bilinearTaps(inSize: number, outSize: number, o: number, alignCorners: boolean): [number, number, number, number] {
  let src: number;
  if (alignCorners) src = outSize > 1 ? (o * (inSize - 1)) / (outSize - 1) : 0;
  else src = Math.max(((o + 0.5) * inSize) / outSize - 0.5, 0);
  const lo = Math.min(Math.floor(src), inSize - 1);
  const hi = lo < inSize - 1 ? lo + 1 : lo;
  const t = src - lo;
  return [lo, hi, 1 - t, t];
}

/** Bilinear resize (PyTorch's `F.interpolate(mode='bilinear')`, `align_corners` as given). */
export function resizeBilinear(x: NdArray, size: RefSize, options: { alignCorners?: boolean } = {}): NdArray {
  const [N, H, W, C] = x.shape as [number, number, number, number];
  const [OH, OW] = sizePair(size);
  const align = options.alignCorners ?? false;
  return build([N, OH, OW, C], x.dtype, ([n, oh, ow, c]) => {
    const [h0, h1, a0, a1] = bilinearTaps(H, OH, oh!, align);
    const [w0, w1, b0, b1] = bilinearTaps(W, OW, ow!, align);
    return (
      a0 * (b0 * pixel(x, n!, h0, w0, c!) + b1 * pixel(x, n!, h0, w1, c!)) +
      a1 * (b0 * pixel(x, n!, h1, w0, c!) + b1 * pixel(x, n!, h1, w1, c!))
    );
  });
}

/** Nearest-neighbour resize: source `floor(o·in/out)` ('nearest') or `floor((o + ½)·in/out)` ('nearest-exact'). */
export function resizeNearest(x: NdArray, size: RefSize, options: { mode?: 'nearest' | 'nearest-exact' } = {}): NdArray {
  const [N, H, W, C] = x.shape as [number, number, number, number];
  const [OH, OW] = sizePair(size);
  const offset = options.mode === 'nearest-exact' ? 0.5 : 0;
  const source = (o: number, inSize: number, outSize: number): number => Math.min(Math.floor(((o + offset) * inSize) / outSize), inSize - 1);
  return build([N, OH, OW, C], x.dtype, ([n, oh, ow, c]) => pixel(x, n!, source(oh!, H, OH), source(ow!, W, OW), c!));
}
