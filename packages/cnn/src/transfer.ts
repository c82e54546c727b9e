import { nn, ValueError } from '@dlkit/core';

/** What {@link replaceHead} replaced. */
export interface ReplacedHead {
  /** Dotted name of the head (`fc`, `classifier.1`): the new head's parameters are `<name>.weight`, …. */
  readonly name: string;
  /** The module that was there. */
  readonly old: nn.Module<unknown[], unknown>;
}

/** The dotted name of the last `Linear` registered in `model`: the classifier of every `models.*` network. */
function lastLinear(model: nn.Module<unknown[], unknown>): string {
  const linears = model.namedModules().filter(([name, m]) => name !== '' && m instanceof nn.Linear);
  if (linears.length === 0) throw new ValueError(`replaceHead: ${model.constructor.name} has no Linear layer to replace; pass the head's name`);
  return linears[linears.length - 1]![0];
}

/**
 * Swaps a model's classifier for `newHead`, in place, for transfer learning (Course 4's
 * MobileNetV2 lab): freeze the pretrained network, put a fresh head for the new classes, train
 * only that. The head is `name` (a dotted module name, e.g. `'fc'` or `'classifier.1'`) or by
 * default the last `Linear` the model registers (ResNet's and GoogLeNet's `fc`, the
 * `classifier.1` of MobileNet and EfficientNet, VGG's `classifier.6`, LeNet's `fc3`). The new head
 * keeps `requiresGrad` as built (trainable), so after `model.freeze()` only it learns and
 * backward does no work for the frozen layers: no gradient node is recorded for them.
 * Direct assignment (`model.fc = new nn.Linear(512, 3)`) does the same for a named field.
 *
 * Throws a `ValueError` when `name` names no child module.
 * @example
 * ```ts
 * const model = models.resnet18().freeze();      // pretrained weights loaded before
 * replaceHead(model, new nn.Linear(512, 3));     // model.fc: 3 classes, trainable
 * ```
 */
export function replaceHead(model: nn.Module<unknown[], unknown>, newHead: nn.Module<unknown[], unknown>, name: string = lastLinear(model)): ReplacedHead {
  const dot = name.lastIndexOf('.');
  const parentName = dot < 0 ? '' : name.slice(0, dot);
  const childName = name.slice(dot + 1);
  const parent = new Map(model.namedModules()).get(parentName);
  const old = parent?.namedChildren().find(([n]) => n === childName)?.[1];
  if (!parent || !old) throw new ValueError(`replaceHead: ${model.constructor.name} has no module named '${name}'`);
  if (parent instanceof nn.Sequential) {
    parent.layers[parent.layers.indexOf(old as nn.Layer)] = newHead as nn.Layer;
  } else {
    const field = Object.entries(parent).find(([, value]) => value === old)?.[0];
    if (field === undefined) throw new ValueError(`replaceHead: '${name}' of ${model.constructor.name} is not held in a field and cannot be replaced`);
    (parent as unknown as Record<string, unknown>)[field] = newHead;
  }
  return { name, old };
}
