import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { runBackendConformance } from '@dlkit/core/testing';
import { isTfjsNodeAvailable, tfjsBackend, TFJS_BACKEND_NAMES, TFJS_DTYPES } from '@dlkit/backend-tfjs';

// Where @tensorflow/tfjs-node is not installed, the 'node' engine's own code (its choice of
// kernels, names and downloads) still runs the whole suite: the cpu engine's kernels are
// registered under TensorFlow.js's 'tensorflow' name, as an application that loaded tfjs-node
// itself would have them. Where tfjs-node loads, conformance-node.test.ts runs the real thing.
const realNode = await isTfjsNodeAvailable();

if (!realNode) {
  tf.registerBackend(TFJS_BACKEND_NAMES.node, () => new MathBackendCPU());
  for (const kernel of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...kernel, backendName: TFJS_BACKEND_NAMES.node });

  describe("the 'node' engine with a backend registered as 'tensorflow'", () => {
    it("'auto' prefers it and names the backend 'tfjs-node'", async () => {
      const b = await tfjsBackend({ engine: 'auto' });
      expect(b.engine).toBe('node');
      expect(b.name).toBe('tfjs-node');
      expect(b.tfjsBackendName).toBe('tensorflow');
    });
  });

  runBackendConformance(() => tfjsBackend({ engine: 'node' }), { dtypes: TFJS_DTYPES }, { title: "tfjs 'node' engine code on stand-in kernels" });
}
