/**
 * The adapter's overhead over raw TensorFlow.js: each case runs through dlkit on a tfjs engine and
 * as the same work written directly with TensorFlow.js, on the same engine, and prints the ratio.
 *
 *   pnpm --filter @dlkit/backend-tfjs bench [-- --engine wasm --only matmul]
 */
import * as tf from '@tensorflow/tfjs-core';
// Raw TensorFlow.js's gradients (for the training step) are registered by the umbrella package.
import '@tensorflow/tfjs';
import {
  add, conv2d, logSoftmax, matmul, maxPool2d, mul, noGrad, oneHot, randint, randn, registerBackend, relu, setBackend,
  softmax, sum, tidy, type Tensor,
} from '@dlkit/core';
import { tfjsBackend } from '../src/index.js';

interface Case {
  readonly name: string;
  /** Builds inputs on the current dlkit backend; returns one iteration. */
  dlkit(): () => Tensor;
  /** Builds the same inputs as tf tensors; returns one iteration. */
  raw(): () => tf.Tensor;
}

const normal = (shape: number[], seed: number, std = 1): tf.Tensor => tf.tensor(randnValues(shape, seed, std), shape);
function randnValues(shape: number[], seed: number, std: number): Float32Array {
  // The same numbers dlkit draws, so both sides compute on identical data.
  const previous = tidy(() => randn(shape, { seed, std }).dataSync());
  return Float32Array.from(previous);
}

const matmulCase = (n: number): Case => ({
  name: `matmul ${n}×${n}×${n}`,
  dlkit() {
    const a = randn([n, n], { seed: 1 });
    const b = randn([n, n], { seed: 2 });
    return () => matmul(a, b);
  },
  raw() {
    const a = normal([n, n], 1);
    const b = normal([n, n], 2);
    return () => tf.matMul(a, b);
  },
});

/** Attention-style batched product: `[b, s, d] @ [b, d, s]`. */
const batchedMatmulCase = (b: number, m: number, k: number): Case => ({
  name: `batched matmul [${b},${m},${k}]@[${b},${k},${m}]`,
  dlkit() {
    const x = randn([b, m, k], { seed: 1 });
    const y = randn([b, k, m], { seed: 2 });
    return () => matmul(x, y);
  },
  raw() {
    const x = normal([b, m, k], 1);
    const y = normal([b, k, m], 2);
    return () => tf.matMul(x, y);
  },
});

const conv2dCase = (x: [number, number, number, number], f: [number, number, number, number], padding: 'same' | 'valid'): Case => ({
  name: `conv2d [${x}]×[${f}] ${padding}`,
  dlkit() {
    const a = randn(x, { seed: 3 });
    const w = randn(f, { seed: 4 });
    return () => conv2d(a, w, { padding });
  },
  raw() {
    const a = normal(x, 3) as tf.Tensor4D;
    const w = normal(f, 4) as tf.Tensor4D;
    return () => tf.conv2d(a, w, 1, padding);
  },
});

/** Forward + both gradients of a conv layer (what a training step costs). */
const conv2dTrainCase = (x: [number, number, number, number], f: [number, number, number, number]): Case => ({
  name: `conv2d fwd+bwd [${x}]×[${f}] same`,
  dlkit() {
    const a = randn(x, { seed: 3, requiresGrad: true });
    const w = randn(f, { seed: 4, requiresGrad: true });
    const g = randn([x[0], x[1], x[2], f[3]], { seed: 5 });
    return () => {
      a.zeroGrad();
      w.zeroGrad();
      conv2d(a, w, { padding: 'same' }).backward(g);
      return w.grad!;
    };
  },
  raw() {
    const a = normal(x, 3) as tf.Tensor4D;
    const w = normal(f, 4) as tf.Tensor4D;
    const g = normal([x[0], x[1], x[2], f[3]], 5) as tf.Tensor4D;
    const both = tf.grads((u: tf.Tensor, v: tf.Tensor) => tf.conv2d(u as tf.Tensor4D, v as tf.Tensor4D, 1, 'same'));
    return () => both([a, w], g)[1]!;
  },
});

const maxPoolCase = (x: [number, number, number, number]): Case => ({
  name: `maxPool2d 2×2 s2 [${x}]`,
  dlkit() {
    const a = randn(x, { seed: 6 });
    return () => maxPool2d(a, { size: 2 });
  },
  raw() {
    const a = normal(x, 6) as tf.Tensor4D;
    return () => tf.maxPool(a, 2, 2, 'valid');
  },
});

const softmaxCase = (rows: number, cols: number): Case => ({
  name: `softmax [${rows},${cols}]`,
  dlkit() {
    const a = randn([rows, cols], { seed: 7 });
    return () => softmax(a);
  },
  raw() {
    const a = normal([rows, cols], 7);
    return () => tf.softmax(a);
  },
});

/** One SGD step of a 784-256-10 MLP, as in benchmarks/src/cases.ts. */
const mlpCase = (batch: number, nIn: number, nHidden: number, nOut: number): Case => ({
  name: `MLP step ${nIn}-${nHidden}-${nOut} b${batch}`,
  dlkit() {
    const x = randn([batch, nIn], { seed: 8 });
    const target = oneHot(randint(0, nOut, [batch], { seed: 9 }), nOut);
    const w1 = randn([nHidden, nIn], { seed: 10, std: Math.sqrt(2 / nIn), requiresGrad: true });
    const b1 = randn([nHidden], { seed: 11, std: 0, requiresGrad: true });
    const w2 = randn([nOut, nHidden], { seed: 12, std: Math.sqrt(1 / nHidden), requiresGrad: true });
    const b2 = randn([nOut], { seed: 13, std: 0, requiresGrad: true });
    const params = [w1, b1, w2, b2];
    return () => {
      const hidden = relu(add(matmul(x, w1, { transposeB: true }), b1));
      const logits = add(matmul(hidden, w2, { transposeB: true }), b2);
      const loss = mul(sum(mul(logSoftmax(logits), target)), -1 / batch);
      loss.backward();
      noGrad(() => {
        for (const p of params) {
          p.assign(p.sub(p.grad!.mul(0.01)));
          p.zeroGrad();
        }
      });
      return loss;
    };
  },
  raw() {
    const x = normal([batch, nIn], 8);
    const labels = tf.tensor1d(Int32Array.from(tidy(() => randint(0, nOut, [batch], { seed: 9 }).dataSync())), 'int32');
    const target = tf.cast(tf.oneHot(labels, nOut), 'float32');
    const w1 = tf.variable(normal([nHidden, nIn], 10, Math.sqrt(2 / nIn)));
    const b1 = tf.variable(tf.zeros([nHidden]));
    const w2 = tf.variable(normal([nOut, nHidden], 12, Math.sqrt(1 / nHidden)));
    const b2 = tf.variable(tf.zeros([nOut]));
    const vars = [w1, b1, w2, b2];
    return () => {
      const { value, grads } = tf.variableGrads(() => {
        const hidden = tf.relu(tf.add(tf.matMul(x, w1, false, true), b1));
        const logits = tf.add(tf.matMul(hidden, w2, false, true), b2);
        return tf.mul(tf.sum(tf.mul(tf.logSoftmax(logits), target)), -1 / batch) as tf.Scalar;
      }, vars);
      for (const v of vars) v.assign(tf.sub(v, tf.mul(grads[v.name]!, 0.01)));
      return value;
    };
  },
});

const CASES: Case[] = [
  matmulCase(128),
  matmulCase(256),
  matmulCase(512),
  batchedMatmulCase(64, 128, 64),
  batchedMatmulCase(256, 64, 32),
  batchedMatmulCase(256, 32, 32),
  conv2dCase([8, 32, 32, 16], [3, 3, 16, 32], 'same'),
  conv2dTrainCase([8, 32, 32, 16], [3, 3, 16, 32]),
  maxPoolCase([8, 32, 32, 32]),
  softmaxCase(512, 1000),
  mlpCase(128, 784, 256, 10),
];

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Times `a` and `b` interleaved, one call each per round (alternating which goes first), after a
 * warm-up, so load changes on a shared machine hit both alike. Returns both medians (ms) and the
 * median of the per-round ratios a/b.
 */
function timePair(a: () => void, b: () => void, budgetMs: number): { a: number; b: number; ratio: number } {
  const t = (f: () => void): number => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };
  let spent = 0;
  for (let warm = 0; warm < 3 || spent < 300; warm++) {
    spent += t(a) + t(b);
    if (spent > 3000) break;
  }
  const per = Math.max(t(a) + t(b), 1e-3);
  const rounds = Math.max(9, Math.min(200, Math.floor(budgetMs / per)));
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let ta: number;
    let tb: number;
    if (r % 2 === 0) {
      ta = t(a);
      tb = t(b);
    } else {
      tb = t(b);
      ta = t(a);
    }
    as.push(ta);
    bs.push(tb);
    ratios.push(ta / tb);
  }
  return { a: median(as), b: median(bs), ratio: median(ratios) };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const engines = argv.includes('--engine') ? [argv[argv.indexOf('--engine') + 1] as 'cpu' | 'wasm'] : (['wasm', 'cpu'] as const);
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1]! : '';
  const budget = argv.includes('--budget') ? Number(argv[argv.indexOf('--budget') + 1]) : 4000;
  console.log(`adapter vs raw TensorFlow.js ${tf.version_core}, Node ${process.version}; interleaved runs, medians`);
  for (const engine of engines) {
    const backend = await tfjsBackend({ engine });
    registerBackend(backend);
    for (const c of CASES.filter((k) => k.name.includes(only))) {
      setBackend(backend.name);
      const iterate = c.dlkit();
      const dlkitOnce = (): void => {
        const t = tidy(iterate);
        t.dataSync();
        t.dispose();
      };
      await tf.setBackend(backend.tfjsBackendName);
      const rawIterate = c.raw();
      const rawOnce = (): void => {
        const t = tf.tidy(rawIterate);
        t.dataSync();
        t.dispose();
      };
      try {
        rawOnce();
      } catch (error) {
        const adapterMs = timePair(dlkitOnce, dlkitOnce, budget / 2).a;
        const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 60);
        console.log(`${backend.name.padEnd(10)} ${c.name.padEnd(38)} adapter ${adapterMs.toFixed(3).padStart(9)} ms   raw: fails (${reason})`);
        continue;
      }
      const { a, b, ratio } = timePair(dlkitOnce, rawOnce, budget);
      console.log(`${backend.name.padEnd(10)} ${c.name.padEnd(38)} adapter ${a.toFixed(3).padStart(9)} ms   raw ${b.toFixed(3).padStart(9)} ms   adapter/raw ${ratio.toFixed(3)}`);
    }
  }
  console.log(`tf.memory().numTensors at the end: ${tf.memory().numTensors}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
