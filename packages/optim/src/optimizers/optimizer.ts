import { keep, noGrad, ShapeError, Tensor, tidy, ValueError } from '@dlkit/core';
import { copyTensor } from '../training/snapshot.js';
import { resolveParamGroups, type ParamGroup, type Params, type ResolvedGroup } from './param-groups.js';
import { assertNonNegative } from './validate.js';

/** A value an optimizer option can take. */
export type OptionValue = number | boolean | string | readonly number[];

/** Per-parameter state of an optimizer: step counts and running averages (tensors of the parameter's shape). */
export type ParamState = Record<string, Tensor | number>;

/** A param group as stored in a state dict: its options and the indices of its parameters. */
export type ParamGroupState = {
  /** Positions of the group's parameters across all groups (the keys of {@link OptimizerStateDict.state}). */
  params: number[];
} & Record<string, OptionValue | number[]>;

/** What {@link Optimizer.updateParameter} returns for one parameter. */
export interface ParameterUpdate<S extends ParamState> {
  /** The parameter's new value, same shape and dtype (the optimizer assigns it in place). */
  param: Tensor;
  /** The state to keep for the parameter until its next update. */
  state: S;
}

/**
 * An optimizer's complete state (PyTorch's layout): per-parameter state keyed by the parameter's
 * position across all groups, and each group's options. Loading it into an optimizer built over
 * the same parameters resumes training exactly.
 */
export interface OptimizerStateDict {
  /** `state[i]` is the state of the i-th parameter (counting through the groups in order). */
  state: Record<number, ParamState>;
  /** Each group's options and its parameter indices. */
  paramGroups: ParamGroupState[];
}

/** Options every optimizer has. */
export interface BaseOptimizerOptions {
  /** Learning rate α. */
  lr: number;
}

/**
 * Base class of the optimizers. It holds the parameter groups and each parameter's state;
 * a subclass implements {@link Optimizer.updateParameter}, the update rule for one tensor.
 *
 * Parameters change only inside {@link Optimizer.step}, through `noGrad(() => p.assign(...))`,
 * so the tensor objects that a model holds stay the same.
 *
 * @typeParam O - the optimizer's options (camelCase PyTorch names).
 * @typeParam S - the state it keeps for each parameter.
 */
export abstract class Optimizer<O extends BaseOptimizerOptions = BaseOptimizerOptions, S extends ParamState = ParamState> {
  /** The options given to the constructor, merged with the optimizer's defaults. */
  readonly defaults: Readonly<O>;
  /** The parameter groups, each with its own copy of every option (change `lr` here or with {@link Optimizer.lr}). */
  readonly paramGroups: ResolvedGroup<O>[];
  /** Per-parameter state, created on a parameter's first update. */
  protected readonly state = new Map<Tensor, S>();
  /** The class name, used in error messages. */
  protected readonly name: string;

  /**
   * Resolves the parameter groups and validates every group's options.
   *
   * @param name - The subclass's name, for error messages (`'Adam'`).
   * @param params - The tensors to train, or param groups with option overrides.
   * @param defaults - Every option, already merged with the caller's.
   */
  protected constructor(name: string, params: Params<O>, defaults: O) {
    this.name = name;
    this.defaults = Object.freeze({ ...defaults });
    this.paramGroups = resolveParamGroups(name, params, defaults);
    for (const group of this.paramGroups) this.validateOptions(group);
  }

  /**
   * Checks one group's options; throws a `ValueError` naming the optimizer and the bad option.
   * Subclasses extend it (and call `super`).
   */
  protected validateOptions(options: O): void {
    assertNonNegative(this.name, 'lr', options.lr);
  }

  /**
   * The new value of `param` and its new state, from its gradient. Runs inside `noGrad`.
   * `state` is undefined on the parameter's first update.
   */
  protected abstract updateParameter(param: Tensor, grad: Tensor, options: O, state: S | undefined): ParameterUpdate<S>;

  /** Every parameter of every group, in order (the indices of a state dict). */
  get parameters(): Tensor[] {
    return this.paramGroups.flatMap((group) => group.params);
  }

  /** The learning rate of the first group. */
  get lr(): number {
    return this.paramGroups[0]!.lr;
  }

  /** Sets the learning rate of every group. */
  set lr(value: number) {
    assertNonNegative(this.name, 'lr', value);
    for (const group of this.paramGroups) group.lr = value;
  }

  /**
   * Clears every parameter's `.grad` (PyTorch's `zero_grad(set_to_none=True)`); call it before
   * each `backward`, since gradients accumulate.
   */
  zeroGrad(): void {
    for (const p of this.parameters) p.grad = null;
  }

  /**
   * Applies one update to every parameter that has a gradient (parameters without one, e.g. frozen
   * ones, are skipped and their state is left alone).
   * @example
   * ```ts
   * optimizer.zeroGrad();
   * loss(model.forward(x), y).backward();
   * optimizer.step();
   * ```
   */
  step(): void {
    noGrad(() => {
      let index = -1;
      for (const group of this.paramGroups) {
        this.validateOptions(group);
        for (const p of group.params) {
          index++;
          const grad = p.grad;
          if (grad === null) continue;
          if (grad.isDisposed || p.isDisposed) {
            throw new ValueError(
              `${this.name}.step: parameter ${index} (${p.dtype} [${p.shape.join(', ')}]) ${p.isDisposed ? 'was disposed' : 'holds a gradient released by a tidy scope or dispose()'}; `
              + 'step inside the scope that ran backward, and build the optimizer over the parameters the model uses now (model.parameters())',
            );
          }
          if (grad.dtype !== p.dtype || grad.shape.length !== p.shape.length || grad.shape.some((d, i) => d !== p.shape[i])) {
            throw new ShapeError(`${this.name}.step: gradient ${grad.dtype} [${grad.shape.join(', ')}] does not match its parameter ${p.dtype} [${p.shape.join(', ')}]`);
          }
          const previous = this.state.get(p);
          // Temporaries die with the scope; the new state comes out of it and is kept for good.
          const next = tidy(() => {
            const { param, state } = this.updateParameter(p, grad, group, previous);
            p.assign(param);
            return ownState(state, [grad, p]);
          });
          this.replaceState(p, next);
        }
      }
    });
  }

  /** Forgets `p`'s state and releases its tensors. */
  private clearState(p: Tensor): void {
    for (const value of Object.values(this.state.get(p) ?? {})) if (value instanceof Tensor) value.dispose();
    this.state.delete(p);
  }

  /** Installs `next` as `p`'s state (kept out of every `tidy` scope) and releases the tensors it replaces. */
  private replaceState(p: Tensor, next: S): void {
    const previous = this.state.get(p);
    const kept = new Set<Tensor>();
    for (const value of Object.values(next)) if (value instanceof Tensor) kept.add(keep(value));
    if (previous) for (const value of Object.values(previous)) if (value instanceof Tensor && !kept.has(value)) value.dispose();
    this.state.set(p, next);
  }

  /**
   * Adds a group of parameters (with option overrides) to train from now on, e.g. layers unfrozen
   * during fine-tuning.
   * @example optimizer.addParamGroup({ params: backbone.parameters(), lr: 1e-4 });
   */
  addParamGroup(group: ParamGroup<O>): void {
    const known = new Set(this.parameters);
    const [resolved] = resolveParamGroups(this.name, [group], this.defaults as O);
    for (const p of resolved!.params) {
      if (known.has(p)) throw new ValueError(`${this.name}.addParamGroup: a tensor is already in another group`);
    }
    this.validateOptions(resolved!);
    this.paramGroups.push(resolved!);
  }

  /**
   * A snapshot of the optimizer: each group's options and each parameter's state (step counts,
   * running averages). The tensors are copies that belong to the caller, so later steps never
   * change them; save it with `serializeTrainingState` or `saveTrainingCheckpoint`.
   */
  stateDict(): OptimizerStateDict {
    const state: Record<number, ParamState> = {};
    let index = 0;
    const paramGroups = this.paramGroups.map((group) => {
      const indices: number[] = [];
      for (const p of group.params) {
        const s = this.state.get(p);
        if (s) state[index] = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v instanceof Tensor ? copyTensor(v) : v]));
        indices.push(index++);
      }
      const { params: _params, ...options } = group;
      return { ...(options as Record<string, OptionValue>), params: indices } as ParamGroupState;
    });
    return { state, paramGroups };
  }

  /**
   * Restores a snapshot from {@link Optimizer.stateDict} into an optimizer built over the same
   * parameters (same groups, same sizes, in the same order): options and state are replaced, so
   * the next {@link Optimizer.step} continues exactly where the saved run stopped. Everything is
   * checked before anything changes.
   */
  loadStateDict(stateDict: OptimizerStateDict): void {
    const where = `${this.name}.loadStateDict`;
    const { state, paramGroups } = stateDict;
    if (!Array.isArray(paramGroups) || paramGroups.length !== this.paramGroups.length) {
      throw new ValueError(`${where}: expected ${this.paramGroups.length} param groups, got ${Array.isArray(paramGroups) ? paramGroups.length : String(paramGroups)}`);
    }
    const params = this.parameters;
    const byIndex = new Map<number, Tensor>();
    paramGroups.forEach((saved, g) => {
      const group = this.paramGroups[g]!;
      if (!Array.isArray(saved.params) || saved.params.length !== group.params.length) {
        throw new ValueError(`${where}: group ${g} has ${group.params.length} parameters, the state dict's has ${Array.isArray(saved.params) ? saved.params.length : 'none'}`);
      }
      saved.params.forEach((index, i) => byIndex.set(index, group.params[i]!));
    });
    const newState = new Map<Tensor, S>();
    for (const [key, entry] of Object.entries(state)) {
      const p = byIndex.get(Number(key));
      if (!p) throw new ValueError(`${where}: state for parameter ${key}, which no group lists (there are ${params.length})`);
      for (const [name, value] of Object.entries(entry)) {
        if (typeof value === 'number') continue;
        if (!(value instanceof Tensor)) throw new ValueError(`${where}: state ${key}.${name} is neither a number nor a Tensor`);
        if (value.dtype !== p.dtype || value.shape.length !== p.shape.length || value.shape.some((d, i) => d !== p.shape[i])) {
          throw new ShapeError(`${where}: state ${key}.${name} is ${value.dtype} [${value.shape.join(', ')}], its parameter ${p.dtype} [${p.shape.join(', ')}]`);
        }
      }
      newState.set(p, entry as S);
    }
    const newOptions = paramGroups.map((saved) => {
      const { params: _params, ...options } = saved;
      const merged = { ...this.defaults, ...options } as O;
      this.validateOptions(merged);
      return options;
    });
    this.paramGroups.forEach((group, g) => Object.assign(group, newOptions[g]));
    // The optimizer owns copies, so the caller may dispose or reuse the dict.
    for (const p of params) {
      const loaded = newState.get(p);
      if (loaded) this.replaceState(p, ownState(loaded, [], true));
      else this.clearState(p);
    }
  }
}

/**
 * `state` with every tensor the optimizer must not share copied: those in `foreign` (the gradient
 * or the parameter, which an update may pass through, e.g. SGD's first momentum buffer), or all
 * of them with `copyAll`.
 */
function ownState<S extends ParamState>(state: S, foreign: readonly Tensor[], copyAll = false): S {
  const owned: ParamState = {};
  for (const [name, value] of Object.entries(state)) {
    owned[name] = value instanceof Tensor && (copyAll || foreign.includes(value)) ? copyTensor(value) : value;
  }
  return owned as S;
}
