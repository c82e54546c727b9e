import { afterAll, beforeAll, describe, expect, it } from './vitest.js';
import type { Backend } from '@dlkit/core';
import { getBackend, registerBackend, setBackend } from '@dlkit/core';
import { tsBackend } from '@dlkit/core';
import { grad } from '@dlkit/core';
import { gradcheck, gradgradcheck, type GradcheckResult } from '@dlkit/core';
import { noGrad } from '@dlkit/core';
import { DTYPES, isFloat, type DType, type FloatDType } from '@dlkit/core';
import { BackendError, DTypeError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import type { Tensor } from '@dlkit/core';
import { assertClose, compareValues } from './compare.js';
import { nd, type NdArray } from './reference/array.js';
import { SampleGen, seedFromString } from './sample-gen.js';
import { DEFAULT_GRAD_TOLERANCE, DEFAULT_TOLERANCES, type OpSample, type OpSpec, type SampleInput, type Tolerance } from './spec.js';
import { opSpecs } from './specs/index.js';

/**
 * What a backend can do, as far as the conformance suite needs to know. Tests a backend cannot
 * run are left out because of what it declares here, never by test name.
 */
export interface BackendCaps {
  /**
   * The dtypes the backend stores (must equal `backend.dtypes`), e.g. `['float32', 'int32', 'bool']`
   * for tfjs. Without float64, forward values are checked in float32 only and first- and
   * second-order gradients are compared with the ts backend's float32 ones instead of float64
   * `gradcheck` and `gradgradcheck`.
   */
  readonly dtypes: readonly DType[];
  /** Multiplies every float tolerance (default 1), for backends whose float math is looser (GPU). */
  readonly toleranceScale?: number;
  /**
   * Whether int32 values are exact over the whole int32 range (default true). `false` declares a
   * backend that keeps int32 in float32 storage (TensorFlow.js's webgl engine: exact only for
   * |x| ≤ 2²⁴); the suite then leaves out the checks of values beyond that range.
   */
  readonly exactInt32?: boolean;
}

/** Options of {@link runBackendConformance}. */
export interface ConformanceOptions {
  /** The specs to run (default: the whole {@link opSpecs} table). */
  readonly specs?: readonly OpSpec[];
  /** Title of the outer describe block (default `'backend conformance'`). */
  readonly title?: string;
}

type Outputs = Tensor | Tensor[];

const toList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const resolveDType = (input: SampleInput, float: FloatDType): DType => (input.dtype === 'float' ? float : input.dtype);

/** Creates a sample input as a tensor on the current backend. */
function createInput(input: SampleInput, float: FloatDType): Tensor {
  return ops.tensor(Float64Array.from(input.values), { shape: input.shape, dtype: resolveDType(input, float) });
}

/** The same sample input as a reference array (values converted exactly as the backend stores them). */
function refInput(input: SampleInput, float: FloatDType): NdArray {
  return nd(input.shape, input.values, resolveDType(input, float));
}

/** One float tensor from an op's outputs, so that multi-output ops (split) can be differentiated. */
function combine(outputs: Outputs): Tensor {
  const list = toList(outputs);
  return list.length === 1 ? list[0]! : ops.concat(list.map((t) => ops.flatten(t)));
}

function withBackend<T>(name: string, fn: () => T): T {
  const previous = getBackend().name;
  setBackend(name);
  try {
    return fn();
  } finally {
    setBackend(previous);
  }
}

function scaled(tolerance: Tolerance, scale: number): Tolerance {
  return { atol: tolerance.atol * scale, rtol: tolerance.rtol * scale };
}

/** The dtypes a sample or error case needs: its inputs' ('float' needs float32) and any declared. */
function requiredDTypes(inputs: readonly SampleInput[], requires: readonly DType[] = []): DType[] {
  return [...inputs.map((i) => (i.dtype === 'float' ? 'float32' : i.dtype)), ...requires];
}

/** Input positions that gradients are checked for: the spec's differentiable ones holding float inputs. */
function gradPositions(spec: OpSpec, sample: OpSample): number[] {
  const floats = sample.inputs.flatMap((input, i) => (input.dtype === 'float' ? [i] : []));
  return spec.differentiable === 'all' ? floats : spec.differentiable.filter((p) => floats.includes(p));
}

/** Whether the reference result is float (integer and bool results have no gradient). */
function floatResult(spec: OpSpec, sample: OpSample): { float: boolean; size: number } {
  try {
    const out = toList(spec.reference(sample.inputs.map((i) => refInput(i, 'float64')), sample.args));
    return { float: out.every((o) => isFloat(o.dtype)), size: out.reduce((n, o) => n + o.data.length, 0) };
  } catch {
    return { float: false, size: 0 };
  }
}

/**
 * Defines the vitest suite that checks a backend against the op-spec table:
 *
 * - the backend is created by `factory`, registered and selected before the tests, and the
 *   previous backend restored after them;
 * - tensor behaviour: creation and `dataSync`/`data` round trips per supported dtype, DTypeErrors
 *   for unsupported dtypes, int32 and bool semantics, size-0 tensors, gradients on the backend;
 * - for every spec × sample: forward values against the float64 reference within the spec's
 *   tolerance, in float32 and (when `caps.dtypes` has it) float64, with the result's dtype and
 *   shape, the output on this backend, and the inputs left unchanged;
 * - for differentiable specs: float64 `gradcheck` and `gradgradcheck` (double backward) when
 *   the backend has float64, else the backend's float32 first- and second-order gradients
 *   against the ts backend's;
 * - every error input raises its declared error class with a matching message;
 * - every property check (e.g. seeded dropout) in each supported float dtype.
 *
 * @example
 * ```ts
 * // packages/backend-tfjs/test/conformance.test.ts
 * import { runBackendConformance } from '@dlkit/core/testing';
 * runBackendConformance(() => tfjsBackend({ engine: 'cpu' }), { dtypes: ['float32', 'int32', 'bool'] });
 * ```
 */
export function runBackendConformance(factory: () => Backend | Promise<Backend>, caps: BackendCaps, options: ConformanceOptions = {}): void {
  const specs = options.specs ?? opSpecs;
  const scale = caps.toleranceScale ?? 1;
  const floats = (['float32', 'float64'] as const).filter((d) => caps.dtypes.includes(d));
  const supports = (dtypes: readonly DType[]): boolean => dtypes.every((d) => caps.dtypes.includes(d));
  let backend: Backend | undefined;
  let previous: string | undefined;
  const current = (): Backend => {
    if (backend === undefined) throw new Error('runBackendConformance: the backend factory has not run');
    return backend;
  };

  describe(options.title ?? 'backend conformance', () => {
    beforeAll(async () => {
      const created = await factory();
      previous = getBackend().name;
      registerBackend(created);
      setBackend(created.name);
      backend = created;
    });
    afterAll(() => {
      if (previous !== undefined) setBackend(previous);
    });

    describeTensors(caps, current);

    for (const spec of specs) {
      describe(spec.name, () => {
        const gen = new SampleGen(seedFromString(spec.name));
        for (const sample of spec.samples(gen)) {
          if (!supports(requiredDTypes(sample.inputs, sample.requires))) continue;
          if (sample.exactInt32 && caps.exactInt32 === false) continue;
          const hasFloat = sample.inputs.some((i) => i.dtype === 'float');
          for (const dtype of hasFloat ? floats : (['float32'] as const)) {
            it(`${sample.label}: forward${hasFloat ? ` ${dtype}` : ''}`, () => {
              checkForward(spec, sample, dtype, scale, current());
            });
          }
          const positions = gradPositions(spec, sample);
          const result = floatResult(spec, sample);
          if (sample.grad === false || positions.length === 0 || !result.float || !hasFloat) continue;
          if (caps.dtypes.includes('float64')) {
            const differentiated = (): [(...vars: Tensor[]) => Tensor, Tensor[]] => {
              const inputs = sample.inputs.map((i) => createInput(i, 'float64'));
              const fn = (...vars: Tensor[]): Tensor => {
                const args = [...inputs];
                positions.forEach((p, k) => (args[p] = vars[k]!));
                return combine(spec.op(args, sample.args));
              };
              return [fn, positions.map((p) => inputs[p]!)];
            };
            it(`${sample.label}: gradcheck float64`, () => {
              const [fn, vars] = differentiated();
              assertChecked('gradcheck', spec.name, positions, gradcheck(fn, vars, spec.gradcheck));
            });
            if (sample.gradgrad !== false) {
              it(`${sample.label}: gradgradcheck float64`, () => {
                const [fn, vars] = differentiated();
                assertChecked('gradgradcheck', spec.name, positions, gradgradcheck(fn, vars, spec.gradcheck));
              });
            }
          } else {
            const weights = Array.from({ length: result.size }, () => gen.next(-1, 1));
            // Weights of the first-order gradients for the second-order check (own generator: the spec's draws stay as they were).
            const gradGen = new SampleGen(seedFromString(`${spec.name}/${sample.label}/second order`));
            const gradWeights = positions.map((p) => Array.from(sample.inputs[p]!.values, () => gradGen.next(-1, 1)));
            /** Σ weights ⊙ op(inputs) and its gradients (order 1), or the gradient of Σ gradWeights ⊙ those gradients (order 2, double backward). */
            const gradsOn = (name: string, order: 1 | 2): Float32Array[] =>
              withBackend(name, () => {
                const inputs = sample.inputs.map((i) => createInput(i, 'float32'));
                const w = ops.tensor(Float32Array.from(weights));
                const objective = (...vars: Tensor[]): Tensor => {
                  const args = [...inputs];
                  positions.forEach((p, k) => (args[p] = vars[k]!));
                  return ops.sum(ops.mul(ops.flatten(combine(spec.op(args, sample.args))), w));
                };
                const projected = (...vars: Tensor[]): Tensor =>
                  grad(objective, { createGraph: true })(vars)
                    .map((g, k) => ops.sum(ops.mul(ops.flatten(g), ops.tensor(Float32Array.from(gradWeights[k]!)))))
                    .reduce((a, b) => ops.add(a, b));
                const vars = positions.map((p) => inputs[p]!);
                return grad(order === 1 ? objective : projected)(vars).map((g) => Float32Array.from(g.dataSync()));
              });
            for (const order of sample.gradgrad === false ? ([1] as const) : ([1, 2] as const)) {
              it(`${sample.label}: float32 ${order === 1 ? 'gradients' : 'second-order gradients'} match the ts backend's`, () => {
                const mine = gradsOn(current().name, order);
                const expected = gradsOn('ts', order);
                const tol = scaled(spec.gradTolerance ?? DEFAULT_GRAD_TOLERANCE, scale);
                mine.forEach((g, k) => {
                  const problem = compareValues(g, expected[k]!, tol);
                  if (problem !== null) throw new Error(`${order === 1 ? 'gradient' : 'second-order gradient'} of input ${positions[k]}: ${problem}`);
                });
              });
            }
          }
        }
        for (const error of spec.errors?.(gen) ?? []) {
          if (!supports(requiredDTypes(error.inputs, error.requires))) continue;
          it(`rejects ${error.label}`, () => {
            const inputs = error.inputs.map((i) => createInput(i, 'float32'));
            let caught: unknown;
            try {
              if (error.call) error.call(inputs);
              else spec.op(inputs, error.args);
            } catch (e) {
              caught = e;
            }
            expect(caught, `expected ${error.error.name}`).toBeInstanceOf(error.error);
            expect((caught as Error).message).toMatch(error.message);
          });
        }
        for (const check of spec.checks ?? []) {
          for (const dtype of floats) {
            it(`${check.label} (${dtype})`, async () => {
              await check.run({ dtype, gen: new SampleGen(seedFromString(`${spec.name}/${check.label}`)) });
            });
          }
        }
      });
    }
  });
}

/**
 * Throws, naming the op, each failing input (its position in the sample; `gradOutput` for the
 * upstream gradient that gradgradcheck also differentiates) and its worst element.
 */
function assertChecked(check: string, op: string, positions: readonly number[], result: GradcheckResult): void {
  if (result.ok) return;
  const failures = result.inputs
    .filter((r) => !r.ok)
    .map((r) => {
      const name = r.input < positions.length ? `input ${positions[r.input]}` : 'gradOutput';
      const { index, analytic, numeric } = r.worst;
      return `${name}: max |analytic - numeric| ${r.maxAbsError.toExponential(3)} at element ${index} (analytic ${analytic}, numeric ${numeric})`;
    });
  throw new Error(`${check} failed for '${op}': ${failures.join('; ')}`);
}

function checkForward(spec: OpSpec, sample: OpSample, dtype: FloatDType, scale: number, backend: Backend): void {
  const inputs = sample.inputs.map((i) => createInput(i, dtype));
  const before = inputs.map((t) => Float64Array.from(t.dataSync()));
  const outputs = toList(noGrad(() => spec.op(inputs, sample.args)));
  const expected = toList(spec.reference(sample.inputs.map((i) => refInput(i, dtype)), sample.args));
  if (outputs.length !== expected.length) throw new Error(`expected ${expected.length} outputs, got ${outputs.length}`);
  outputs.forEach((out, k) => {
    if (out.backend !== backend) throw new Error(`output ${k} lives on backend '${out.backend.name}', expected '${backend.name}'`);
    const tolerance = isFloat(out.dtype)
      ? scaled({ ...DEFAULT_TOLERANCES[out.dtype], ...spec.tolerance?.[out.dtype], ...sample.tolerance?.[out.dtype] }, scale)
      : undefined;
    assertClose(out, expected[k]!, tolerance, outputs.length > 1 ? `output ${k}` : 'result');
  });
  inputs.forEach((t, k) => {
    const problem = compareValues(t.dataSync(), before[k]!, 'exact');
    if (problem !== null) throw new Error(`input ${k} was changed by the op: ${problem}`);
  });
}

const ROUND_TRIP: Record<DType, readonly number[]> = {
  float32: [0, -1.5, 3.25, 1e-30, -65504, 3.4e38, Infinity, -Infinity, NaN, -0.1],
  float64: [0, 1 + 2 ** -40, -1e300, 5e-324, 0.1, Infinity, -Infinity, NaN, -2.5, 123456789.123],
  int32: [0, 1, -1, 2147483647, -2147483648, 16777217, -7, 42, 100000, 3],
  bool: [1, 0, 1, 1, 0, 0, 1, 0, 0, 1],
};

const ARRAY_TYPE: Record<DType, new (n: number) => ArrayLike<number>> = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  bool: Uint8Array,
};

/** Backend behaviour that is not one op: creation, read-back, dtypes, int32/bool semantics, size-0 tensors. */
function describeTensors(caps: BackendCaps, current: () => Backend): void {
  describe('tensors', () => {
    it('caps.dtypes lists exactly the dtypes the backend stores', () => {
      expect([...current().dtypes].sort()).toEqual([...caps.dtypes].sort());
    });

    for (const dtype of DTYPES) {
      if (!caps.dtypes.includes(dtype)) {
        it(`${dtype}: creating or casting to it raises a DTypeError naming the backend`, () => {
          const name = current().name;
          expect(() => ops.tensor([1, 2], { dtype })).toThrow(DTypeError);
          expect(() => ops.tensor([1, 2], { dtype })).toThrow(new RegExp(`backend '${name}' cannot store ${dtype}`));
          expect(() => ops.cast(ops.tensor([1, 0]), dtype)).toThrow(new RegExp(`cast: backend '${name}' cannot store ${dtype}`));
        });
        continue;
      }
      const values = ROUND_TRIP[dtype];
      const stored = Float64Array.from(values, (v) => nd([], [v], dtype).data[0]!);
      it(`${dtype}: tensor → dataSync round trip keeps shape, dtype and values`, () => {
        const t = ops.tensor(Float64Array.from(values), { shape: [2, 5], dtype });
        expect(t.dtype).toBe(dtype);
        expect([...t.shape]).toEqual([2, 5]);
        expect(t.backend).toBe(current());
        const data = t.dataSync();
        expect(data).toBeInstanceOf(ARRAY_TYPE[dtype]);
        expect(compareValues(data, stored, 'exact')).toBeNull();
      });
      it(`${dtype}: data() resolves to the dataSync() values`, async () => {
        const t = ops.tensor(Float64Array.from(values), { shape: [5, 2], dtype });
        const data = await t.data();
        expect(data).toBeInstanceOf(ARRAY_TYPE[dtype]);
        expect(compareValues(data, stored, 'exact')).toBeNull();
      });
      it(`${dtype}: dataSync returns a copy that does not alias the tensor`, () => {
        const t = ops.tensor(Float64Array.from(values), { shape: [10], dtype });
        const first = t.dataSync();
        first.fill(0);
        expect(compareValues(t.dataSync(), stored, 'exact')).toBeNull();
      });
      it(`${dtype}: scalars, full, zeros and size-0 tensors`, () => {
        const s = ops.scalar(dtype === 'bool' ? true : 3, { dtype });
        expect([...s.shape]).toEqual([]);
        expect(s.item()).toBe(dtype === 'bool' ? 1 : 3);
        const filled = ops.full([2, 2], dtype === 'bool' ? true : 7, { dtype });
        expect(Array.from(filled.dataSync())).toEqual(new Array(4).fill(dtype === 'bool' ? 1 : 7));
        const empty = ops.zeros([0, 3], { dtype });
        expect([...empty.shape]).toEqual([0, 3]);
        expect(empty.dataSync().length).toBe(0);
        expect(ops.reshape(empty, [3, 0, 5]).dataSync().length).toBe(0);
      });
      it(`${dtype}: toArray() nests values by shape`, () => {
        const t = ops.tensor(Float64Array.from([1, 0, 1, 1, 0, 1]), { shape: [2, 3], dtype });
        const one = dtype === 'bool' ? true : 1;
        const zero = dtype === 'bool' ? false : 0;
        expect(t.toArray()).toEqual([[one, zero, one], [one, zero, one]]);
      });
    }

    if (caps.dtypes.includes('int32') && caps.exactInt32 !== false) {
      it('int32: arithmetic and sums are exact beyond float32 precision', () => {
        const a = ops.tensor([16777216, 2147483000, -5], { dtype: 'int32' });
        const b = ops.tensor([1, 600, 3], { dtype: 'int32' });
        expect(Array.from(ops.add(a, b).dataSync())).toEqual([16777217, 2147483600, -2]);
        expect(Array.from(ops.sub(a, b).dataSync())).toEqual([16777215, 2147482400, -8]);
        expect(ops.sum(ops.tensor([16777216, 1, 1], { dtype: 'int32' })).item()).toBe(16777218);
        expect(ops.sum(a).dtype).toBe('int32');
        expect(ops.max(a).item()).toBe(2147483000);
      });
      it('int32: division is true division in float32; a fractional number promotes to float32', () => {
        const q = ops.div(ops.tensor([7, -7, 1], { dtype: 'int32' }), ops.tensor([2, 2, 3], { dtype: 'int32' }));
        expect(q.dtype).toBe('float32');
        expect(compareValues(q.dataSync(), [3.5, -3.5, 1 / 3], { atol: 1e-7, rtol: 1e-6 })).toBeNull();
        const p = ops.add(ops.tensor([1, 2], { dtype: 'int32' }), 0.5);
        expect(p.dtype).toBe('float32');
        expect(Array.from(p.dataSync())).toEqual([1.5, 2.5]);
        expect(ops.add(ops.tensor([1, 2], { dtype: 'int32' }), 2).dtype).toBe('int32');
      });
      it('int32: casts from float truncate toward zero', () => {
        const t = ops.cast(ops.tensor([-2.9, -0.5, 0.5, 2.9, 1e9]), 'int32');
        expect(Array.from(t.dataSync())).toEqual([-2, 0, 0, 2, 1e9]);
      });
    }

    if (caps.dtypes.includes('bool')) {
      it('bool: truth tables of logicalAnd / logicalOr / logicalNot', () => {
        const a = ops.tensor([true, true, false, false]);
        const b = ops.tensor([true, false, true, false]);
        expect(ops.logicalAnd(a, b).toArray()).toEqual([true, false, false, false]);
        expect(ops.logicalOr(a, b).toArray()).toEqual([true, true, true, false]);
        expect(ops.logicalNot(a).toArray()).toEqual([false, false, true, true]);
        expect(ops.equal(a, b).toArray()).toEqual([true, false, false, true]);
      });
      it('bool: comparisons feed where, sums count as int32, casts give 0/1', () => {
        const x = ops.tensor([-2, 0.5, 3, -0.1]);
        const positive = ops.greater(x, 0);
        expect(positive.dtype).toBe('bool');
        expect(Array.from(ops.where(positive, x, 0).dataSync())).toEqual([0, 0.5, 3, 0]);
        const count = ops.sum(positive);
        if (caps.dtypes.includes('int32')) {
          expect(count.dtype).toBe('int32');
          expect(count.item()).toBe(2);
        }
        expect(Array.from(ops.cast(positive, 'float32').dataSync())).toEqual([0, 1, 1, 0]);
      });
    }

    it('creation functions: arange, linspace, eye, zerosLike, onesLike', () => {
      expect(Array.from(ops.arange(0, 1, 0.25).dataSync())).toEqual([0, 0.25, 0.5, 0.75]);
      expect(Array.from(ops.linspace(-1, 1, 5).dataSync())).toEqual([-1, -0.5, 0, 0.5, 1]);
      expect(ops.eye(2, 3).toArray()).toEqual([[1, 0, 0], [0, 1, 0]]);
      const x = ops.tensor([[1, 2, 3]]);
      expect(ops.zerosLike(x).toArray()).toEqual([[0, 0, 0]]);
      expect(ops.onesLike(x).backend).toBe(current());
      for (const t of [ops.arange(3), ops.linspace(0, 1, 3), ops.eye(2), ops.zerosLike(x)]) expect(t.backend).toBe(current());
    });

    it('seeded random values equal the ts backend\'s (one generator for every backend)', () => {
      const draw = (): ArrayLike<number>[] => [
        ops.rand([3, 4], { seed: 5 }).dataSync(),
        ops.randn([3, 4], { seed: 6, mean: 1, std: 2 }).dataSync(),
        ops.bernoulli([3, 4], 0.3, { seed: 7 }).dataSync(),
        ...(caps.dtypes.includes('int32') ? [ops.randint(-3, 9, [3, 4], { seed: 8 }).dataSync()] : []),
      ];
      const mine = draw();
      const theirs = withBackend('ts', draw);
      mine.forEach((values, k) => expect(compareValues(values, theirs[k]!, 'exact')).toBeNull());
    });

    it('size-0 tensors flow through elementwise ops, reductions, matmul and concat', () => {
      const empty = ops.zeros([0, 3]);
      expect([...ops.relu(ops.add(empty, 1)).shape]).toEqual([0, 3]);
      expect(Array.from(ops.sum(empty, 0).dataSync())).toEqual([0, 0, 0]);
      const product = ops.matmul(ops.zeros([2, 0]), ops.zeros([0, 3]));
      expect([...product.shape]).toEqual([2, 3]);
      expect(Array.from(product.dataSync())).toEqual([0, 0, 0, 0, 0, 0]);
      expect([...ops.concat([empty, ops.ones([1, 3])]).shape]).toEqual([1, 3]);
      expect([...ops.softmax(empty).shape]).toEqual([0, 3]);
    });

    it('autograd: gradients are computed on this backend', () => {
      const x = ops.tensor([1, -2, 3], { requiresGrad: true });
      ops.sum(ops.mul(x, x)).backward();
      expect(x.grad?.backend).toBe(current());
      expect(Array.from(x.grad!.dataSync())).toEqual([2, -4, 6]);
    });

    it('tensors of another backend cannot be mixed in', () => {
      const under = current();
      const other = { ...tsBackend, name: 'conformance-other' } as Backend;
      registerBackend(other);
      setBackend(other.name);
      const foreign = ops.tensor([1, 2]);
      setBackend(under.name);
      expect(() => ops.add(foreign, ops.tensor([1, 2]))).toThrow(BackendError);
      expect(() => ops.add(foreign, ops.tensor([1, 2]))).toThrow(/different backends/);
    });
  });
}
