import { describe, expect, it } from 'vitest';
import { crossEntropy, manualSeed, noGrad, randint, tensor, type Tensor } from '@dlkit/core';
import { Adam } from '@dlkit/optim';
import { generate, GPT } from '@dlkit/transformer';

const SYMBOLS = 8;
const SEP = SYMBOLS;
const HALF = 5;
const IGNORE = -1;

/** Sequences `x₁…x₅ SEP x₁…x₅` split into inputs and shifted targets; only the copy is scored. */
function batch(size: number, seed: number): { input: Tensor; target: Tensor; rows: number[][] } {
  const draws = Array.from(randint(0, SYMBOLS, [size, HALF], { seed }).dataSync());
  const rows = Array.from({ length: size }, (_, b) => {
    const half = draws.slice(b * HALF, (b + 1) * HALF);
    return [...half, SEP, ...half];
  });
  const input = tensor(rows.map((r) => r.slice(0, -1)), { dtype: 'int32' });
  const target = tensor(rows.map((r) => r.slice(1).map((t, i) => (i < HALF ? IGNORE : t))), { dtype: 'int32' });
  return { input, target, rows };
}

describe('a GPT learns to copy (it must attend back over the sequence)', () => {
  it('80 Adam steps of a 1-block GPT: the copy loss falls below a tenth of its start (2.20 → 0.007 when written), greedy generation copies > 90% of unseen sequences exactly (100% when written)', () => {
    manualSeed(1);
    const model = new GPT({ vocabSize: SYMBOLS + 1, dModel: 16, nHead: 2, numLayers: 1, dimFeedforward: 32, maxLength: 2 * HALF + 1, dropout: 0 });
    const optimizer = new Adam(model.parameters(), { lr: 1e-2 });
    const lossOf = (b: { input: Tensor; target: Tensor }): Tensor => crossEntropy(model.forward(b.input), b.target, { ignoreIndex: IGNORE });
    const heldOut = batch(64, 999);
    const initial = noGrad(() => lossOf(heldOut)).item();
    for (let step = 0; step < 80; step++) {
      optimizer.zeroGrad();
      lossOf(batch(32, step)).backward();
      optimizer.step();
    }
    const final = noGrad(() => lossOf(heldOut)).item();
    expect(final).toBeLessThan(initial / 10);
    model.eval();
    const prompts = heldOut.rows.map((r) => r.slice(0, HALF + 1));
    const copies = generate(model, prompts, { maxNewTokens: HALF, temperature: 0 });
    const exact = copies.filter((c, i) => c.join() === heldOut.rows[i]!.slice(HALF + 1).join()).length / copies.length;
    console.log(`copy task: held-out loss ${initial.toFixed(3)} → ${final.toFixed(3)}, exact copies ${(100 * exact).toFixed(1)}%`);
    expect(exact).toBeGreaterThan(0.9);
  });
});
