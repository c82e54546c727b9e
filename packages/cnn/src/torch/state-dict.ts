import { cast, DTypeError, isFloat, nn, noGrad, permute, reshape, ShapeError, Tensor, ValueError } from '@dlkit/core';
import { Conv1d, Conv2d } from '../layers/conv.js';
import { ConvTranspose2d } from '../layers/conv-transpose.js';
import { formatShape } from '../layers/arguments.js';

/**
 * The NHWC shape `[h, w, c]` a `Linear` layer's input had before it was flattened, by the
 * Linear's dotted name (`'fc1'`, `'classifier.1'`). PyTorch flattens NCHW maps in `(c, h, w)`
 * order and dlkit NHWC maps in `(h, w, c)` order, so such a layer's weight columns are reordered.
 */
export type FlattenShapes = Readonly<Record<string, readonly [number, number, number]>>;

/** A model that declares the pre-flatten shapes of its Linear layers (the models of `models.*` do). */
export interface DeclaresFlattenShapes {
  /** See {@link FlattenShapes}. */
  readonly torchFlattenShapes: FlattenShapes;
}

/** Options of {@link loadTorchStateDict} and {@link toTorchStateDict}. */
export interface TorchStateDictOptions {
  /** Pre-flatten shapes of Linear layers fed by a flatten of conv maps; defaults to the model's `torchFlattenShapes`, if it declares them. */
  flattenShapes?: FlattenShapes;
}

/** How one of the model's tensors is laid out in PyTorch: the permutation or column reorder that maps it. */
interface Layout {
  /** dlkit's tensor. */
  readonly target: Tensor;
  /** The PyTorch shape expected. */
  readonly torchShape: readonly number[];
  /** PyTorch layout → dlkit layout. */
  fromTorch(t: Tensor): Tensor;
  /** dlkit layout → PyTorch layout. */
  toTorch(t: Tensor): Tensor;
}

const identity = (target: Tensor): Layout => ({ target, torchShape: target.shape, fromTorch: (t) => t, toTorch: (t) => t });

function permuted(target: Tensor, toTorchPerm: readonly number[]): Layout {
  const inverse = toTorchPerm.map((_, i) => toTorchPerm.indexOf(i));
  return { target, torchShape: toTorchPerm.map((p) => target.shape[p]!), fromTorch: (t) => permute(t, inverse), toTorch: (t) => permute(t, toTorchPerm) };
}

function flattenReordered(target: Tensor, [h, w, c]: readonly [number, number, number], name: string): Layout {
  const [out, inF] = target.shape as [number, number];
  if (h * w * c !== inF) {
    throw new ShapeError(`loadTorchStateDict: flatten shape [${h}, ${w}, ${c}] declared for '${name}' has ${h * w * c} values, the Linear takes ${inF} inputs`);
  }
  return {
    target,
    torchShape: target.shape,
    fromTorch: (t) => reshape(permute(reshape(t, [out, c, h, w]), [0, 2, 3, 1]), [out, inF]),
    toTorch: (t) => reshape(permute(reshape(t, [out, h, w, c]), [0, 3, 1, 2]), [out, inF]),
  };
}

/** Every persistent tensor of `model` by state-dict name, with its PyTorch layout. */
function layouts(model: nn.Module<unknown[], unknown>, options: TorchStateDictOptions, where: string): Map<string, Layout> {
  const declared = (model as Partial<DeclaresFlattenShapes>).torchFlattenShapes;
  const flattenShapes = options.flattenShapes ?? declared ?? {};
  const owners = new Map<string, nn.Module<unknown[], unknown>>(model.namedModules());
  for (const name of Object.keys(flattenShapes)) {
    if (!(owners.get(name) instanceof nn.Linear)) throw new ValueError(`${where}: flattenShapes names '${name}', which is not a Linear layer of ${model.constructor.name}`);
  }
  const result = new Map<string, Layout>();
  const state = model.stateDict();
  for (const [key, target] of Object.entries(state)) {
    const dot = key.lastIndexOf('.');
    const owner = owners.get(dot < 0 ? '' : key.slice(0, dot));
    const field = key.slice(dot + 1);
    const ownerName = dot < 0 ? '' : key.slice(0, dot);
    let layout: Layout;
    if (field === 'weight' && (owner instanceof Conv2d || owner instanceof ConvTranspose2d)) layout = permuted(target, [3, 2, 0, 1]);
    else if (field === 'weight' && owner instanceof Conv1d) layout = permuted(target, [2, 1, 0]);
    else if (field === 'weight' && owner instanceof nn.Linear && flattenShapes[ownerName]) layout = flattenReordered(target, flattenShapes[ownerName]!, ownerName);
    else layout = identity(target);
    result.set(key, layout);
  }
  return result;
}

/**
 * Loads a PyTorch state dict (e.g. `loadSafetensors(bytes).tensors` of a file written by
 * `safetensors.torch.save_file(model.state_dict())`) into the equivalent dlkit model, converting
 * layouts: conv filters `[out, in/groups, kh, kw]` → `[kh, kw, in/groups, out]`, transposed-conv
 * filters `[in, out, kh, kw]` → `[kh, kw, out, in]`, Conv1d filters `[out, in/groups, k]` →
 * `[k, in/groups, out]`, and the columns of a Linear fed by a flatten of conv maps from NCHW to
 * NHWC order (see {@link FlattenShapes}). Float tensors are cast to the model's dtype; integer
 * buffers (`num_batches_tracked`, int64 in PyTorch, int32 after `loadSafetensors`) are accepted.
 *
 * Every key, shape and dtype is checked before anything is assigned, so a bad state dict leaves
 * the model unchanged: missing/unexpected keys raise a `ValueError`, a shape mismatch a
 * `ShapeError` (naming both the PyTorch and the dlkit shapes), a wrong dtype a `DTypeError`.
 * @example
 * ```ts
 * const model = models.resnet18();
 * loadTorchStateDict(model, loadSafetensors(readFileSync('resnet18.safetensors')).tensors);
 * ```
 */
export function loadTorchStateDict(model: nn.Module<unknown[], unknown>, tensors: Readonly<Record<string, Tensor>>, options: TorchStateDictOptions = {}): void {
  const where = 'loadTorchStateDict';
  if (typeof tensors !== 'object' || tensors === null) throw new ValueError(`${where}: expected a record of named tensors, got ${String(tensors)}`);
  const plan = layouts(model, options, where);
  const missing = [...plan.keys()].filter((k) => !(k in tensors));
  const unexpected = Object.keys(tensors).filter((k) => !plan.has(k));
  if (missing.length > 0 || unexpected.length > 0) {
    throw new ValueError(`${where}: keys do not match ${model.constructor.name}'s; missing: [${missing.join(', ')}], unexpected: [${unexpected.join(', ')}]`);
  }
  for (const [key, layout] of plan) {
    const source = tensors[key];
    if (!(source instanceof Tensor)) throw new ValueError(`${where}: entry '${key}' is not a tensor`);
    if (source.shape.length !== layout.torchShape.length || source.shape.some((d, i) => d !== layout.torchShape[i])) {
      throw new ShapeError(`${where}: '${key}' expects PyTorch shape ${formatShape(layout.torchShape)} (dlkit ${formatShape(layout.target.shape)}), got ${formatShape(source.shape)}`);
    }
    if (isFloat(layout.target.dtype) !== isFloat(source.dtype) || source.dtype === 'bool') {
      throw new DTypeError(`${where}: '${key}' expects a ${isFloat(layout.target.dtype) ? 'float' : 'integer'} tensor (${layout.target.dtype}), got ${source.dtype}`);
    }
  }
  const converted = noGrad(() =>
    Object.fromEntries([...plan].map(([key, layout]) => {
      const source = tensors[key]!;
      const value = layout.fromTorch(source.dtype === layout.target.dtype ? source : cast(source, layout.target.dtype));
      return [key, value];
    })),
  );
  model.loadStateDict(converted);
}

/**
 * The model's state dict in PyTorch's names and layouts (the inverse of {@link loadTorchStateDict}),
 * ready for `saveSafetensors` and `torch`'s `load_state_dict` (which casts the int32
 * `num_batches_tracked` to its int64 buffer).
 * @example writeFileSync('lenet.safetensors', saveSafetensors(toTorchStateDict(models.lenet5())));
 */
export function toTorchStateDict(model: nn.Module<unknown[], unknown>, options: TorchStateDictOptions = {}): Record<string, Tensor> {
  const plan = layouts(model, options, 'toTorchStateDict');
  return noGrad(() => Object.fromEntries([...plan].map(([key, layout]) => [key, layout.toTorch(layout.target)])));
}
