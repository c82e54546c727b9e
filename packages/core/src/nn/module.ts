import { describeValue, ShapeError, ValueError } from '../errors.js';
import { formatShape, shapesEqual } from '../shape.js';
import { Tensor } from '../tensor.js';
import { noGrad } from '../autograd/grad-mode.js';
import { isParameter } from './parameter.js';
import { isPersistent } from './buffer.js';
import { stateDictName } from './naming.js';
import { summarize, type ModelSummary, type SummaryInput, type SummaryOptions } from './summary.js';

/** Options of {@link Module.loadStateDict}. */
export interface LoadStateDictOptions {
  /** Require the keys to match exactly (default true); false loads what matches and skips the rest. */
  strict?: boolean;
}

/** What {@link Module.loadStateDict} did not load (empty lists under `strict`). */
export interface LoadStateDictResult {
  /** The module's state-dict names the given state did not have (those kept their values). */
  readonly missingKeys: readonly string[];
  /** The given state's names the module does not have (ignored). */
  readonly unexpectedKeys: readonly string[];
}

/**
 * Base class of every layer and model. Child modules, parameters and buffers are found from the
 * instance's fields (a module, an array or Map of modules, a tensor), so a subclass just assigns
 * them in its constructor and implements `forward`.
 *
 * @example
 * ```ts
 * class TwoLayer extends Module<[Tensor], Tensor> {
 *   hidden = new Linear(784, 128);
 *   out = new Linear(128, 10);
 *   forward(x: Tensor): Tensor { return this.out.forward(this.hidden.forward(x).relu()); }
 * }
 * const model = new TwoLayer();
 * model.namedParameters().map(([name]) => name); // ['hidden.weight', 'hidden.bias', 'out.weight', 'out.bias']
 * ```
 */
export abstract class Module<In extends unknown[] = [Tensor], Out = Tensor> {
  /** True in training mode (dropout active, batch norm uses batch statistics). */
  training = true;

  /** Computes the module's output. */
  abstract forward(...inputs: In): Out;

  /**
   * Multiply–accumulates that one call of `forward(...inputs)` returning `output` did itself (not
   * its children, which report their own): what `summary()`'s MACs column adds up. The default,
   * null, means "not counted"; layers that multiply by weights override it from the shapes
   * (`Linear`: `output.size · inFeatures`; `@dlkit/cnn`'s convolutions `output.size · k² · cIn/groups`).
   * Counts cover the whole call, batch included; `summary()` divides by the batch size.
   * @example new Linear(784, 10).macs([zeros([32, 784])], zeros([32, 10])) // 250,880 = 32 · 10 · 784
   */
  macs(_inputs: In, _output: Out): number | null {
    return null;
  }

  /** Direct children with their names; override to name them differently (Sequential uses 0, 1, …). */
  namedChildren(): [string, Module<unknown[], unknown>][] {
    const children: [string, Module<unknown[], unknown>][] = [];
    for (const [key, value] of Object.entries(this)) {
      const name = stateDictName(key);
      if (value instanceof Module) children.push([name, value]);
      else if (Array.isArray(value)) {
        value.forEach((item, i) => {
          if (item instanceof Module) children.push([`${name}.${i}`, item]);
        });
      } else if (value instanceof Map) {
        for (const [k, item] of value) if (item instanceof Module) children.push([`${name}.${String(k)}`, item]);
      }
    }
    return children;
  }

  /** Tensors held directly by this module's fields (not its children's). */
  protected ownTensors(): [string, Tensor][] {
    return Object.entries(this)
      .filter((entry): entry is [string, Tensor] => entry[1] instanceof Tensor)
      .map(([key, t]) => [stateDictName(key), t]);
  }

  /** Every descendant module (this one first) with its dotted name. */
  namedModules(prefix = ''): [string, Module<unknown[], unknown>][] {
    const result: [string, Module<unknown[], unknown>][] = [[prefix, this as Module<unknown[], unknown>]];
    for (const [name, child] of this.namedChildren()) {
      result.push(...child.namedModules(prefix ? `${prefix}.${name}` : name));
    }
    return result;
  }

  private namedTensors(keep: (t: Tensor) => boolean): [string, Tensor][] {
    const seen = new Set<Tensor>();
    const result: [string, Tensor][] = [];
    for (const [prefix, module] of this.namedModules()) {
      for (const [name, t] of module.ownTensors()) {
        if (!keep(t) || seen.has(t)) continue;
        seen.add(t);
        result.push([prefix ? `${prefix}.${name}` : name, t]);
      }
    }
    return result;
  }

  /** Every parameter with its dotted name (`encoder.0.weight`), each shared one once. */
  namedParameters(): [string, Tensor][] {
    return this.namedTensors(isParameter);
  }

  /** Every parameter, for an optimizer. */
  parameters(): Tensor[] {
    return this.namedParameters().map(([, t]) => t);
  }

  /**
   * Every buffer (non-trainable tensor state, e.g. `running_mean`) with its dotted name,
   * non-persistent ones (see `nn.buffer`) included.
   */
  namedBuffers(): [string, Tensor][] {
    return this.namedTensors((t) => !isParameter(t));
  }

  /**
   * Clears the `.grad` of every parameter (PyTorch's `zero_grad()`, which sets them to None):
   * gradients accumulate, so clear them before each `backward`.
   * @example model.zeroGrad(); loss(model.forward(x), y).backward();
   */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /**
   * Keras-style summary: each layer's output shape, parameter count and multiply–accumulates per
   * example (see {@link Module.macs}), and the totals, from one forward pass (eval mode, no grad). Each input is a shape without the batch dim (zeros of
   * `[1, ...shape]` are fed) or a tensor fed as it is; a module with several inputs (encoder–decoder,
   * siamese, attention) takes one per `forward` argument. Prints it unless `print` is false.
   * @example
   * ```ts
   * model.summary([784]);
   * siamese.summary([8], [8]);                              // forward(a, b)
   * seq2seq.summary(tensor([[1, 5, 2]], { dtype: 'int32' }), [7, 32], { print: false });
   * ```
   */
  summary(...args: [...inputs: SummaryInput[]] | [...inputs: SummaryInput[], options: SummaryOptions]): ModelSummary {
    const last = args[args.length - 1];
    const hasOptions = last !== undefined && !(last instanceof Tensor) && !Array.isArray(last);
    const inputs = (hasOptions ? args.slice(0, -1) : args) as SummaryInput[];
    const options = (hasOptions ? last : {}) as SummaryOptions;
    const result = summarize(this as Module<unknown[], unknown>, ...inputs);
    if (options.print ?? true) console.log(result.toString());
    return result;
  }

  /** Training mode on (default) or off, for this module and every descendant. */
  train(mode = true): this {
    for (const [, module] of this.namedModules()) module.training = mode;
    return this;
  }

  /** Evaluation mode: dropout off, batch norm on running statistics. */
  eval(): this {
    return this.train(false);
  }

  /** Stops training every parameter (transfer learning: freeze the pretrained layers). */
  freeze(): this {
    for (const p of this.parameters()) p.requiresGrad = false;
    return this;
  }

  /** Trains every parameter again. */
  unfreeze(): this {
    for (const p of this.parameters()) p.requiresGrad = true;
    return this;
  }

  /**
   * Parameters and persistent buffers by PyTorch-style dotted name; the tensors are this module's
   * own (save them before changing the module if you need a snapshot).
   */
  stateDict(): Record<string, Tensor> {
    return Object.fromEntries([...this.namedParameters(), ...this.namedBuffers().filter(([, t]) => isPersistent(t))]);
  }

  /**
   * Copies `state` into the parameters and buffers in place (the objects stay the same).
   * Everything is validated first, so a bad state dict changes nothing: missing or unexpected
   * keys (under `strict`), shape or dtype mismatches raise with the offending names.
   */
  loadStateDict(state: Readonly<Record<string, Tensor>>, options: LoadStateDictOptions = {}): LoadStateDictResult {
    if (typeof state !== 'object' || state === null) {
      throw new ValueError(`loadStateDict: expected a record of named tensors (e.g. another module's stateDict()), got ${describeValue(state)}`);
    }
    const strict = options.strict ?? true;
    const own = this.stateDict();
    const missingKeys = Object.keys(own).filter((k) => !(k in state));
    const unexpectedKeys = Object.keys(state).filter((k) => !(k in own));
    if (strict && (missingKeys.length > 0 || unexpectedKeys.length > 0)) {
      throw new ValueError(
        `loadStateDict: keys do not match; missing: [${missingKeys.join(', ')}], unexpected: [${unexpectedKeys.join(', ')}]`,
      );
    }
    const pairs = Object.entries(own).filter(([k]) => k in state).map(([k, target]) => [k, target, state[k]!] as const);
    for (const [name, target, source] of pairs) {
      if (!(source instanceof Tensor)) throw new ValueError(`loadStateDict: entry '${name}' is not a tensor`);
      if (!shapesEqual(source.shape, target.shape) || source.dtype !== target.dtype) {
        throw new ShapeError(
          `loadStateDict: '${name}' expects ${target.dtype} ${formatShape(target.shape)}, got ${source.dtype} ${formatShape(source.shape)}`,
        );
      }
    }
    noGrad(() => {
      for (const [, target, source] of pairs) target.assign(source.backend === target.backend ? source : source.detach());
    });
    return { missingKeys, unexpectedKeys };
  }
}
