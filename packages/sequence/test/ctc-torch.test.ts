import { describe, expect, it } from 'vitest';
import { logSoftmax, mul, sum, tensor } from '@dlkit/core';
import { ctcLoss } from '@dlkit/sequence';
import { f64, maxAbsDiff, readGolden, type Stored } from './golden.js';

interface CtcCase {
  name: string;
  blank: number;
  zeroInfinity: boolean;
  logits: Stored;
  targets: Stored;
  targetLengths: number[];
  inputLengths: number[];
  w: number[];
  reductions: Record<'none' | 'sum' | 'mean', { loss: Stored; grad: Stored }>;
}

const golden = readGolden<{ cases: CtcCase[] }>('ctc-golden.json');

describe('ctcLoss equals torch.nn.functional.ctc_loss in float64 (tools/fixtures/sequence/generate_ctc.py)', () => {
  for (const c of golden.cases) {
    for (const reduction of ['none', 'sum', 'mean'] as const) {
      it(`${c.name}, reduction '${reduction}': loss and gradient w.r.t. the logits to 1e-6`, () => {
        const logits = f64(c.logits, true);
        const targets = tensor(Int32Array.from(c.targets.values), { shape: c.targets.shape });
        const loss = ctcLoss(logSoftmax(logits, 2), targets, c.inputLengths, c.targetLengths, { blank: c.blank, reduction, zeroInfinity: c.zeroInfinity });
        const expected = c.reductions[reduction];
        expect(loss.shape).toEqual(expected.loss.shape);
        expect(maxAbsDiff(loss.dataSync(), expected.loss.values)).toBeLessThan(1e-6);
        const objective = reduction === 'none' ? sum(mul(loss, tensor(c.w, { dtype: 'float64' }))) : loss;
        objective.backward();
        expect(maxAbsDiff(logits.grad!.dataSync(), expected.grad.values)).toBeLessThan(1e-6);
      });
    }
  }
});
