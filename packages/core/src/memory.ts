import type { Backend } from './backend/backend.js';
import { ValueError } from './errors.js';
import { isParameter } from './nn/parameter.js';
import type { Tensor } from './tensor.js';

/**
 * Memory management for backends whose storage is not garbage collected (TensorFlow.js):
 *
 * - every tensor owns its storage handle exclusively (core never lets two tensors share one on such
 *   a backend), so releasing a tensor's storage never affects another tensor;
 * - `Tensor.dispose()` releases it now, `tidy(fn)` releases what `fn` made and did not return,
 *   and a FinalizationRegistry releases the storage of a tensor that was garbage collected
 *   without either (a last resort: finalizers run late, and never inside a synchronous loop).
 *
 * On backends without `dispose` (the built-in `'ts'`), storage is garbage collected as before;
 * `dispose()` and `tidy()` still mark tensors disposed there, so a program that uses a released
 * tensor fails the same way on every backend.
 */

/** A tensor's storage as the finalizer sees it: no reference back to the tensor. */
export interface StorageCell {
  handle: unknown;
  readonly backend: Backend;
  released: boolean;
}

function releaseCell(cell: StorageCell): void {
  if (cell.released) return;
  cell.released = true;
  cell.backend.dispose?.(cell.handle);
}

const finalizer: FinalizationRegistry<StorageCell> | undefined =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<StorageCell>((cell) => {
        try {
          releaseCell(cell);
        } catch {
          // A finalizer has no caller to report to; the storage is gone either way.
        }
      })
    : undefined;

/** @internal Registers `owner`'s storage for release when `owner` is garbage collected (disposing backends only). */
export function watchStorage(owner: object, backend: Backend, handle: unknown): StorageCell | undefined {
  if (backend.dispose === undefined) return undefined;
  const cell: StorageCell = { handle, backend, released: false };
  finalizer?.register(owner, cell, cell);
  return cell;
}

/** @internal Releases the storage now (once) and stops watching it. */
export function releaseStorage(cell: StorageCell): void {
  finalizer?.unregister(cell);
  releaseCell(cell);
}

/** @internal Gives a watched tensor new storage and releases the old one (`assign`). */
export function replaceStorage(cell: StorageCell, handle: unknown): void {
  const old = cell.handle;
  cell.handle = handle;
  cell.backend.dispose?.(old);
}

// ---- tidy scopes ----

const scopes: Tensor[][] = [];
const keptForever = new WeakSet<Tensor>();

/** @internal Called for every new tensor: the innermost open {@link tidy} scope takes charge of it. */
export function trackTensor(t: Tensor): void {
  const scope = scopes[scopes.length - 1];
  if (scope !== undefined) scope.push(t);
}

/** Collects the tensors of `scope` that appear in `value` (a tensor, or arrays / plain objects / Maps of them). */
function collectResults(value: unknown, members: ReadonlySet<unknown>, found: Set<Tensor>, seen: Set<unknown>): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (members.has(value)) {
    found.add(value as Tensor);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectResults(item, members, found, seen);
  } else if (value instanceof Map) {
    for (const item of value.values()) collectResults(item, members, found, seen);
  } else {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto === Object.prototype || proto === null) {
      for (const item of Object.values(value as Record<string, unknown>)) collectResults(item, members, found, seen);
    }
  }
}

/**
 * Runs `fn` and disposes every tensor created while it ran, except the tensors it returns (alone or
 * inside arrays, plain objects or Maps), tensors passed to {@link keep}, and parameters made by
 * `nn.parameter`. Returned tensors pass to the enclosing `tidy`, if any. This is how a loop keeps
 * a TensorFlow.js backend's memory flat (each step's intermediates, gradients included, are
 * released when the step ends); on the `'ts'` backend the garbage collector frees storage anyway,
 * and `tidy` only marks the released tensors disposed.
 *
 * Put a whole training step inside: forward, `backward()`, the parameter update and `zeroGrad()`.
 * A tensor released by a scope raises a `ValueError` when used; that includes running `backward()`
 * after the scope that built the graph has ended, and optimizer state created in the scope (keep
 * it with {@link keep}). `fn` must be synchronous.
 *
 * @example
 * ```ts
 * for (let step = 0; step < 1000; step++) {
 *   const loss = tidy(() => {
 *     const l = model.forward(x).sub(y).square().mean();
 *     l.backward();
 *     noGrad(() => { for (const p of params) { p.assign(p.sub(p.grad!.mul(0.1))); p.zeroGrad(); } });
 *     return l.item();
 *   });
 * }
 * ```
 */
export function tidy<T>(fn: () => T): T {
  const scope: Tensor[] = [];
  scopes.push(scope);
  let result: T;
  try {
    result = fn();
  } catch (error) {
    scopes.pop();
    for (const t of scope) if (!keptForever.has(t) && !isParameter(t)) t.dispose();
    throw error;
  }
  scopes.pop();
  if (result !== null && typeof result === 'object' && typeof (result as { then?: unknown }).then === 'function') {
    for (const t of scope) if (!keptForever.has(t) && !isParameter(t)) t.dispose();
    throw new ValueError('tidy: the function returned a Promise; tidy scopes must be synchronous (await outside, tidy each synchronous part)');
  }
  const results = new Set<Tensor>();
  if (scope.length > 0) collectResults(result, new Set<unknown>(scope), results, new Set());
  const parent = scopes[scopes.length - 1];
  for (const t of scope) {
    if (keptForever.has(t) || isParameter(t)) continue;
    if (results.has(t)) parent?.push(t);
    else t.dispose();
  }
  return result;
}

/**
 * Exempts `t` from every enclosing {@link tidy} scope (its storage then lives until `t.dispose()`
 * or garbage collection). Returns `t`.
 * @example const state = tidy(() => keep(zeros([10])));
 */
export function keep<T extends Tensor>(t: T): T {
  keptForever.add(t);
  return t;
}
