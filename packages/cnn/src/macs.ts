import { nn, noGrad, Tensor, ValueError, zeros } from '@dlkit/core';
import { Conv1d, Conv2d } from './layers/conv.js';
import { ConvTranspose2d } from './layers/conv-transpose.js';

/** One layer's cost in a {@link MacCount}. */
export interface MacRow {
  /** Dotted name of the layer (`layer1.0.conv1`). */
  readonly name: string;
  /** Class name (`Conv2d`). */
  readonly type: string;
  /** Output shape, batch dim shown as -1. */
  readonly outputShape: readonly number[];
  /** Multiply-accumulates per example. */
  readonly macs: number;
}

/** What {@link countMacs} found. */
export interface MacCount {
  /** Conv, transposed-conv and Linear layers in call order. */
  readonly rows: readonly MacRow[];
  /** The sum over rows, per example. */
  readonly total: number;
}

const product = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

/** Multiply-accumulates per example of one call of `module` with input `x` and output `y`, or null for layers that multiply nothing. */
function layerMacs(module: nn.Module<unknown[], unknown>, x: Tensor, y: Tensor): number | null {
  if (module instanceof Conv2d) {
    const [kh, kw] = module.kernelSize;
    return product(y.shape.slice(1)) * kh * kw * (module.inChannels / module.groups);
  }
  if (module instanceof ConvTranspose2d) {
    const [kh, kw] = module.kernelSize;
    return product(x.shape.slice(1)) * kh * kw * module.outChannels;
  }
  if (module instanceof Conv1d) return product(y.shape.slice(1)) * module.kernelSize * (module.inChannels / module.groups);
  if (module instanceof nn.Linear) return product(y.shape.slice(1)) * module.inFeatures;
  return null;
}

/**
 * Counts the multiply-accumulates per example of every conv, transposed-conv and Linear layer in
 * one forward pass (eval mode, no grad) on zeros of `[1, ...inputShape]`: the lecture's cost
 * arguments made checkable. A `k×k` conv to `cOut` maps costs `outH·outW·cOut·k²·cIn/groups`.
 * @example
 * ```ts
 * // 5×5 same conv, 28×28×192 → 32 maps: 120,422,400 multiplies (the lecture's ~120M)
 * countMacs(new Conv2d(192, 32, 5, { padding: 'same' }), [28, 28, 192]).total;
 * ```
 */
export function countMacs(model: nn.Module<unknown[], unknown>, ...inputShapes: (readonly number[])[]): MacCount {
  if (inputShapes.length === 0 || !inputShapes.every((s) => Array.isArray(s) && s.every((d) => Number.isInteger(d) && d >= 0))) {
    throw new ValueError(`countMacs: expected one shape (no batch dim) per forward argument of ${model.constructor.name}, got ${JSON.stringify(inputShapes)}`);
  }
  const rows: MacRow[] = [];
  const modules = model.namedModules();
  const training = modules.map(([, m]) => m.training);
  for (const [name, module] of modules) {
    const original = module.forward;
    module.forward = (...args: unknown[]) => {
      const out = original.apply(module, args);
      const x = args[0];
      const macs = x instanceof Tensor && out instanceof Tensor ? layerMacs(module, x, out) : null;
      if (macs !== null && out instanceof Tensor) rows.push({ name, type: module.constructor.name, outputShape: [-1, ...out.shape.slice(1)], macs });
      return out;
    };
  }
  try {
    model.eval();
    noGrad(() => model.forward(...inputShapes.map((s) => zeros([1, ...s]))));
  } finally {
    for (const [, module] of modules) Reflect.deleteProperty(module, 'forward');
    modules.forEach(([, m], i) => (m.training = training[i]!));
  }
  return { rows, total: rows.reduce((n, r) => n + r.macs, 0) };
}
