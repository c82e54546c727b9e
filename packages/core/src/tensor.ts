import type { Backend } from './backend/backend.js';
import { isFloat, type DType, type TypedArray } from './dtype.js';
import { BackendError, describeValue, DTypeError, ShapeError, ValueError } from './errors.js';
import { formatShape, shapesEqual, sizeOf, type Shape } from './shape.js';
import type { GradNode } from './autograd/node.js';
import { isGradEnabled } from './autograd/grad-mode.js';
import { backward as runBackward, type BackwardOptions } from './autograd/backward.js';
import * as ops from './ops/index.js';
import type { NestedArray } from './ops/creation.js';
import { downloadAsync, shareStorage } from './backend/compose.js';
import { formatTensor } from './format.js';
import { releaseStorage, replaceStorage, trackTensor, watchStorage, type StorageCell } from './memory.js';

let nextId = 0;

/**
 * An n-dimensional array on a backend, with reverse-mode autograd.
 *
 * Create tensors with {@link tensor}, {@link zeros}, {@link randn} and friends, never with `new`.
 * Ops never mutate their inputs; {@link Tensor.assign} is the one in-place change.
 *
 * @example
 * ```ts
 * const w = tensor([[1, 2], [3, 4]], { requiresGrad: true });
 * const loss = w.matmul(w).sum();
 * loss.backward();
 * w.grad?.toArray(); // [[7, 11], [9, 13]]
 * ```
 */
export class Tensor {
  /** A process-unique id, handy for debugging graphs. */
  readonly id = nextId++;
  /** The backend holding this tensor's storage. */
  readonly backend: Backend;
  /** Dimensions, outermost first. */
  readonly shape: Shape;
  /** Element type. */
  readonly dtype: DType;
  /** Gradient accumulated by {@link Tensor.backward} (leaf tensors that require grad). */
  grad: Tensor | null = null;
  /** @internal The op that produced this tensor, when recorded by autograd. */
  gradFn: GradNode | null = null;
  /** @internal Storage handle of the backend. Changed only by {@link Tensor.assign}. */
  handle: unknown;
  /** @internal Bumped by every {@link Tensor.assign}, so backward can detect stale saved inputs. */
  version = 0;
  #requiresGrad = false;
  #disposed = false;
  /** Storage watched for release (backends with `dispose` only). */
  readonly #storage: StorageCell | undefined;

  /** @internal Use the creation functions instead. Takes ownership of `handle`. */
  constructor(handle: unknown, shape: Shape, dtype: DType, backend: Backend) {
    this.handle = handle;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    this.backend = backend;
    this.#storage = watchStorage(this, backend, handle);
    trackTensor(this);
  }

  /** Whether {@link Tensor.dispose} (or the end of a `tidy` scope) released this tensor. */
  get isDisposed(): boolean {
    return this.#disposed;
  }

  /**
   * Releases the tensor's storage now (backends whose storage is not garbage collected, such as
   * TensorFlow.js) and marks it disposed on every backend: using it afterwards raises a ValueError.
   * Calling it twice is harmless. Prefer `tidy(fn)` for the intermediates of a computation.
   * @example const t = randn([1000, 1000]); t.sum().item(); t.dispose();
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    if (this.#storage !== undefined) releaseStorage(this.#storage);
  }

  /** @internal Throws a ValueError naming `where` when this tensor was disposed. */
  assertUsable(where: string): void {
    if (this.#disposed) {
      throw new ValueError(
        `${where}: tensor #${this.id} (${this.dtype} ${formatShape(this.shape)}) was disposed (by dispose() or the end of a tidy scope) and cannot be used; return it from the scope or keep() it`,
      );
    }
  }

  /** Number of elements. */
  get size(): number {
    return sizeOf(this.shape);
  }

  /** Number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  /** True when no recorded op produced this tensor (user-created tensors and parameters). */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** Whether autograd tracks ops on this tensor. Only float tensors can require grad. */
  get requiresGrad(): boolean {
    return this.#requiresGrad;
  }

  /** Turns tracking on or off for a leaf (float dtypes only; a tensor made by an op keeps its graph). */
  set requiresGrad(value: boolean) {
    if (value && !isFloat(this.dtype)) {
      throw new DTypeError(`requiresGrad: only float32/float64 tensors can require gradients, got ${this.dtype}`);
    }
    if (!value && !this.isLeaf) {
      throw new ValueError('requiresGrad: cannot turn off gradients of a non-leaf tensor; use detach() instead');
    }
    this.#requiresGrad = value;
  }

  /** A copy of the values as a typed array (Float32Array, Float64Array, Int32Array or Uint8Array). */
  dataSync(): TypedArray {
    this.assertUsable('dataSync');
    return this.backend.download(this);
  }

  /** Like {@link Tensor.dataSync}, without blocking backends that read back asynchronously. */
  async data(): Promise<TypedArray> {
    this.assertUsable('data');
    return downloadAsync(this.backend, this);
  }

  /** The values as nested arrays (numbers; booleans for bool tensors). A scalar gives a number. */
  toArray(): NestedArray<number | boolean> {
    const values = this.dataSync();
    const read = (i: number): number | boolean => (this.dtype === 'bool' ? values[i] === 1 : values[i]!);
    const build = (dim: number, offset: number): NestedArray<number | boolean> => {
      if (dim === this.rank) return read(offset);
      const stride = sizeOf(this.shape.slice(dim + 1));
      return Array.from({ length: this.shape[dim]! }, (_, i) => build(dim + 1, offset + i * stride));
    };
    return build(0, 0);
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) {
      throw new ShapeError(`item: expected a tensor with one element, got shape ${formatShape(this.shape)}`);
    }
    return this.dataSync()[0]!;
  }

  /** A readable rendering: values (elided when large), shape and dtype. */
  toString(): string {
    return formatTensor(this);
  }

  /**
   * Accumulates d(this)/d(leaf) into the `.grad` of every leaf that requires grad.
   * A non-scalar tensor needs `gradient` (the upstream gradient, same shape), passed directly or
   * as `{ gradient }`.
   *
   * The graph is freed afterwards: a second `backward()` through it raises a ValueError unless
   * the first passed `retainGraph: true`. With `createGraph: true` the pass is itself recorded,
   * so `.grad` can be differentiated again (higher-order gradients; implies `retainGraph`).
   * @example
   * ```ts
   * const x = tensor([2], { requiresGrad: true });
   * x.pow(3).sum().backward({ createGraph: true }); // x.grad = 3x² = 12, still on the graph
   * const dx = x.grad!;
   * x.zeroGrad();
   * dx.sum().backward();                             // x.grad = 6x = 12
   * ```
   */
  backward(options?: Tensor | BackwardOptions): void {
    runBackward(this, options instanceof Tensor ? { gradient: options } : options);
  }

  /** Clears `.grad`. */
  zeroGrad(): void {
    this.grad = null;
  }

  /**
   * The same values, cut from the graph (never requires grad). Shares the storage: on a backend
   * with `dispose` it gets its own reference to the same data (the `shareStorage` kernel), so
   * disposing one does not release the other.
   */
  detach(): Tensor {
    this.assertUsable('detach');
    return new Tensor(shareStorage(this.backend, this), this.shape, this.dtype, this.backend);
  }

  /**
   * Replaces this tensor's values with `value`'s (same shape and dtype), in place: the object
   * stays the same, so modules and optimizers that hold it see the new values. Only outside the
   * graph: inside recorded code use ops, which never mutate.
   * @example noGrad(() => w.assign(w.sub(w.grad!.mul(lr))));
   */
  assign(value: Tensor): this {
    if (!(value instanceof Tensor)) throw new DTypeError(`assign: value must be a Tensor, got ${describeValue(value)}`);
    if (value.dtype !== this.dtype) {
      throw new DTypeError(`assign: expected a ${this.dtype} tensor, got ${value.dtype}; cast it first with value.cast('${this.dtype}')`);
    }
    if (!shapesEqual(value.shape, this.shape)) {
      throw new ShapeError(`assign: expected a ${this.dtype} tensor of shape ${formatShape(this.shape)}, got ${value.dtype} ${formatShape(value.shape)}`);
    }
    if (value.backend !== this.backend) {
      throw new BackendError(
        `assign: value lives on backend '${value.backend.name}', this tensor on '${this.backend.name}'; move it with value.to('${this.backend.name}')`,
      );
    }
    if (isGradEnabled() && (this.requiresGrad || value.requiresGrad)) {
      throw new ValueError('assign: updating a tensor that takes part in autograd must happen outside the graph; wrap it in noGrad(() => ...)');
    }
    this.assertUsable('assign');
    value.assertUsable('assign');
    if (this.#storage === undefined) {
      this.handle = value.handle;
    } else {
      // Own reference to the value's data, so `value` can be disposed; the old storage is released.
      this.handle = shareStorage(this.backend, value);
      replaceStorage(this.#storage, this.handle);
    }
    this.version++;
    return this;
  }

  // ---- methods for the common ops (the functions in ops/ are the source of truth) ----

  /** {@link ops.add} */ add(other: Tensor | number): Tensor { return ops.add(this, other); }
  /** {@link ops.sub} */ sub(other: Tensor | number): Tensor { return ops.sub(this, other); }
  /** {@link ops.mul} */ mul(other: Tensor | number): Tensor { return ops.mul(this, other); }
  /** {@link ops.div} */ div(other: Tensor | number): Tensor { return ops.div(this, other); }
  /** {@link ops.pow} */ pow(exponent: Tensor | number): Tensor { return ops.pow(this, exponent); }
  /** {@link ops.maximum} */ maximum(other: Tensor | number): Tensor { return ops.maximum(this, other); }
  /** {@link ops.minimum} */ minimum(other: Tensor | number): Tensor { return ops.minimum(this, other); }
  /** {@link ops.neg} */ neg(): Tensor { return ops.neg(this); }
  /** {@link ops.abs} */ abs(): Tensor { return ops.abs(this); }
  /** {@link ops.exp} */ exp(): Tensor { return ops.exp(this); }
  /** {@link ops.log} */ log(): Tensor { return ops.log(this); }
  /** {@link ops.sqrt} */ sqrt(): Tensor { return ops.sqrt(this); }
  /** {@link ops.square} */ square(): Tensor { return ops.square(this); }
  /** {@link ops.tanh} */ tanh(): Tensor { return ops.tanh(this); }
  /** {@link ops.sigmoid} */ sigmoid(): Tensor { return ops.sigmoid(this); }
  /** {@link ops.relu} */ relu(): Tensor { return ops.relu(this); }
  /** {@link ops.clip} */ clip(min: number, max: number): Tensor { return ops.clip(this, min, max); }
  /** {@link ops.equal} */ equal(other: Tensor | number): Tensor { return ops.equal(this, other); }
  /** {@link ops.greater} */ greater(other: Tensor | number): Tensor { return ops.greater(this, other); }
  /** {@link ops.less} */ less(other: Tensor | number): Tensor { return ops.less(this, other); }
  /** {@link ops.cast} */ cast(dtype: DType): Tensor { return ops.cast(this, dtype); }
  /** {@link ops.clone} */ clone(): Tensor { return ops.clone(this); }
  /** {@link ops.toBackend}: this tensor on the registered backend `name`. */ to(name: string): Tensor { return ops.toBackend(this, name); }
  /** {@link ops.matmul} */ matmul(other: Tensor): Tensor { return ops.matmul(this, other); }
  /** {@link ops.sum} */ sum(axes?: number | number[], keepDims = false): Tensor { return ops.sum(this, axes, keepDims); }
  /** {@link ops.mean} */ mean(axes?: number | number[], keepDims = false): Tensor { return ops.mean(this, axes, keepDims); }
  /** {@link ops.max} */ max(axes?: number | number[], keepDims = false): Tensor { return ops.max(this, axes, keepDims); }
  /** {@link ops.prod} */ prod(axes?: number | number[], keepDims = false): Tensor { return ops.prod(this, axes, keepDims); }
  /** {@link ops.min} */ min(axes?: number | number[], keepDims = false): Tensor { return ops.min(this, axes, keepDims); }
  /** {@link ops.argMax} */ argMax(axis = -1): Tensor { return ops.argMax(this, axis); }
  /** {@link ops.argMin} */ argMin(axis = -1): Tensor { return ops.argMin(this, axis); }
  /** {@link ops.reshape} */ reshape(shape: readonly number[]): Tensor { return ops.reshape(this, shape); }
  /** {@link ops.flatten} */ flatten(startAxis = 0, endAxis = -1): Tensor { return ops.flatten(this, startAxis, endAxis); }
  /** {@link ops.squeeze} */ squeeze(axes?: number | number[]): Tensor { return ops.squeeze(this, axes); }
  /** {@link ops.expandDims} */ expandDims(axis: number): Tensor { return ops.expandDims(this, axis); }
  /** {@link ops.transpose} */ transpose(perm?: readonly number[]): Tensor { return ops.transpose(this, perm); }
  /** {@link ops.slice} */ slice(begin: readonly number[], size?: readonly number[]): Tensor { return ops.slice(this, begin, size); }
  /** {@link ops.gather} */ gather(indices: Tensor, axis = 0): Tensor { return ops.gather(this, indices, axis); }
  /** {@link ops.takeAlongAxis} */ takeAlongAxis(indices: Tensor, axis: number): Tensor { return ops.takeAlongAxis(this, indices, axis); }
  /** {@link ops.maskedFill} */ maskedFill(mask: Tensor, value: number): Tensor { return ops.maskedFill(this, mask, value); }
  /** {@link ops.flip} */ flip(axes: number | readonly number[]): Tensor { return ops.flip(this, axes); }
  /** {@link ops.cumsum} */ cumsum(axis: number, options?: ops.ScanOptions): Tensor { return ops.cumsum(this, axis, options); }
  /** {@link ops.cumprod} */ cumprod(axis: number, options?: ops.ScanOptions): Tensor { return ops.cumprod(this, axis, options); }
  /** {@link ops.topk} */ topk(k: number, options?: ops.TopkOptions): ops.ValuesAndIndices { return ops.topk(this, k, options); }
  /** {@link ops.sort} */ sort(options?: ops.SortOptions): ops.ValuesAndIndices { return ops.sort(this, options); }
  /** {@link ops.argsort} */ argsort(options?: ops.SortOptions): Tensor { return ops.argsort(this, options); }
  /** {@link ops.triu} */ triu(k = 0): Tensor { return ops.triu(this, k); }
  /** {@link ops.tril} */ tril(k = 0): Tensor { return ops.tril(this, k); }
  /** {@link ops.softmax} */ softmax(axis = -1): Tensor { return ops.softmax(this, axis); }
  /** {@link ops.logSoftmax} */ logSoftmax(axis = -1): Tensor { return ops.logSoftmax(this, axis); }
}
