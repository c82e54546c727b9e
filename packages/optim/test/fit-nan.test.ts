import { describe, expect, it } from 'vitest';
import { crossEntropy, full, manualSeed, nn, tensor, ValueError } from '@dlkit/core';
import { fit, SGD } from '@dlkit/optim';

describe('fit on NaN data', () => {
  it('trips the NaN guard on the first batch: NaN inputs propagate through ReLU layers to the loss', () => {
    manualSeed(3);
    const model = new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), new nn.Linear(8, 3));
    const x = full([12, 4], NaN);
    const y = tensor([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], { dtype: 'int32' });
    const run = (): unknown => fit(model, { loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), data: [x, y], epochs: 2, batchSize: 4 });
    expect(run).toThrow(ValueError);
    expect(run).toThrow(/fit: the loss became NaN at epoch 0, batch 0/);
  });
});
