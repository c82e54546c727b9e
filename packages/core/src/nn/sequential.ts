import type { Tensor } from '../tensor.js';
import { Module } from './module.js';

/** Any module mapping one tensor to one tensor. */
export type Layer = Module<[Tensor], Tensor>;

/**
 * Runs layers in order; children are named `0`, `1`, … as in PyTorch (`0.weight`).
 * @example const mlp = new Sequential(new Linear(2, 4), new Tanh(), new Linear(4, 1), new Sigmoid());
 */
export class Sequential extends Module {
  /** The layers, in the order `forward` runs them; index `i` is child `'i'`. */
  readonly layers: Layer[];

  /**
   * Chains `layers`, which become children `'0'`, `'1'`, ….
   *
   * @param layers - The layers to chain; each one's output is the next one's input.
   */
  constructor(...layers: Layer[]) {
    super();
    this.layers = layers;
  }

  override namedChildren(): [string, Module<unknown[], unknown>][] {
    return this.layers.map((layer, i) => [String(i), layer as Module<unknown[], unknown>]);
  }

  forward(x: Tensor): Tensor {
    return this.layers.reduce((h, layer) => layer.forward(h), x);
  }
}
