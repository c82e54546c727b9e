import type { UnaryOp } from '../backend/kernels.js';
import { assertDType, isFloat, type DType } from '../dtype.js';
import { describeValue, DTypeError, ValueError } from '../errors.js';
import { SELU_ALPHA, SELU_SCALE, SQRT_2_OVER_PI } from '../math.js';
import type { Tensor } from '../tensor.js';
import { assertTensor, backendOf, recordPrimitive, wrap } from './primitive.js';
import { add, div, greater, greaterEqual, less, lessEqual, logicalAnd, mul, sub, where } from './binary.js';
import { zerosLike } from './creation.js';

/** Ops that are only defined on floats: integer inputs are cast to float32 first (as PyTorch does). */
const FLOAT_ONLY = new Set<UnaryOp>([
  'exp', 'log', 'log1p', 'sqrt', 'rsqrt', 'reciprocal', 'sin', 'cos', 'tanh', 'sigmoid',
  'elu', 'selu', 'erf', 'gelu', 'geluTanh', 'softplus', 'leakyRelu',
]);

function unaryOp(x: Tensor, op: UnaryOp, alpha = 0): Tensor {
  assertTensor(x, op === 'geluTanh' ? 'gelu' : op);
  if (x.dtype === 'bool' && op !== 'logicalNot') x = cast(x, FLOAT_ONLY.has(op) ? 'float32' : 'int32');
  else if (FLOAT_ONLY.has(op) && !isFloat(x.dtype)) x = cast(x, 'float32');
  const backend = backendOf([x], op);
  return recordPrimitive('unary', [x], { op, alpha }, { shape: x.shape, dtype: x.dtype, backend }, () =>
    backend.unary(x, op, alpha),
  );
}

/** `-x`. */
export function neg(x: Tensor): Tensor { return unaryOp(x, 'neg'); }
/** `|x|`. */
export function abs(x: Tensor): Tensor { return unaryOp(x, 'abs'); }
/** `eˣ`. */
export function exp(x: Tensor): Tensor { return unaryOp(x, 'exp'); }
/** Natural logarithm. */
export function log(x: Tensor): Tensor { return unaryOp(x, 'log'); }
/** `log(1 + x)`, accurate for small x. */
export function log1p(x: Tensor): Tensor { return unaryOp(x, 'log1p'); }
/** `√x`. */
export function sqrt(x: Tensor): Tensor { return unaryOp(x, 'sqrt'); }
/** `1/√x`. */
export function rsqrt(x: Tensor): Tensor { return unaryOp(x, 'rsqrt'); }
/** `x²`. */
export function square(x: Tensor): Tensor { return unaryOp(x, 'square'); }
/** `1/x`. */
export function reciprocal(x: Tensor): Tensor { return unaryOp(x, 'reciprocal'); }
/** Sine. */
export function sin(x: Tensor): Tensor { return unaryOp(x, 'sin'); }
/** Cosine. */
export function cos(x: Tensor): Tensor { return unaryOp(x, 'cos'); }
/** Hyperbolic tangent, the course's hidden-layer activation. */
export function tanh(x: Tensor): Tensor { return unaryOp(x, 'tanh'); }
/** Logistic sigmoid `σ(z) = 1/(1+e⁻ᶻ)`, stable for large |z|. */
export function sigmoid(x: Tensor): Tensor { return unaryOp(x, 'sigmoid'); }
/** `max(x, 0)`; NaN stays NaN (as in PyTorch). */
export function relu(x: Tensor): Tensor { return unaryOp(x, 'relu'); }
/** `min(max(x, 0), 6)` (MobileNet). */
export function relu6(x: Tensor): Tensor { return unaryOp(x, 'relu6'); }
/** `x` for x > 0, else `alpha·x` (default 0.01, PyTorch's). */
export function leakyRelu(x: Tensor, alpha = 0.01): Tensor { return unaryOp(x, 'leakyRelu', finiteAlpha(alpha, 'leakyRelu')); }
/** `x` for x > 0, else `alpha·(eˣ - 1)`. */
export function elu(x: Tensor, alpha = 1): Tensor { return unaryOp(x, 'elu', finiteAlpha(alpha, 'elu')); }

function finiteAlpha(alpha: number, where: string): number {
  if (typeof alpha !== 'number' || !Number.isFinite(alpha)) throw new ValueError(`${where}: alpha must be a finite number, got ${describeValue(alpha)}`);
  return alpha;
}
/** Self-normalizing ELU with PyTorch's constants. */
export function selu(x: Tensor): Tensor { return unaryOp(x, 'selu'); }
/** The error function. */
export function erf(x: Tensor): Tensor { return unaryOp(x, 'erf'); }
/**
 * Gaussian error linear unit `x·Φ(x)`; `{ approximate: 'tanh' }` uses the tanh formula (GPT-2's).
 */
export function gelu(x: Tensor, options: { approximate?: 'none' | 'tanh' } = {}): Tensor {
  return unaryOp(x, options.approximate === 'tanh' ? 'geluTanh' : 'gelu');
}
/** `log(1 + eˣ)`, stable for large |x|. */
export function softplus(x: Tensor): Tensor { return unaryOp(x, 'softplus'); }
/**
 * -1, 0 or 1 (gradient zero); NaN stays NaN, as in NumPy and the array API standard (PyTorch 1.13's
 * CPU kernel gives 0).
 */
export function sign(x: Tensor): Tensor { return unaryOp(x, 'sign'); }
/** Rounds down (gradient zero). */
export function floor(x: Tensor): Tensor { return unaryOp(x, 'floor'); }
/** Rounds up (gradient zero). */
export function ceil(x: Tensor): Tensor { return unaryOp(x, 'ceil'); }
/** Rounds half to even, as NumPy and PyTorch (gradient zero). */
export function round(x: Tensor): Tensor { return unaryOp(x, 'round'); }

/** Elementwise NOT; non-bool inputs count nonzero as true. Gives bool. */
export function logicalNot(x: Tensor): Tensor {
  const b = x.dtype === 'bool' ? x : cast(x, 'bool');
  const backend = backendOf([b], 'logicalNot');
  return wrap(backend.unary(b, 'logicalNot', 0), b.shape, 'bool', backend);
}

/**
 * Clamps every value into `[min, max]`; the gradient passes where the input is inside.
 * @example clip(tensor([-2, 0.5, 3]), 0, 1) // [0, 0.5, 1]
 */
export function clip(x: Tensor, min: number, max: number): Tensor {
  assertTensor(x, 'clip');
  if (typeof min !== 'number' || typeof max !== 'number') {
    throw new ValueError(`clip: min and max must be numbers, got min=${describeValue(min)}, max=${describeValue(max)}`);
  }
  if (!(min <= max)) throw new ValueError(`clip: min must be <= max, got min=${min}, max=${max}`);
  const backend = backendOf([x], 'clip');
  return recordPrimitive('clip', [x], { min, max }, { shape: x.shape, dtype: x.dtype, backend }, () =>
    backend.clip(x, min, max),
  );
}

/**
 * Converts to another dtype. Float → int32 truncates toward zero and saturates: values beyond the
 * int32 range become -2147483648 or 2147483647, NaN becomes 0 (PyTorch leaves these undefined).
 * Nonzero (NaN included) → true for bool. Differentiable between float dtypes.
 * @example cast(tensor([-2.7, 3e9, NaN]), 'int32') // [-2, 2147483647, 0]
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  assertTensor(x, 'cast');
  assertDType(dtype, 'cast');
  if (x.dtype === dtype) return x;
  const backend = backendOf([x], 'cast');
  if (!backend.dtypes.includes(dtype)) {
    throw new DTypeError(`cast: backend '${backend.name}' cannot store ${dtype}; it supports ${backend.dtypes.join(', ')}`);
  }
  return recordPrimitive('cast', [x], {}, { shape: x.shape, dtype, backend }, () => backend.cast(x, dtype));
}

// ---- gradients ----

/** d(unary op)/dx · dy, written with public ops. */
export function unaryGrad(dy: Tensor, [x]: readonly Tensor[], y: Tensor, attrs: { op: UnaryOp; alpha: number }): (Tensor | null)[] {
  const input = x!;
  switch (attrs.op) {
    case 'neg': return [neg(dy)];
    case 'abs': return [mul(dy, sign(input))];
    case 'exp': return [mul(dy, y)];
    case 'log': return [div(dy, input)];
    case 'log1p': return [div(dy, add(input, 1))];
    case 'sqrt': return [div(dy, mul(y, 2))];
    case 'rsqrt': return [mul(dy, mul(y, mul(y, y)).mul(-0.5))];
    case 'square': return [mul(dy, mul(input, 2))];
    case 'reciprocal': return [mul(dy, mul(y, y)).neg()];
    case 'sin': return [mul(dy, cos(input))];
    case 'cos': return [mul(dy, sin(input)).neg()];
    case 'tanh': return [mul(dy, sub(1, mul(y, y)))];
    case 'sigmoid': return [mul(dy, mul(y, sub(1, y)))];
    case 'relu': return [where(greater(input, 0), dy, 0)];
    case 'relu6': return [where(logicalAnd(greater(input, 0), less(input, 6)), dy, 0)];
    case 'leakyRelu': return [where(greater(input, 0), dy, mul(dy, attrs.alpha))];
    case 'elu': return [where(greater(input, 0), dy, mul(dy, add(y, attrs.alpha)))];
    case 'selu': return [mul(dy, where(greater(input, 0), SELU_SCALE, mul(exp(input), SELU_SCALE * SELU_ALPHA)))];
    case 'erf': return [mul(dy, exp(mul(square(input), -1)).mul(2 / Math.sqrt(Math.PI)))];
    case 'gelu': {
      // d/dx x·Φ(x) = Φ(x) + x·φ(x)
      const cdf = add(erf(mul(input, Math.SQRT1_2)), 1).mul(0.5);
      const pdf = exp(mul(square(input), -0.5)).mul(1 / Math.sqrt(2 * Math.PI));
      return [mul(dy, add(cdf, mul(input, pdf)))];
    }
    case 'geluTanh': {
      const inner = mul(add(input, mul(mul(square(input), input), 0.044715)), SQRT_2_OVER_PI);
      const t = tanh(inner);
      const dInner = mul(add(mul(square(input), 3 * 0.044715), 1), SQRT_2_OVER_PI);
      const grad = add(mul(add(t, 1), 0.5), mul(mul(input, 0.5), mul(sub(1, square(t)), dInner)));
      return [mul(dy, grad)];
    }
    case 'softplus': return [mul(dy, sigmoid(input))];
    case 'sign': case 'floor': case 'ceil': case 'round': return [zerosLike(input)];
    case 'logicalNot': return [null];
  }
}

export function clipGrad(dy: Tensor, [x]: readonly Tensor[], _y: Tensor, attrs: { min: number; max: number }): (Tensor | null)[] {
  const inside = logicalAnd(greaterEqual(x!, attrs.min), lessEqual(x!, attrs.max));
  return [where(inside, dy, 0)];
}

export function castGrad(dy: Tensor, [x]: readonly Tensor[]): (Tensor | null)[] {
  return [isFloat(x!.dtype) ? cast(dy, x!.dtype) : null];
}
