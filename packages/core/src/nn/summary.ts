import { Tensor } from '../tensor.js';
import { noGrad } from '../autograd/grad-mode.js';
import { zeros } from '../ops/creation.js';
import type { Module } from './module.js';
import { formatShape } from '../shape.js';

/** One row of a {@link ModelSummary}. */
export interface SummaryRow {
  /** Dotted name of the module (`''` for the root). */
  readonly name: string;
  /** Class name, e.g. `Linear`. */
  readonly type: string;
  /** Output shape with the batch dim shown as -1. */
  readonly outputShape: readonly number[] | null;
  /** Parameters held directly by this module. */
  readonly params: number;
}

/** What {@link summarize} found: rows plus totals; `toString()` renders the Keras-style table. */
export interface ModelSummary {
  readonly rows: readonly SummaryRow[];
  readonly totalParams: number;
  readonly trainableParams: number;
  toString(): string;
}

function directParams(module: Module<unknown[], unknown>): Tensor[] {
  const own = new Set(module.parameters());
  for (const [, child] of module.namedChildren()) for (const p of child.parameters()) own.delete(p);
  return [...own];
}

/**
 * Runs one forward pass on zeros of `[1, ...inputShape]` (eval mode, no grad) and records each
 * module's output shape and parameter count: Keras' `model.summary()`.
 */
export function summarize(model: Module<unknown[], unknown>, inputShape: readonly number[]): ModelSummary {
  const modules = model.namedModules();
  const shapes = new Map<Module<unknown[], unknown>, readonly number[]>();
  const restore: (() => void)[] = [];
  for (const [, module] of modules) {
    const original = module.forward;
    module.forward = (...args: unknown[]) => {
      const out = original.apply(module, args);
      if (out instanceof Tensor) shapes.set(module, [-1, ...out.shape.slice(1)]);
      return out;
    };
    restore.push(() => Reflect.deleteProperty(module, 'forward'));
  }
  const wasTraining = model.training;
  try {
    model.eval();
    noGrad(() => model.forward(zeros([1, ...inputShape])));
  } finally {
    restore.forEach((undo) => undo());
    model.train(wasTraining);
  }
  const rows: SummaryRow[] = modules
    // Leaves and modules with parameters of their own; pure containers add no information.
    .filter(([, module]) => module.namedChildren().length === 0 || directParams(module).length > 0)
    .map(([name, module]) => ({
      name,
      type: module.constructor.name,
      outputShape: shapes.get(module) ?? null,
      params: directParams(module).reduce((n, p) => n + p.size, 0),
    }));
  const parameters = model.parameters();
  const totalParams = parameters.reduce((n, p) => n + p.size, 0);
  const trainableParams = parameters.filter((p) => p.requiresGrad).reduce((n, p) => n + p.size, 0);
  return { rows, totalParams, trainableParams, toString: () => renderSummary(model, rows, totalParams, trainableParams) };
}

function renderSummary(model: Module<unknown[], unknown>, rows: readonly SummaryRow[], total: number, trainable: number): string {
  const table = [['Layer (type)', 'Output Shape', 'Param #'], ...rows.map((r) => [
    `${r.name || '(root)'} (${r.type})`,
    r.outputShape ? formatShape(r.outputShape) : '-',
    r.params.toLocaleString('en-US'),
  ])];
  const widths = [0, 1, 2].map((c) => Math.max(...table.map((row) => row[c]!.length)) + 2);
  const line = (row: string[]): string => row.map((cell, c) => (c === 2 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('');
  const rule = '='.repeat(widths.reduce((a, b) => a + b, 0));
  return [
    `Model: ${model.constructor.name}`,
    rule,
    line(table[0]!),
    rule.replace(/=/g, '-'),
    ...table.slice(1).map(line),
    rule,
    `Total params: ${total.toLocaleString('en-US')}`,
    `Trainable params: ${trainable.toLocaleString('en-US')}`,
    `Non-trainable params: ${(total - trainable).toLocaleString('en-US')}`,
  ].join('\n');
}
