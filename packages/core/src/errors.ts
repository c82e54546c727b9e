/**
 * Base class of every error dlkit raises on purpose. The message always names the op or
 * function, what it got and what it expected, e.g. `matmul: inner dimensions differ: [2,3] @ [4,5]`.
 */
export class DlkitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Shapes that do not fit the op: mismatched ranks, non-broadcastable dims, bad axes. */
export class ShapeError extends DlkitError {}

/** A dtype the op cannot take, e.g. `exp` on `bool` or gradients of an `int32` tensor. */
export class DTypeError extends DlkitError {}

/** A value out of its allowed range: a negative size, a dropout rate of 1.5, an empty list. */
export class ValueError extends DlkitError {}

/** A backend problem: unknown name, missing engine, tensors from two backends in one op. */
export class BackendError extends DlkitError {}

/** A checkpoint that cannot be read or written: truncated, malformed header, bad offsets. */
export class SerializationError extends DlkitError {}
