/**
 * Base class of every error dlkit raises on purpose. The message always names the op or
 * function, what it got and what it expected, e.g. `matmul: inner dimensions differ: [2,3] @ [4,5]`.
 */
export class DlkitError extends Error {
  /**
   * Creates the error with `message`.
   *
   * @param message - The full message, starting with the op or function name; the error's `name`
   *   becomes the subclass's class name (`'ShapeError'`, ...).
   */
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Shapes that do not fit the op: mismatched ranks, non-broadcastable dims, bad axes. */
export class ShapeError extends DlkitError {}

/**
 * A dtype (or a kind of value) the op cannot take, e.g. `softmax` of an int32 tensor, `matmul` of
 * bool tensors, gradients of an int32 tensor, or a string where a tensor belongs. (Math functions
 * such as `exp` take int32 and bool, computing in float32 as PyTorch does.)
 * @example softmax(tensor([1, 2], { dtype: 'int32' })) // DTypeError: softmax: expected a float tensor, got int32
 */
export class DTypeError extends DlkitError {}

/** A value out of its allowed range: a negative size, a dropout rate of 1.5, an empty list. */
export class ValueError extends DlkitError {}

/** A backend problem: unknown name, missing engine, tensors from two backends in one op. */
export class BackendError extends DlkitError {}

/** A checkpoint that cannot be read or written: truncated, malformed header, bad offsets. */
export class SerializationError extends DlkitError {}

/**
 * @internal A short description of an argument for error messages: `string "2"`, `undefined`,
 * `number NaN`, `a Tensor`, `array [1,2]`, `object {"a":1}`.
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `array ${JSON.stringify(value)}`;
  const name = (value as object).constructor?.name;
  return name === 'Tensor' ? 'a Tensor' : name && name !== 'Object' ? `a ${name}` : `object ${JSON.stringify(value)}`;
}
