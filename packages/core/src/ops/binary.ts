import type { ArithmeticOp, ComparisonOp } from '../backend/kernels.js';
import { isFloat, promoteTypes, type DType } from '../dtype.js';
import { describeValue, DTypeError } from '../errors.js';
import { broadcastShapes } from '../shape.js';
import { Tensor } from '../tensor.js';
import { backendOf, recordPrimitive, wrap } from './primitive.js';
import { fromValues, int32Value, toTypedArray } from './creation.js';
import { cast, log, neg } from './unary.js';
import { sumToShape } from './sum-to-shape.js';

/** A tensor or a plain number (taken as a scalar of the other operand's dtype). */
export type Operand = Tensor | number;

/**
 * A number operand as a scalar tensor of `like`'s dtype: an integer beside an int32 or bool tensor
 * is int32 (one outside the int32 range raises, as NumPy 2 does, rather than wrapping), a
 * fraction makes float32.
 */
function scalarFor(value: number, like: Tensor, where: string): Tensor {
  const dtype: DType = isFloat(like.dtype) || Number.isInteger(value) ? (like.dtype === 'bool' ? 'int32' : like.dtype) : 'float32';
  return fromValues(toTypedArray([dtype === 'int32' ? int32Value(value, where) : value], dtype, where), [], {}, like.backend);
}

function scalarOn(value: number, like: Tensor): Tensor {
  return fromValues(toTypedArray([value], 'float32', 'where'), [], {}, like.backend);
}

/** Both operands as tensors of one promoted dtype. */
export function promoteOperands(a: Operand, b: Operand, where: string): [Tensor, Tensor] {
  if (typeof a === 'number' && typeof b === 'number') {
    throw new DTypeError(`${where}: expected at least one tensor operand, got two numbers`);
  }
  for (const [operand, name] of [[a, 'first'], [b, 'second']] as const) {
    if (typeof operand !== 'number' && !(operand instanceof Tensor)) {
      throw new DTypeError(`${where}: the ${name} operand must be a Tensor or a number, got ${describeValue(operand)}`);
    }
  }
  const ta = typeof a === 'number' ? scalarFor(a, b as Tensor, where) : a;
  const tb = typeof b === 'number' ? scalarFor(b, ta, where) : b;
  const dtype = promoteTypes(ta.dtype, tb.dtype);
  return [cast(ta, dtype), cast(tb, dtype)];
}

function arithmetic(op: ArithmeticOp, a: Operand, b: Operand): Tensor {
  let [x, y] = promoteOperands(a, b, op);
  if (x.dtype === 'bool') [x, y] = [cast(x, 'int32'), cast(y, 'int32')];
  if (op === 'div' && !isFloat(x.dtype)) [x, y] = [cast(x, 'float32'), cast(y, 'float32')];
  const shape = broadcastShapes(x.shape, y.shape, op);
  const backend = backendOf([x, y], op);
  return recordPrimitive('binary', [x, y], { op }, { shape, dtype: x.dtype, backend }, () => backend.binary(x, y, op, shape));
}

function comparison(op: ComparisonOp, a: Operand, b: Operand): Tensor {
  let [x, y] = promoteOperands(a, b, op);
  if (op === 'logicalAnd' || op === 'logicalOr') [x, y] = [cast(x, 'bool'), cast(y, 'bool')];
  const shape = broadcastShapes(x.shape, y.shape, op);
  const backend = backendOf([x, y], op);
  return wrap(backend.binary(x, y, op, shape), shape, 'bool', backend);
}

/** `a + b` with NumPy broadcasting. @example add(tensor([[1], [2]]), tensor([10, 20])) // [[11, 21], [12, 22]] */
export function add(a: Operand, b: Operand): Tensor { return arithmetic('add', a, b); }
/** `a - b` with broadcasting. */
export function sub(a: Operand, b: Operand): Tensor { return arithmetic('sub', a, b); }
/** Elementwise `a * b` with broadcasting (the course's `*`, not the matrix product). */
export function mul(a: Operand, b: Operand): Tensor { return arithmetic('mul', a, b); }
/** True division `a / b` (integers are divided as float32). */
export function div(a: Operand, b: Operand): Tensor { return arithmetic('div', a, b); }
/** `aᵇ` elementwise. */
export function pow(a: Operand, b: Operand): Tensor { return arithmetic('pow', a, b); }
/** Elementwise maximum (NaN propagates); ties split the gradient evenly. */
export function maximum(a: Operand, b: Operand): Tensor { return arithmetic('maximum', a, b); }
/** Elementwise minimum (NaN propagates); ties split the gradient evenly. */
export function minimum(a: Operand, b: Operand): Tensor { return arithmetic('minimum', a, b); }

/** `a == b` → bool. */
export function equal(a: Operand, b: Operand): Tensor { return comparison('equal', a, b); }
/** `a != b` → bool. */
export function notEqual(a: Operand, b: Operand): Tensor { return comparison('notEqual', a, b); }
/** `a > b` → bool. */
export function greater(a: Operand, b: Operand): Tensor { return comparison('greater', a, b); }
/** `a >= b` → bool. */
export function greaterEqual(a: Operand, b: Operand): Tensor { return comparison('greaterEqual', a, b); }
/** `a < b` → bool. */
export function less(a: Operand, b: Operand): Tensor { return comparison('less', a, b); }
/** `a <= b` → bool. */
export function lessEqual(a: Operand, b: Operand): Tensor { return comparison('lessEqual', a, b); }
/** Elementwise AND (nonzero is true) → bool. */
export function logicalAnd(a: Operand, b: Operand): Tensor { return comparison('logicalAnd', a, b); }
/** Elementwise OR (nonzero is true) → bool. */
export function logicalOr(a: Operand, b: Operand): Tensor { return comparison('logicalOr', a, b); }

/**
 * Picks `a` where `condition` is true, else `b`; all three broadcast together.
 * @example where(greater(x, 0), x, 0) // relu
 */
export function where(condition: Tensor, a: Operand, b: Operand): Tensor {
  const cond = cast(condition, 'bool');
  const [x, y] = promoteOperands(typeof a === 'number' && typeof b === 'number' ? scalarOn(a, cond) : a, b, 'where');
  const shape = broadcastShapes(broadcastShapes(cond.shape, x.shape, 'where'), y.shape, 'where');
  const backend = backendOf([cond, x, y], 'where');
  return recordPrimitive('where', [cond, x, y], {}, { shape, dtype: x.dtype, backend }, () =>
    backend.where(cond, x, y, shape),
  );
}

// ---- gradients ----

export function binaryGrad(dy: Tensor, [a, b]: readonly Tensor[], y: Tensor, attrs: { op: ArithmeticOp }): (Tensor | null)[] {
  const x1 = a!;
  const x2 = b!;
  const reduce = (ga: Tensor, gb: Tensor): Tensor[] => [sumToShape(ga, x1.shape), sumToShape(gb, x2.shape)];
  switch (attrs.op) {
    case 'add': return reduce(dy, dy);
    case 'sub': return reduce(dy, neg(dy));
    case 'mul': return reduce(mul(dy, x2), mul(dy, x1));
    case 'div': return reduce(div(dy, x2), neg(mul(dy, div(y, x2))));
    case 'pow': {
      // d/da aᵇ = b·aᵇ⁻¹; d/db aᵇ = aᵇ·log a, taken as 0 where a <= 0 (as PyTorch does at a = 0).
      const da = mul(dy, mul(x2, pow(x1, sub(x2, 1))));
      const safeLog = where(greater(x1, 0), log(where(greater(x1, 0), x1, 1)), 0);
      return reduce(da, mul(dy, mul(y, safeLog)));
    }
    case 'maximum':
    case 'minimum': {
      const wins = attrs.op === 'maximum' ? greater(x1, x2) : less(x1, x2);
      const share = where(equal(x1, x2), 0.5, where(wins, 1, 0));
      return reduce(mul(dy, share), mul(dy, sub(1, share)));
    }
  }
}

export function whereGrad(dy: Tensor, [cond, a, b]: readonly Tensor[]): (Tensor | null)[] {
  return [null, sumToShape(where(cond!, dy, 0), a!.shape), sumToShape(where(cond!, 0, dy), b!.shape)];
}
