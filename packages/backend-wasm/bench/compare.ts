/**
 * The issue's target figures in one process: matmul 512/1024, conv2d [8,32,32,16]×[3,3,16,32],
 * the MLP 784-256-10 and LeNet-5 training steps (batch 128 / 64, SGD) on tfjs-wasm (XNNPACK) and on
 * the wasm backend with 1 and 2 threads, with and without relaxed SIMD. Backends are timed run by
 * run in rotation, so a load change on the shared machine hits all of them alike. Prints median
 * wall ms and each one's speed-up over tfjs-wasm, then the same from process CPU time (user +
 * system, all threads), which a busy shared machine disturbs less (for one thread it is the time
 * the work itself took). `pnpm exec tsx packages/backend-wasm/bench/compare.ts`.
 */
import {
  argMax, conv2d, crossEntropy, flatten, manualSeed, matmul, maxPool2d, noGrad, randn, registerBackend,
  relu, setBackend, tidy, type Tensor,
} from '@dlkit/core';
import { tfjsBackend } from '@dlkit/backend-tfjs';
import { wasmBackend } from '@dlkit/backend-wasm';

interface Column { readonly name: string; readonly backend: string; readonly tidy: boolean }

const sgd = (params: readonly Tensor[], loss: Tensor): Tensor => {
  loss.backward();
  noGrad(() => {
    for (const p of params) {
      p.assign(p.sub(p.grad!.mul(0.01)));
      p.zeroGrad();
    }
  });
  return loss;
};
const param = (shape: number[], seed: number, std: number): Tensor => {
  const t = randn(shape, { seed, std });
  t.requiresGrad = true;
  return t;
};

/** Builds one case's inputs on the current backend and returns one iteration. */
const cases: Record<string, () => () => Tensor> = {
  'matmul 512': () => { const a = randn([512, 512], { seed: 1 }); return () => matmul(a, a); },
  'matmul 1024': () => { const a = randn([1024, 1024], { seed: 1 }); return () => matmul(a, a); },
  'conv2d [8,32,32,16]×[3,3,16,32]': () => {
    const x = randn([8, 32, 32, 16], { seed: 2 }), f = randn([3, 3, 16, 32], { seed: 3 });
    return () => conv2d(x, f, { padding: 'same' });
  },
  'MLP 784-256-10 step': () => {
    manualSeed(4);
    const x = randn([128, 784], { seed: 5 });
    const y = argMax(randn([128, 10], { seed: 6 }), 1);
    const ps = [param([256, 784], 7, 0.05), param([256], 8, 0), param([10, 256], 9, 0.05), param([10], 10, 0)] as const;
    return () => sgd(ps, crossEntropy(matmul(relu(matmul(x, ps[0].transpose()).add(ps[1])), ps[2].transpose()).add(ps[3]), y));
  },
  'LeNet-5 step': () => {
    const x = randn([64, 32, 32, 1], { seed: 11 });
    const y = argMax(randn([64, 10], { seed: 12 }), 1);
    const c1 = param([5, 5, 1, 6], 13, 0.2), c2 = param([5, 5, 6, 16], 14, 0.1);
    const f1 = param([400, 120], 15, 0.05), f2 = param([120, 84], 16, 0.1), f3 = param([84, 10], 17, 0.1);
    const ps = [c1, c2, f1, f2, f3];
    return () => {
      let h = maxPool2d(relu(conv2d(x, c1)), { size: 2 });
      h = maxPool2d(relu(conv2d(h, c2)), { size: 2 });
      const logits = matmul(relu(matmul(relu(matmul(flatten(h, 1), f1)), f2)), f3);
      return sgd(ps, crossEntropy(logits, y));
    };
  },
};

const columns: Column[] = [];
const tf = await tfjsBackend({ engine: 'wasm' });
registerBackend(tf);
columns.push({ name: 'tfjs-wasm', backend: tf.name, tidy: true });
for (const [threads, relaxedSimd] of [[1, false], [1, true], [2, true]] as const) {
  const b = await wasmBackend({ threads, relaxedSimd, name: `wasm ${threads}t ${relaxedSimd ? 'fma' : 'simd'}` });
  registerBackend(b);
  columns.push({ name: b.name, backend: b.name, tidy: false });
}

const rounds = Number(process.env.ROUNDS ?? 15);
for (const [label, build] of Object.entries(cases)) {
  const iterations = columns.map((c) => { setBackend(c.backend); return build(); });
  const times = columns.map((): number[] => []);
  const cpu = columns.map((): number[] => []);
  for (let r = 0; r < rounds + 2; r++) {
    columns.forEach((c, i) => {
      setBackend(c.backend);
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const out = c.tidy ? tidy(iterations[i]!) : iterations[i]!();
      out.dataSync();
      if (c.tidy) out.dispose();
      const used = process.cpuUsage(c0);
      if (r >= 2) {
        times[i]!.push(performance.now() - t0);
        cpu[i]!.push((used.user + used.system) / 1000);
      }
    });
  }
  for (const [kind, samples] of [['wall', times], ['cpu', cpu]] as const) {
    const med = samples.map((t) => t.sort((a, b) => a - b)[t.length >> 1]!);
    console.log(`${label.padEnd(32)} ${kind.padEnd(4)} ${columns.map((c, i) => `${c.name}: ${med[i]!.toFixed(2)} ms (${(med[0]! / med[i]!).toFixed(2)}×)`).join('  ')}`);
  }
}
setBackend('ts');
process.exit(0);
