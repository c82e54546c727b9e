import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import type { GradAttrMap } from './gradients.js';

/** The differentiable primitives: each has one entry in the gradient table. */
export type DifferentiableKernel = keyof GradAttrMap;

/**
 * One recorded op of the autograd tape: which primitive made its output from `inputs`, with what
 * attributes. `inputVersions` catches an input changed by `assign` before backward reads it.
 *
 * A backward pass without `retainGraph` releases the nodes it went through: they drop their
 * inputs (the tensors saved for the gradient), so the graph's memory can be reclaimed, and a
 * second pass through them raises instead of silently accumulating again.
 */
export class GradNode<K extends DifferentiableKernel = DifferentiableKernel> {
  readonly inputVersions: readonly number[];
  #inputs: readonly Tensor[] | null;

  constructor(
    readonly kernel: K,
    inputs: readonly Tensor[],
    readonly attrs: GradAttrMap[K],
  ) {
    this.#inputs = inputs;
    this.inputVersions = inputs.map((t) => t.version);
  }

  /** The op's inputs; raises a ValueError once a backward pass has released the node. */
  get inputs(): readonly Tensor[] {
    if (this.#inputs === null) {
      throw new ValueError(
        `backward: trying to backward through the graph a second time: the tensors '${this.kernel}' saved for its gradient were freed by the previous backward(); pass { retainGraph: true } to the first backward() (or gradients()) to backward through the graph again`,
      );
    }
    return this.#inputs;
  }

  /** Whether a backward pass without `retainGraph` already went through (and freed) this node. */
  get isReleased(): boolean {
    return this.#inputs === null;
  }

  /** Drops the saved inputs (called by backward when the graph is not retained). */
  release(): void {
    this.#inputs = null;
  }
}
