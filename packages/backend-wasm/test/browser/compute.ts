import {
  argMax, conv2d, crossEntropy, manualSeed, matmul, nn, noGrad, randn, registerBackend, setBackend,
} from '@dlkit/core';
import type { WasmBackend } from '@dlkit/backend-wasm';

/** What the browser page and the Node test both compute, to compare. */
export interface Figures {
  readonly relaxedSimd: boolean;
  /** Eight entries of a seeded 300×200·200×100 matmul, and its sum. */
  readonly matmul: readonly number[];
  /** Eight entries of a seeded 3×3 convolution, and its sum. */
  readonly conv: readonly number[];
  /** The losses of 5 SGD steps of a seeded 64-32-4 MLP. */
  readonly losses: readonly number[];
}

const sample = (values: Float32Array | Float64Array | Int32Array | Uint8Array): number[] => {
  let sum = 0;
  for (const v of values) sum += v;
  return [...Array.from(values.slice(0, 8)), sum];
};

/** Registers `backend`, computes the figures on it with seeded inputs, and switches back to ts. */
export function computeFigures(backend: WasmBackend): Figures {
  registerBackend(backend);
  setBackend(backend.name);
  try {
    const mm = matmul(randn([300, 200], { seed: 1 }), randn([200, 100], { seed: 2 })).dataSync();
    const cv = conv2d(randn([2, 12, 12, 8], { seed: 3 }), randn([3, 3, 8, 16], { seed: 4 }), { padding: 'same' }).dataSync();
    manualSeed(5);
    const model = new nn.Sequential(new nn.Linear(64, 32), new nn.ReLU(), new nn.Linear(32, 4));
    const x = randn([48, 64], { seed: 6 });
    const y = argMax(randn([48, 4], { seed: 7 }), 1);
    const losses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const loss = crossEntropy(model.forward(x), y);
      loss.backward();
      noGrad(() => {
        for (const p of model.parameters()) {
          p.assign(p.sub(p.grad!.mul(0.1)));
          p.zeroGrad();
        }
      });
      losses.push(loss.item());
    }
    return { relaxedSimd: backend.relaxedSimd, matmul: sample(mm), conv: sample(cv), losses };
  } finally {
    setBackend('ts');
  }
}
