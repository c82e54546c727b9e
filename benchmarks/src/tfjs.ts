/**
 * TensorFlow.js in the benchmark suite: `@dlkit/backend-tfjs` on the cpu and wasm engines, and
 * beside each the same work written directly with TensorFlow.js ("raw"), so the adapter's cost is
 * the ratio of the two columns.
 *
 * Raw entries run their own implementation of each case (found from the case's name and params by
 * {@link prepareRawCase}): the harness calls an entry's `prepareCase`, when it has one, instead of
 * `bench.prepare`.
 */
import * as tf from '@tensorflow/tfjs-core';
// Raw TensorFlow.js's gradients (the training-step cases) are registered by the umbrella package.
import '@tensorflow/tfjs';
import { getBackend, randint, randn, registerBackend, setBackend, tidy, type Tensor } from '@dlkit/core';
import { tfjsBackend, TFJS_VERSION } from '@dlkit/backend-tfjs';
import type { BackendEntry, BenchCase } from './harness.js';

type Engine = 'cpu' | 'wasm';

const ENGINE_NOTES: Record<Engine, string> = {
  cpu: 'plain JavaScript kernels',
  wasm: 'XNNPACK kernels, SIMD, one thread in Node',
};

/** `@dlkit/backend-tfjs` on one engine: registered with core and selected by `setup()`. */
function adapterEntry(engine: Engine): BackendEntry {
  return {
    name: `tfjs-${engine}`,
    description: `@dlkit/backend-tfjs on TensorFlow.js ${TFJS_VERSION} ${engine} (${ENGINE_NOTES[engine]})`,
    baseline: `raw tfjs-${engine}`,
    async setup() {
      const backend = await tfjsBackend({ engine });
      registerBackend(backend);
      setBackend(backend.name);
    },
    teardown: () => setBackend('ts'),
    // Each iteration's intermediates are released by core's tidy; the result after it is read.
    scope: (fn) => tidy(fn),
    sync(result) {
      result.dataSync();
      result.dispose();
    },
  };
}

/** Raw TensorFlow.js on one engine: the same cases written with tf ops, inside tf.tidy. */
function rawEntry(engine: Engine): BackendEntry {
  return {
    name: `raw tfjs-${engine}`,
    description: `TensorFlow.js ${TFJS_VERSION} ${engine} called directly (the adapter's baseline)`,
    async setup() {
      // Starts the engine the same way the adapter does (wasm binaries from the installed package).
      await tfjsBackend({ engine });
      await tf.setBackend(engine);
    },
    prepareCase: (bench) => {
      const iteration = prepareRawCase(bench);
      return () => tf.tidy(iteration) as unknown as Tensor;
    },
    sync(result) {
      const t = result as unknown as tf.Tensor;
      t.dataSync();
      t.dispose();
    },
  };
}

/** The TensorFlow.js benchmark columns, in the order they appear: each adapter beside its raw baseline. */
export const tfjsBackends: readonly BackendEntry[] = [adapterEntry('cpu'), rawEntry('cpu'), adapterEntry('wasm'), rawEntry('wasm')];

// ---- raw TensorFlow.js versions of the cases in cases.ts ----

/** Runs `fn` with dlkit's ts backend current (raw cases draw their data from dlkit's seeded generator). */
function onTs<T>(fn: () => T): T {
  const previous = getBackend().name;
  setBackend('ts');
  try {
    return fn();
  } finally {
    setBackend(previous);
  }
}

/** The same numbers dlkit draws for `randn(shape, { seed, std })`, as a tf.Tensor. */
function normal(shape: number[], seed: number, std = 1): tf.Tensor {
  return tf.tensor(onTs(() => Float32Array.from(randn(shape, { seed, std }).dataSync())), shape);
}

const numbers = (text: string): number[] => (text.match(/\d+/g) ?? []).map(Number);

/**
 * One iteration of `bench` written with TensorFlow.js ops, on TensorFlow.js's active backend.
 * Throws when the case has no raw version (the harness reports it as an error in that column).
 */
export function prepareRawCase(bench: BenchCase): () => tf.Tensor {
  const p = numbers(bench.params);
  switch (bench.name) {
    case 'matmul': {
      const [m, k, n] = p as [number, number, number];
      const a = normal([m, k], 1);
      const b = normal([k, n], 2);
      return () => tf.matMul(a, b);
    }
    case 'batched matmul': {
      const [b, m, k] = p as [number, number, number];
      const x = normal([b, m, k], 1);
      const y = normal([b, k, m], 2);
      return () => tf.matMul(x, y);
    }
    case 'conv2d': {
      // params: `<label> [n,h,w,c]×[kh,kw,cIn,cOut] same|valid`; the label may hold digits too.
      const shapes = bench.params.match(/\[([\d,]+)\]×\[([\d,]+)\]/);
      if (!shapes) break;
      const x = normal(numbers(shapes[1]!), 3) as tf.Tensor4D;
      const f = normal(numbers(shapes[2]!), 4) as tf.Tensor4D;
      const padding = bench.params.endsWith('same') ? 'same' : 'valid';
      return () => tf.conv2d(x, f, 1, padding);
    }
    case 'conv2d fwd+bwd': {
      const shapes = bench.params.match(/\[([\d,]+)\]×\[([\d,]+)\]/);
      if (!shapes) break;
      const xShape = numbers(shapes[1]!);
      const fShape = numbers(shapes[2]!);
      const x = normal(xShape, 3) as tf.Tensor4D;
      const f = normal(fShape, 4) as tf.Tensor4D;
      const g = normal([xShape[0]!, xShape[1]!, xShape[2]!, fShape[3]!], 5);
      const both = tf.grads((u: tf.Tensor, v: tf.Tensor) => tf.conv2d(u as tf.Tensor4D, v as tf.Tensor4D, 1, 'same'));
      return () => both([x, f], g)[1]!;
    }
    case 'maxPool2d': {
      const x = normal(p.slice(-4), 6) as tf.Tensor4D;
      return () => tf.maxPool(x, 2, 2, 'valid');
    }
    case 'softmax': {
      const x = normal(p.slice(0, 2), 7);
      return () => tf.softmax(x);
    }
    case 'MLP train step': {
      const [nIn, nHidden, nOut, batch] = p as [number, number, number, number];
      const x = normal([batch, nIn], 8);
      const labels = onTs(() => Int32Array.from(randint(0, nOut, [batch], { seed: 9 }).dataSync()));
      const target = tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), nOut), 'float32');
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
    }
  }
  throw new Error(`raw TensorFlow.js has no version of '${bench.name} ${bench.params}'`);
}
