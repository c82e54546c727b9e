/**
 * TensorFlow.js in the benchmark suite: `@dlkit/backend-tfjs` on the cpu and wasm engines, and
 * beside each the same work written directly with TensorFlow.js ("raw"), so the adapter's cost is
 * the ratio of the two columns.
 *
 * Raw entries run each case's own TensorFlow.js twin (`BenchCase.raw`): the harness calls an
 * entry's `prepareCase`, when it has one, instead of `bench.prepare`.
 */
import * as tf from '@tensorflow/tfjs-core';
// Raw TensorFlow.js's gradients (the training-step cases) are registered by the umbrella package.
import '@tensorflow/tfjs';
import { registerBackend, setBackend, tidy, type Tensor } from '@dlkit/core';
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
    activate: () => setBackend(`tfjs-${engine}`),
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
    // Switching back to an initialized engine is synchronous.
    activate: () => void tf.setBackend(engine),
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

/** One iteration of `bench`'s raw twin on TensorFlow.js's active backend; throws when it has none. */
function prepareRawCase(bench: BenchCase): () => tf.Tensor {
  if (!bench.raw) throw new Error(`raw TensorFlow.js has no version of '${bench.name} ${bench.params}'`);
  return bench.raw();
}
