import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { isParameter } from './parameter.js';

/** Options of {@link buffer}. */
export interface BufferOptions {
  /**
   * Saved in the state dict (default true). A non-persistent buffer — a mask, a positional table,
   * a cache — is still one of the module's buffers (`namedBuffers()`), but `stateDict()` leaves it
   * out and `loadStateDict` does not expect it: PyTorch's `register_buffer(..., persistent=False)`.
   */
  persistent?: boolean;
}

const nonPersistent = new WeakSet<Tensor>();

/**
 * Marks `t` as a module buffer: non-trainable state found from the module's fields like
 * parameters are. Every tensor field that is not a {@link parameter} is already a persistent
 * buffer; `buffer(t, { persistent: false })` keeps it out of the state dict. A computed tensor is
 * detached so the module holds no graph. The mark belongs to the tensor: a field reassigned with
 * a new tensor (a cache) needs `buffer(...)` again.
 * @example this.mask = buffer(tril(ones([n, n])), { persistent: false });
 */
export function buffer(t: Tensor, options: BufferOptions = {}): Tensor {
  if (isParameter(t)) throw new ValueError('buffer: this tensor is a parameter; a module field holds either a parameter or a buffer');
  const leaf = t.isLeaf ? t : t.detach();
  if (options.persistent === false) nonPersistent.add(leaf);
  else nonPersistent.delete(leaf);
  return leaf;
}

/** Whether `t` was marked by `buffer(t, { persistent: false })`. */
export function isPersistent(t: Tensor): boolean {
  return !nonPersistent.has(t);
}
