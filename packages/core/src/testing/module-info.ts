import { afterAll, beforeAll, describe, expect, it } from './vitest.js';
import type { Backend, FloatDType, GradcheckOptions, nn } from '@dlkit/core';
import { getBackend, gradcheck, grad, loadSafetensors, manualSeed, noGrad, registerBackend, saveSafetensors, setBackend, Tensor } from '@dlkit/core';
import * as ops from '@dlkit/core';
import { compareValues } from './compare.js';
import { SampleGen, seedFromString } from './sample-gen.js';
import type { SampleInput, Tolerance } from './spec.js';

/** Any module the suite can build and call. */
export type AnyModule = nn.Module<unknown[], unknown>;

/** One construction of a module and one forward call: PyTorch's `ModuleInput`. */
export interface ModuleSample<A = unknown> {
  /** Short description used in test names, e.g. `'Linear(3, 2) on [4, 3]'`. */
  readonly label: string;
  /** The constructor arguments, passed to the row's `create`. */
  readonly args: A;
  /** The tensors `forward` receives; `'float'` inputs follow the dtype under test. */
  readonly inputs: readonly SampleInput[];
}

/**
 * How training and evaluation mode differ for a module:
 * - `'none'`: the same outputs in both, and no buffer changes (Linear, LayerNorm, activations);
 * - `'random'`: training draws random numbers (Dropout): seeded calls repeat, eval calls need no seed;
 * - `'buffers'`: training updates buffers (BatchNorm's running statistics), evaluation reads them only.
 */
export type TrainEvalBehaviour = 'none' | 'random' | 'buffers';

/** A behaviour specific to one module (e.g. Dropout is the identity in eval mode). */
export interface ModuleCheck<M extends AnyModule = AnyModule> {
  /** Short description used in the test name. */
  readonly label: string;
  /** Throws (or fails an `expect`) when the behaviour is broken; runs in float64 on the ts backend. */
  run(module: M, inputs: readonly Tensor[]): void;
}

/**
 * One module in the ModuleInfo table (PyTorch's `module_db`): how to build it, sample
 * constructions with their inputs, and what the suite should expect of it.
 * @example
 * ```ts
 * const linear = defineModule({
 *   name: 'Linear',
 *   create: ([inF, outF]: [number, number], dtype) => new nn.Linear(inF, outF, { dtype }),
 *   samples: (gen) => [{ label: 'Linear(3, 2) on [4, 3]', args: [3, 2], inputs: [gen.uniform([4, 3])] }],
 *   trainEval: 'none',
 * });
 * ```
 */
export interface ModuleInfo<A = unknown, M extends AnyModule = AnyModule> {
  /** The module's name (the describe block's name); by convention its class name. */
  readonly name: string;
  /** Builds the module from a sample's `args`, with parameters of `dtype`. Parameters come from core's seeded generator. */
  create(args: A, dtype: FloatDType): M;
  /** Sample constructions and inputs, drawn from a generator seeded by the row's name. */
  samples(gen: SampleGen): readonly ModuleSample<A>[];
  /** Calls the module and returns the tensor to check (default `module.forward(...inputs)`, which must be a tensor). */
  call?(module: M, inputs: readonly Tensor[]): Tensor;
  /** How training and evaluation mode differ. */
  readonly trainEval: TrainEvalBehaviour;
  /** Check gradients of parameters and float inputs with float64 `gradcheck` (default true). */
  readonly gradcheck?: boolean;
  /** Options of that `gradcheck`. */
  readonly gradcheckOptions?: GradcheckOptions;
  /** Tolerance of the cross-backend comparison (default `{ atol: 1e-4, rtol: 1e-3 }`, float32). */
  readonly tolerance?: Tolerance;
  /** Behaviours specific to this module. */
  readonly checks?: readonly ModuleCheck<M>[];
}

/**
 * Declares a ModuleInfo row with its argument and module types inferred, and erases them so
 * rows of different modules fit in one table.
 */
export function defineModule<A, M extends AnyModule>(info: ModuleInfo<A, M>): ModuleInfo {
  return info as unknown as ModuleInfo;
}

/** Options of {@link runModuleInfoSuite}. */
export interface ModuleInfoSuiteOptions {
  /** Title of the outer describe block (default `'module info'`). */
  readonly title?: string;
  /**
   * A second backend. Without it the suite runs its ts-backend checks (gradcheck, state dict,
   * train/eval, row checks); with it, only the comparison: every sample's outputs and parameter
   * gradients on this backend (float32, same seeds) must match the ts backend's.
   */
  readonly backend?: () => Backend | Promise<Backend>;
}

const DEFAULT_TOLERANCE: Tolerance = { atol: 1e-4, rtol: 1e-3 };
/** The seed every sample's parameters are drawn with (another for the "other instance"). */
const SEED = 1234;

function createInputs(inputs: readonly SampleInput[], dtype: FloatDType): Tensor[] {
  return inputs.map((input) => ops.tensor(Float64Array.from(input.values), { shape: input.shape, dtype: input.dtype === 'float' ? dtype : input.dtype }));
}

function output(info: ModuleInfo, module: AnyModule, inputs: readonly Tensor[]): Tensor {
  const out = info.call ? info.call(module, inputs) : (module.forward as (...xs: Tensor[]) => unknown).apply(module, [...inputs]);
  if (!(out instanceof Tensor)) throw new Error(`${info.name}: forward returned ${String(out)}, not a tensor; give the row a call(module, inputs) that picks one`);
  return out;
}

function build(info: ModuleInfo, sample: ModuleSample, dtype: FloatDType, seed = SEED): AnyModule {
  manualSeed(seed);
  return info.create(sample.args, dtype);
}

const values = (t: Tensor): number[] => Array.from(t.dataSync());
const snapshot = (module: AnyModule): Record<string, number[]> => Object.fromEntries(module.namedBuffers().map(([name, t]) => [name, values(t)]));

/**
 * Calls the module with `tensors` in place of its parameters (PyTorch's `functional_call`), so
 * that `gradcheck` can differentiate with respect to them; the module's own tensors are put back.
 * A parameter shared by several modules is replaced in each.
 */
function withParameters<T>(module: AnyModule, tensors: readonly Tensor[], fn: () => T): T {
  const index = new Map(module.parameters().map((p, i) => [p, i] as const));
  const slots: { owner: Record<string, unknown>; key: string; original: Tensor }[] = [];
  for (const [, owner] of module.namedModules()) {
    for (const [key, value] of Object.entries(owner)) {
      if (value instanceof Tensor && index.has(value)) slots.push({ owner: owner as unknown as Record<string, unknown>, key, original: value });
    }
  }
  for (const slot of slots) slot.owner[slot.key] = tensors[index.get(slot.original)!];
  try {
    return fn();
  } finally {
    for (const slot of slots) slot.owner[slot.key] = slot.original;
  }
}

/** d(Σ out·w)/dθ for every parameter θ, with fixed weights `w`, in the current backend. */
function parameterGrads(info: ModuleInfo, module: AnyModule, inputs: readonly Tensor[], weights: readonly number[]): Float32Array[] {
  const params = module.parameters();
  if (params.length === 0) return [];
  const objective = (...ps: Tensor[]): Tensor =>
    withParameters(module, ps, () => ops.sum(ops.mul(ops.flatten(output(info, module, inputs)), ops.tensor(Float32Array.from(weights)))));
  return grad(objective)(params.map((p) => p.detach())).map((g) => Float32Array.from(g.dataSync()));
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: Tolerance | 'exact', what: string): void {
  const problem = compareValues(actual, expected, tolerance);
  if (problem !== null) throw new Error(`${what}: ${problem}`);
}

/**
 * Defines the vitest suite of the ModuleInfo table `rows`. For every row × sample, on the ts
 * backend:
 *
 * - **gradcheck** (float64): autograd's d(Σ out·w)/dθ for every parameter θ and float input
 *   against central finite differences (core's `gradcheck`), in training mode (random modules
 *   reseeded per call) and in eval mode;
 * - **state dict**: a second instance (other seed) loaded with the first's state dict — directly
 *   and through a safetensors round trip — gives the same outputs, after a training-mode call
 *   changed any buffers; the keys are the same on both;
 * - **train/eval**: per {@link TrainEvalBehaviour}; every module is deterministic in eval mode and
 *   leaves its buffers alone there;
 * - the row's own checks.
 *
 * With `options.backend`, instead: the same samples built with the same seeds on that backend give
 * the ts backend's outputs (eval and seeded training mode) and parameter gradients in float32.
 *
 * Domain packages add their layers by calling it with their own rows.
 * @example
 * ```ts
 * // packages/core/test/modules.test.ts
 * runModuleInfoSuite(moduleDb);
 * // packages/backend-tfjs/test/modules.test.ts
 * runModuleInfoSuite(moduleDb, { backend: () => tfjsBackend({ engine: 'cpu' }) });
 * ```
 */
export function runModuleInfoSuite(rows: readonly ModuleInfo[], options: ModuleInfoSuiteOptions = {}): void {
  describe(options.title ?? 'module info', () => {
    if (options.backend) {
      describeCrossBackend(rows, options.backend);
      return;
    }
    for (const info of rows) {
      describe(info.name, () => {
        for (const sample of info.samples(new SampleGen(seedFromString(info.name)))) describeSample(info, sample);
      });
    }
  });
}

function describeSample(info: ModuleInfo, sample: ModuleSample): void {
  if (info.gradcheck ?? true) {
    for (const mode of ['train', 'eval'] as const) {
      it(`${sample.label}: gradcheck float64 (${mode} mode)`, () => {
        const module = build(info, sample, 'float64');
        module.train(mode === 'train');
        const inputs = createInputs(sample.inputs, 'float64');
        const floatPositions = sample.inputs.flatMap((input, i) => (input.dtype === 'float' ? [i] : []));
        const params = module.parameters();
        if (params.length === 0 && floatPositions.length === 0) return;
        const fn = (...vars: Tensor[]): Tensor => {
          const args = [...inputs];
          floatPositions.forEach((p, k) => (args[p] = vars[params.length + k]!));
          manualSeed(SEED + 1); // the same dropout mask on every call
          return withParameters(module, vars.slice(0, params.length), () => output(info, module, args));
        };
        const check = gradcheck(fn, [...params, ...floatPositions.map((p) => inputs[p]!)], info.gradcheckOptions);
        if (!check.ok) {
          const names = [...module.namedParameters().map(([n]) => n), ...floatPositions.map((p) => `input ${p}`)];
          const bad = check.inputs.filter((r) => !r.ok).map((r) => `${names[r.input]} (max error ${r.maxAbsError.toExponential(2)})`);
          throw new Error(`gradcheck failed for ${bad.join(', ')}`);
        }
      });
    }
  }

  it(`${sample.label}: state dict round trip (direct and safetensors) gives the same outputs`, () => {
    const source = build(info, sample, 'float32');
    const inputs = createInputs(sample.inputs, 'float32');
    manualSeed(SEED + 2);
    noGrad(() => output(info, source.train(), inputs)); // changes running statistics, if any
    source.eval();
    const expected = values(noGrad(() => output(info, source, inputs)));
    const state = source.stateDict();
    for (const copy of [state, loadSafetensors(saveSafetensors(state)).tensors]) {
      const target = build(info, sample, 'float32', SEED + 3).eval();
      expect(Object.keys(target.stateDict()).sort()).toEqual(Object.keys(state).sort());
      target.loadStateDict(copy);
      expectClose(values(noGrad(() => output(info, target, inputs))), expected, 'exact', 'outputs after loading the state dict');
    }
  });

  it(`${sample.label}: train/eval behaviour (${info.trainEval})`, () => {
    const module = build(info, sample, 'float32');
    const inputs = createInputs(sample.inputs, 'float32');
    const run = (mode: 'train' | 'eval', seed?: number): { out: number[]; buffersChanged: boolean } => {
      module.train(mode === 'train');
      const before = snapshot(module);
      if (seed !== undefined) manualSeed(seed);
      const out = values(noGrad(() => output(info, module, inputs)));
      return { out, buffersChanged: JSON.stringify(snapshot(module)) !== JSON.stringify(before) };
    };
    const evalA = run('eval', 1);
    const evalB = run('eval', 2);
    expect(evalB.out, 'eval mode is deterministic').toEqual(evalA.out);
    expect(evalA.buffersChanged || evalB.buffersChanged, 'eval mode leaves buffers alone').toBe(false);
    const train = run('train', 3);
    if (info.trainEval === 'none') {
      expectClose(train.out, evalA.out, 'exact', 'training-mode outputs equal eval-mode ones');
      expect(train.buffersChanged, 'training mode leaves buffers alone').toBe(false);
    } else if (info.trainEval === 'random') {
      expect(run('train', 3).out, 'seeded training calls repeat').toEqual(train.out);
      expect(run('train', 4).out, 'another seed draws other random numbers').not.toEqual(train.out);
      expect(train.buffersChanged).toBe(false);
    } else {
      expect(train.buffersChanged, 'training mode updates buffers').toBe(true);
      expect(run('eval').out, 'eval mode reads the updated buffers').not.toEqual(evalA.out);
    }
  });

  for (const check of info.checks ?? []) {
    it(`${sample.label}: ${check.label}`, () => {
      const module = build(info, sample, 'float64');
      check.run(module, createInputs(sample.inputs, 'float64'));
    });
  }
}

function describeCrossBackend(rows: readonly ModuleInfo[], factory: () => Backend | Promise<Backend>): void {
  let other: Backend | undefined;
  let previous: string | undefined;
  beforeAll(async () => {
    other = await factory();
    previous = getBackend().name;
    registerBackend(other);
  });
  afterAll(() => {
    if (previous !== undefined) setBackend(previous);
  });
  const on = <T>(name: string, fn: () => T): T => {
    const before = getBackend().name;
    setBackend(name);
    try {
      return fn();
    } finally {
      setBackend(before);
    }
  };

  for (const info of rows) {
    describe(info.name, () => {
      const gen = new SampleGen(seedFromString(info.name));
      for (const sample of info.samples(gen)) {
        it(`${sample.label}: outputs and parameter gradients match the ts backend's`, () => {
          const name = other!.name;
          const run = (backend: string): { evalOut: number[]; trainOut: number[]; grads: Float32Array[] } =>
            on(backend, () => {
              const module = build(info, sample, 'float32');
              const inputs = createInputs(sample.inputs, 'float32');
              const evalOut = values(noGrad(() => output(info, module.eval(), inputs)));
              module.train();
              manualSeed(SEED + 1);
              const out = output(info, module, inputs);
              const stray = [...module.parameters(), out].find((t) => t.backend.name !== backend);
              if (stray) throw new Error(`a tensor of ${info.name} lives on '${stray.backend.name}', not on '${backend}'`);
              const weights = Array.from({ length: out.size }, (_, i) => Math.sin(i + 1));
              manualSeed(SEED + 1);
              return { evalOut, trainOut: values(out), grads: parameterGrads(info, module, inputs, weights) };
            });
          const mine = run(name);
          const expected = run('ts');
          const tol = info.tolerance ?? DEFAULT_TOLERANCE;
          expectClose(mine.evalOut, expected.evalOut, tol, `eval-mode outputs on '${name}'`);
          expectClose(mine.trainOut, expected.trainOut, tol, `training-mode outputs on '${name}'`);
          mine.grads.forEach((g, k) => expectClose(g, expected.grads[k]!, tol, `gradient of parameter ${k} on '${name}'`));
        });
      }
    });
  }
}
