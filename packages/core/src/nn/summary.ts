import { Tensor } from '../tensor.js';
import { noGrad } from '../autograd/grad-mode.js';
import { zeros } from '../ops/creation.js';
import type { Module } from './module.js';
import { formatShape } from '../shape.js';
import { ValueError } from '../errors.js';

/**
 * One input of {@link summarize}: a shape without the batch dim (zeros of `[1, ...shape]`,
 * float32, are fed) or a tensor fed as it is (int32 token ids, masks, a real batch).
 */
export type SummaryInput = readonly number[] | Tensor;

/** Options of `Module.summary`. */
export interface SummaryOptions {
  /** Print the table (default true). */
  print?: boolean;
}

/** A parameter held directly by a module, as listed in its {@link SummaryRow}. */
export interface SummaryParameter {
  /** Its state-dict name within the module (`weight`, `w1`). */
  readonly name: string;
  /** Its shape, e.g. `[out, in]` for a Linear weight. */
  readonly shape: readonly number[];
  /** Number of values. */
  readonly size: number;
}

/** One row of a {@link ModelSummary}. */
export interface SummaryRow {
  /** Dotted name of the module (`''` for the root). */
  readonly name: string;
  /** Class name, e.g. `Linear`. */
  readonly type: string;
  /** Output shape with the batch dim shown as -1. */
  readonly outputShape: readonly number[] | null;
  /** Number of parameter values held directly by this module (not by its children). */
  readonly params: number;
  /** Those parameters one by one. */
  readonly parameters: readonly SummaryParameter[];
  /**
   * Multiply–accumulates per example of this module's own work in the forward pass (every call
   * summed), from its `macs` method; null when the module does not count them (activations, pools,
   * containers, a hand-written model's own ops).
   */
  readonly macs: number | null;
}

/** What {@link summarize} found: rows plus totals; `toString()` renders the Keras-style table. */
export interface ModelSummary {
  /** Rows in `namedModules()` order (root first); pure containers with nothing of their own are left out. */
  readonly rows: readonly SummaryRow[];
  /** Number of parameter values in the whole model (`model.parameters()`). */
  readonly totalParams: number;
  /** Those of `totalParams` whose parameter has `requiresGrad`. */
  readonly trainableParams: number;
  /** Multiply–accumulates per example of one forward pass: the sum of the rows' `macs`. */
  readonly totalMacs: number;
  /** The Keras-style table: one row per layer (name, type, output shape, parameters, MACs), then the totals. */
  toString(): string;
}

/** The parameters `module` holds itself, with their names within it (children's excluded). */
function directParams(module: Module<unknown[], unknown>): SummaryParameter[] {
  const inChildren = new Set(module.namedChildren().flatMap(([, child]) => child.parameters()));
  return module.namedParameters()
    .filter(([, p]) => !inChildren.has(p))
    .map(([name, p]) => ({ name, shape: [...p.shape], size: p.size }));
}

/**
 * Runs one forward pass (eval mode, no grad) on `inputs`, one per `forward` argument, and records
 * each module's output shape, parameter count and multiply–accumulates per example (each module's
 * `macs` hook, summed over its calls and divided by the batch size, the first dim of the first
 * input): Keras' `model.summary()`, torchinfo's table with its Mult-Adds column.
 * Rows are the leaf layers and every module that holds parameters or counts MACs itself; a model's
 * own parameters (a hand-written network's `w1`, `b1`, …) are listed one by one under its row.
 * @example summarize(siamese, [8], [8]).totalParams
 */
export function summarize(model: Module<unknown[], unknown>, ...inputs: SummaryInput[]): ModelSummary {
  if (inputs.length === 0) throw new ValueError(`summary: expected an input shape or tensor per forward argument of ${model.constructor.name}, got none`);
  const values = inputs.map((input, i) => {
    if (input instanceof Tensor) return input;
    if (!Array.isArray(input) || !input.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new ValueError(`summary: input ${i} must be a shape (non-negative integers, no batch dim) or a tensor, got ${String(input)}`);
    }
    return zeros([1, ...input]);
  });
  const modules = model.namedModules();
  const shapes = new Map<Module<unknown[], unknown>, readonly number[]>();
  const macs = new Map<Module<unknown[], unknown>, number>();
  const restore: (() => void)[] = [];
  for (const [, module] of modules) {
    const original = module.forward;
    module.forward = (...args: unknown[]) => {
      const out = original.apply(module, args);
      if (out instanceof Tensor) shapes.set(module, [-1, ...out.shape.slice(1)]);
      const count = module.macs(args, out);
      if (count !== null) macs.set(module, (macs.get(module) ?? 0) + count);
      return out;
    };
    restore.push(() => Reflect.deleteProperty(module, 'forward'));
  }
  const modes = modules.map(([, module]) => [module, module.training] as const);
  try {
    model.eval();
    noGrad(() => model.forward(...values));
  } finally {
    restore.forEach((undo) => undo());
    for (const [module, training] of modes) module.training = training;
  }
  // Per example: a module's count covers the whole batch (a reshaped batch inside attention too).
  const batch = Math.max(1, values[0]!.rank > 0 ? values[0]!.shape[0]! : 1);
  const rows: SummaryRow[] = [];
  // A layer's class says what it holds; the tensors of a model or a composite are spelled out.
  const spelledOut = new Set<SummaryRow>();
  for (const [name, module] of modules) {
    const parameters = directParams(module);
    const leaf = module.namedChildren().length === 0;
    const ownMacs = macs.has(module) ? macs.get(module)! / batch : null;
    // Leaves and modules with parameters or MACs of their own; pure containers add no information.
    if (!leaf && parameters.length === 0 && ownMacs === null) continue;
    const row: SummaryRow = {
      name,
      type: module.constructor.name,
      outputShape: shapes.get(module) ?? null,
      params: parameters.reduce((n, p) => n + p.size, 0),
      parameters,
      macs: ownMacs,
    };
    rows.push(row);
    if (name === '' || !leaf) spelledOut.add(row);
  }
  const parameters = model.parameters();
  const totalParams = parameters.reduce((n, p) => n + p.size, 0);
  const trainableParams = parameters.filter((p) => p.requiresGrad).reduce((n, p) => n + p.size, 0);
  const totalMacs = rows.reduce((n, r) => n + (r.macs ?? 0), 0);
  return { rows, totalParams, trainableParams, totalMacs, toString: () => renderSummary(model, rows, spelledOut, totalParams, trainableParams, totalMacs) };
}

function renderSummary(model: Module<unknown[], unknown>, rows: readonly SummaryRow[], spelledOut: ReadonlySet<SummaryRow>, total: number, trainable: number, totalMacs: number): string {
  const count = (n: number): string => n.toLocaleString('en-US');
  const table = [['Layer (type)', 'Output Shape', 'Param #', 'MACs'], ...rows.flatMap((r) => [
    // The root row is the model itself, named by its class (torchinfo's first row).
    [r.name === '' ? r.type : `${r.name} (${r.type})`, r.outputShape ? formatShape(r.outputShape) : '-', count(r.params), r.macs === null ? '-' : count(r.macs)],
    ...(spelledOut.has(r) ? r.parameters.map((p) => [`  └ ${p.name} ${formatShape(p.shape)}`, '', count(p.size), '']) : []),
  ])];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...table.map((row) => row[c]!.length)) + 2);
  const line = (row: string[]): string => row.map((cell, c) => (c >= 2 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('').trimEnd();
  const rule = '='.repeat(widths.reduce((a, b) => a + b, 0));
  return [
    `Model: ${model.constructor.name}`,
    rule,
    line(table[0]!),
    rule.replace(/=/g, '-'),
    ...table.slice(1).map(line),
    rule,
    `Total params: ${count(total)}`,
    `Trainable params: ${count(trainable)}`,
    `Non-trainable params: ${count(total - trainable)}`,
    `MACs per example: ${count(totalMacs)}`,
  ].join('\n');
}
