/**
 * Golden values from PyTorch (tools/fixtures/optim/generate_optim.py → optim-golden.json).
 *
 * Each optimizer case starts from the fixture's W [3, 4], b [3] (float64) and takes six steps on
 * L = mean((tanh(X·Wᵀ + b) − Y)²); dlkit's loss before each step and parameters after it must
 * equal torch's within 1e-6 (absolute below 1, relative above). The same holds for gradient
 * clipping and the learning-rate schedules. No Python is needed to run this.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { noGrad, tensor, type Tensor } from '@dlkit/core';
import {
  Adagrad, Adam, AdamW, clipGradNorm, clipGradValue, cosineDecay, exponentialDecay, linearWarmup, Momentum, RMSprop, SGD, stepDecay,
  type Optimizer, type Schedule,
} from '@dlkit/optim';

interface Encoded { shape: number[]; data: number[] }
interface Step { loss: number; params: Record<'W' | 'b', Encoded> }
interface OptimizerCase {
  name: string;
  optimizer: string;
  options: Record<string, unknown>;
  groups?: ({ params: ('W' | 'b')[] } & Record<string, unknown>)[];
  steps: Step[];
}
interface ClipCase {
  kind: 'norm' | 'value';
  options: { maxNorm?: number; normType?: number | 'inf'; clipValue?: number };
  grads: Record<'W' | 'b', Encoded>;
  clipped: Record<'W' | 'b', Encoded>;
  totalNorm: number | null;
}
interface ScheduleCase { name: string; lr0: number; options: Record<string, number>; lrs: number[] }
interface Golden {
  torch: string;
  problem: Record<'X' | 'Y' | 'W' | 'b', Encoded>;
  cases: OptimizerCase[];
  clip: ClipCase[];
  schedules: ScheduleCase[];
}

const TOL = 1e-6;
const golden = JSON.parse(readFileSync(new URL('../../../tools/fixtures/optim/optim-golden.json', import.meta.url), 'utf8')) as Golden;
const f64 = (e: Encoded, requiresGrad = false): Tensor => tensor(Float64Array.from(e.data), { shape: e.shape, requiresGrad });

/** The largest `|a − b| / max(1, |b|)`. */
function error(actual: ArrayLike<number>, expected: readonly number[]): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.abs(actual[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!));
    if (!(e <= worst)) worst = e; // NaN lands here too
  }
  return worst;
}

const X = f64(golden.problem.X);
const Y = f64(golden.problem.Y);
const lossOf = (W: Tensor, b: Tensor): Tensor => X.matmul(W.transpose()).add(b).tanh().sub(Y).square().mean();

type Factory = (params: ConstructorParameters<typeof SGD>[0], options: Record<string, unknown>) => Optimizer;
const OPTIMIZERS: Record<string, Factory> = {
  SGD: (p, o) => new SGD(p, o),
  Momentum: (p, o) => new Momentum(p as ConstructorParameters<typeof Momentum>[0], o),
  RMSprop: (p, o) => new RMSprop(p as ConstructorParameters<typeof RMSprop>[0], o),
  Adam: (p, o) => new Adam(p as ConstructorParameters<typeof Adam>[0], o),
  AdamW: (p, o) => new AdamW(p as ConstructorParameters<typeof AdamW>[0], o),
  Adagrad: (p, o) => new Adagrad(p as ConstructorParameters<typeof Adagrad>[0], o),
};

function setup(c: OptimizerCase): { W: Tensor; b: Tensor; optimizer: Optimizer } {
  const W = f64(golden.problem.W, true);
  const b = f64(golden.problem.b, true);
  const byName = { W, b };
  const params = c.groups ? c.groups.map(({ params: names, ...rest }) => ({ ...rest, params: names.map((n) => byName[n]) })) : [W, b];
  return { W, b, optimizer: OPTIMIZERS[c.optimizer]!(params, c.options) };
}

function takeStep(W: Tensor, b: Tensor, optimizer: Optimizer): number {
  optimizer.zeroGrad();
  const loss = lossOf(W, b);
  loss.backward();
  optimizer.step();
  return loss.item();
}

const worst = new Map<string, number>();
const note = (group: string, err: number): void => {
  worst.set(group, Math.max(worst.get(group) ?? 0, err));
};

describe(`optimizers match PyTorch ${golden.torch} step for step (float64, tol ${TOL})`, () => {
  it('covers every optimizer and the options the issue names', () => {
    const names = golden.cases.map((c) => c.name);
    for (const name of ['sgd-nesterov', 'momentum-ewa', 'rmsprop-centered-momentum', 'adam', 'adam-weight-decay', 'adam-amsgrad', 'adamw', 'adagrad', 'adam-param-groups']) {
      expect(names).toContain(name);
    }
  });

  for (const c of golden.cases) {
    it(c.name, () => {
      const { W, b, optimizer } = setup(c);
      c.steps.forEach((expected, i) => {
        const loss = takeStep(W, b, optimizer);
        const err = Math.max(error([loss], [expected.loss]), error(W.dataSync(), expected.params.W.data), error(b.dataSync(), expected.params.b.data));
        note(c.optimizer, err);
        expect(err, `${c.name} step ${i + 1}`).toBeLessThanOrEqual(TOL);
      });
    });
  }

  for (const c of golden.cases.filter((k) => ['sgd-nesterov', 'momentum-ewa', 'rmsprop-centered-momentum', 'adam-amsgrad', 'adamw', 'adagrad-all-options', 'adam-param-groups'].includes(k.name))) {
    it(`${c.name}: stateDict after 3 steps resumes into a fresh optimizer exactly`, () => {
      const first = setup(c);
      for (let i = 0; i < 3; i++) takeStep(first.W, first.b, first.optimizer);
      const saved = first.optimizer.stateDict();
      const resumed = setup(c);
      noGrad(() => {
        resumed.W.assign(first.W.detach());
        resumed.b.assign(first.b.detach());
      });
      resumed.optimizer.loadStateDict(saved);
      for (let i = 3; i < c.steps.length; i++) {
        const loss = takeStep(resumed.W, resumed.b, resumed.optimizer);
        expect(loss).toBe(takeStep(first.W, first.b, first.optimizer));
        expect(error(resumed.W.dataSync(), c.steps[i]!.params.W.data)).toBeLessThanOrEqual(TOL);
      }
      expect(Array.from(resumed.W.dataSync())).toEqual(Array.from(first.W.dataSync()));
    });
  }

  it('float32 parameters follow the float64 trajectory (Adam, 1e-4)', () => {
    const c = golden.cases.find((k) => k.name === 'adam')!;
    const W = tensor(Float32Array.from(golden.problem.W.data), { shape: golden.problem.W.shape, requiresGrad: true });
    const b = tensor(Float32Array.from(golden.problem.b.data), { shape: golden.problem.b.shape, requiresGrad: true });
    const X32 = X.cast('float32');
    const Y32 = Y.cast('float32');
    const optimizer = new Adam([W, b], c.options);
    for (const expected of c.steps) {
      optimizer.zeroGrad();
      X32.matmul(W.transpose()).add(b).tanh().sub(Y32).square().mean().backward();
      optimizer.step();
      expect(W.dtype).toBe('float32');
      expect(error(W.dataSync(), expected.params.W.data)).toBeLessThanOrEqual(1e-4);
    }
  });
});

describe('gradient clipping matches torch.nn.utils', () => {
  golden.clip.forEach((c, i) => {
    it(`${c.kind} ${JSON.stringify(c.options)}`, () => {
      const W = f64(golden.problem.W, true);
      const b = f64(golden.problem.b, true);
      W.grad = f64(c.grads.W);
      b.grad = f64(c.grads.b);
      if (c.kind === 'norm') {
        const normType = c.options.normType === 'inf' ? Infinity : c.options.normType;
        const total = clipGradNorm([W, b], c.options.maxNorm!, { normType });
        note('clipGradNorm', error([total], [c.totalNorm!]));
        expect(error([total], [c.totalNorm!]), `case ${i} norm`).toBeLessThanOrEqual(TOL);
      } else {
        clipGradValue([W, b], c.options.clipValue!);
      }
      const err = Math.max(error(W.grad.dataSync(), c.clipped.W.data), error(b.grad.dataSync(), c.clipped.b.data));
      note(c.kind === 'norm' ? 'clipGradNorm' : 'clipGradValue', err);
      expect(err).toBeLessThanOrEqual(TOL);
    });
  });
});

describe('learning-rate schedules match torch.optim.lr_scheduler', () => {
  const build: Record<string, (c: ScheduleCase) => Schedule> = {
    step: (c) => stepDecay({ lr0: c.lr0, stepSize: c.options.stepSize!, gamma: c.options.gamma! }),
    exponential: (c) => exponentialDecay({ lr0: c.lr0, gamma: c.options.gamma! }),
    cosine: (c) => cosineDecay({ lr0: c.lr0, totalSteps: c.options.totalSteps!, minLr: c.options.minLr! }),
    linearWarmup: (c) => linearWarmup({ warmupSteps: c.options.warmupSteps!, then: c.lr0 }),
  };
  for (const c of golden.schedules) {
    it(c.name, () => {
      const schedule = build[c.name]!(c);
      const err = error(c.lrs.map((_, t) => schedule(t)), c.lrs);
      note('schedules', err);
      expect(err).toBeLessThanOrEqual(1e-12);
    });
  }
});

afterAll(() => {
  const rows = [...worst].map(([group, err]) => `${group}: ${err.toExponential(2)}`);
  console.log(`optim golden: worst error vs PyTorch per group — ${rows.join(', ')}`);
});
