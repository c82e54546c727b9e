import { describe, expect, it } from 'vitest';
import { crossEntropy, manualSeed, nn, randn, tensor } from '@dlkit/core';
import { fit, progressBar, SGD, type ProgressStream } from '@dlkit/optim';
import { formatDuration } from '../src/callbacks/progress-bar.js';

function capture(isTTY: boolean): ProgressStream & { text: string } {
  const stream = { text: '', isTTY, columns: 200, write(s: string) { stream.text += s; return true; } };
  return stream;
}

function train(stream: ProgressStream): void {
  manualSeed(0);
  const model = new nn.Sequential(new nn.Linear(3, 2));
  let clock = 0;
  fit(model, {
    loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }),
    data: [randn([40, 3]), tensor(Int32Array.from({ length: 40 }, (_, i) => i % 2))], validationData: [randn([10, 3]), tensor(Int32Array.from({ length: 10 }, (_, i) => i % 2))],
    epochs: 2, batchSize: 10, seed: 0,
    callbacks: [progressBar({ stream, refreshMs: 0, width: 10, now: () => (clock += 250) })],
  });
}

describe('progressBar', () => {
  it('draws a bar with counts, ETA and running loss on a TTY, one finished line per epoch', () => {
    const stream = capture(true);
    train(stream);
    const lines = stream.text.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(stream.text).toContain('Epoch 1/2 [==>.......] 1/4 - ETA 0.8s - loss ');
    expect(lines[0]).toMatch(/Epoch 1\/2 \[==========\] 4\/4 - \d+\.\ds - loss \d\.\d{4} - valLoss \d\.\d{4} - lr 0\.1000$/);
    expect(lines[1]).toMatch(/Epoch 2\/2/);
  });

  it('is silent where there is no TTY', () => {
    const stream = capture(false);
    train(stream);
    expect(stream.text).toBe('');
  });

  it('formats durations', () => {
    expect(formatDuration(3.25)).toBe('3.3s');
    expect(formatDuration(75)).toBe('1m15s');
    expect(formatDuration(7300)).toBe('2h01m');
    expect(formatDuration(Number.NaN)).toBe('?');
  });
});
