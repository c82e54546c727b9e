import { nn, ValueError, type FloatDType, type Pair, type Tensor } from '@dlkit/core';

/** Makes a fresh tensor of a shape: how layers fill their weights (core's `nn.init.Initializer`), e.g. `nn.init.heNormal()`. */
export type Initializer = NonNullable<nn.LinearOptions['weightInit']>;

/** A value as an error message shows it. */
export function describeValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? JSON.stringify(value) : String(value);
}

/** Throws a ValueError naming the layer unless `value` is a positive integer. */
export function assertPositiveInt(value: number, name: string, where: string): void {
  if (!Number.isInteger(value) || value < 1) throw new ValueError(`${where}: ${name} must be a positive integer, got ${describeValue(value)}`);
}

/** `[h, w]` from a number or a pair of positive integers, checked. */
export function pair(value: Pair, name: string, where: string): [number, number] {
  const [a, b] = typeof value === 'number' ? [value, value] : Array.isArray(value) && value.length === 2 ? value : [NaN, NaN];
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < 1 || b < 1) {
    throw new ValueError(`${where}: ${name} must be a positive integer or a pair of them, got ${describeValue(value)}`);
  }
  return [a, b];
}

/**
 * PyTorch's default conv initialization: weight and bias from `U(±1/√fanIn)` (what
 * `kaiming_uniform_(a=√5)` reduces to), `fanIn` = input channels per group × kernel area.
 */
export function convParameters(
  shape: readonly number[],
  fanIn: number,
  outChannels: number,
  options: { bias?: boolean; dtype?: FloatDType; weightInit?: Initializer; biasInit?: Initializer },
): { weight: Tensor; bias: Tensor | null } {
  const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
  const fallback = nn.init.uniform(-bound, bound);
  const dtype = options.dtype ?? 'float32';
  return {
    weight: nn.parameter((options.weightInit ?? fallback)(shape, { dtype })),
    bias: options.bias === false ? null : nn.parameter((options.biasInit ?? fallback)([outChannels], { dtype })),
  };
}

/** A shape as error messages show it: `[2, 3]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}
