import { Tensor, ValueError } from '@dlkit/core';

/**
 * One parameter group: its tensors plus any options that override the optimizer's defaults for
 * them (PyTorch's param groups), e.g. a larger learning rate for the head or no weight decay on
 * biases.
 * @example { params: model.head.parameters(), lr: 1e-2 }
 */
export type ParamGroup<O> = {
  /** The group's tensors (float32 or float64). */
  params: Iterable<Tensor>;
} & Partial<O>;

/** What an optimizer takes: the tensors to train, or a list of {@link ParamGroup}s. */
export type Params<O> = Iterable<Tensor> | readonly ParamGroup<O>[];

/** A group after its options were merged with the defaults: every option present. */
export type ResolvedGroup<O> = O & {
  /** The group's tensors, in order. */
  params: Tensor[];
};

function isGroupList<O>(params: Params<O>): params is readonly ParamGroup<O>[] {
  return Array.isArray(params) && params.length > 0 && !(params[0] instanceof Tensor);
}

/**
 * Merges each group's overrides onto `defaults`, checks that every entry is a float tensor and
 * that no tensor appears twice (in one group or across groups).
 */
export function resolveParamGroups<O extends object>(where: string, params: Params<O>, defaults: O): ResolvedGroup<O>[] {
  const groups: ParamGroup<O>[] = isGroupList(params) ? [...params] : [{ params } as ParamGroup<O>];
  const seen = new Set<Tensor>();
  const resolved = groups.map((group, g) => {
    if (group === null || typeof group !== 'object' || !('params' in group)) {
      throw new ValueError(`${where}: param group ${g} must be an object with a 'params' list, got ${String(group)}`);
    }
    const tensors = [...group.params];
    tensors.forEach((t, i) => {
      if (!(t instanceof Tensor)) throw new ValueError(`${where}: param group ${g}, entry ${i} is not a Tensor`);
      if (t.dtype !== 'float32' && t.dtype !== 'float64') {
        throw new ValueError(`${where}: param group ${g}, entry ${i} has dtype ${t.dtype}; only float32/float64 tensors can be optimized`);
      }
      if (seen.has(t)) throw new ValueError(`${where}: a tensor appears twice in the parameters (group ${g}, entry ${i}); pass each once`);
      seen.add(t);
    });
    const overrides = Object.fromEntries(Object.entries(group).filter(([k, v]) => k !== 'params' && v !== undefined));
    return { ...defaults, ...overrides, params: tensors } as ResolvedGroup<O>;
  });
  if (seen.size === 0) throw new ValueError(`${where}: got an empty parameter list; pass the tensors to train (e.g. model.parameters())`);
  return resolved;
}
