/**
 * The memory check: a small MLP trained step after step with Adam from `@dlkit/optim`, each step in
 * a `tidy` scope as a user of core writes it, reading the backend's live buffer count as it goes.
 */
import { binaryCrossEntropyWithLogits, manualSeed, nn, tidy } from '@dlkit/core';
import { Adam } from '@dlkit/optim';
import { PLANAR_DATASETS } from '@dlkit/tour/planar-datasets';
import type { WebGPUMemory } from '@dlkit/backend-webgpu';

/** The live buffers after given steps (step 0: before the first), and the last step's loss. */
export interface MemoryTrace {
  readonly after: readonly { readonly step: number; readonly memory: WebGPUMemory }[];
  readonly firstLoss: number;
  readonly lastLoss: number;
}

/**
 * `steps` Adam steps of a `[2, 8, 1]` ReLU network on the moons (full batch), recording
 * `memory()` before the first step and after each step listed in `at`.
 */
export function traceTrainingMemory(memory: () => WebGPUMemory, steps: number, at: readonly number[]): MemoryTrace {
  const { X, Y } = PLANAR_DATASETS.moons();
  manualSeed(1);
  const model = new nn.Sequential(new nn.Linear(2, 8), new nn.ReLU(), new nn.Linear(8, 1));
  const optimizer = new Adam(model.parameters(), { lr: 0.01 });
  const after = [{ step: 0, memory: memory() }];
  let firstLoss = NaN;
  let lastLoss = NaN;
  for (let step = 1; step <= steps; step++) {
    const loss = tidy(() => {
      optimizer.zeroGrad();
      const cost = binaryCrossEntropyWithLogits(model.forward(X), Y);
      cost.backward();
      optimizer.step();
      optimizer.zeroGrad();
      // Reading the loss every step would add a GPU round trip per step; the first and last suffice.
      return step === 1 || step === steps ? cost.item() : NaN;
    });
    if (step === 1) firstLoss = loss;
    if (step === steps) lastLoss = loss;
    if (at.includes(step)) after.push({ step, memory: memory() });
  }
  return { after, firstLoss, lastLoss };
}
