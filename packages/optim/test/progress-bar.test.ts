import { describe, expect, it } from 'vitest';
import { crossEntropy, manualSeed, nn, randn, tensor } from '@dlkit/core';
import { fit, ProgressBar, progressBar, SGD, type ProgressBarOptions, type ProgressStream } from '@dlkit/optim';
import { formatDuration } from '../src/callbacks/progress-bar.js';

function capture(isTTY: boolean): ProgressStream & { text: string } {
  const stream = { text: '', isTTY, columns: 200, write(s: string) { stream.text += s; return true; } };
  return stream;
}

function train(stream: ProgressStream, options: ProgressBarOptions = {}, epochs = 2): void {
  manualSeed(0);
  const model = new nn.Sequential(new nn.Linear(3, 2));
  let clock = 0;
  fit(model, {
    loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }),
    data: [randn([40, 3]), tensor(Int32Array.from({ length: 40 }, (_, i) => i % 2))], validationData: [randn([10, 3]), tensor(Int32Array.from({ length: 10 }, (_, i) => i % 2))],
    epochs, batchSize: 10, seed: 0,
    callbacks: [progressBar({ stream, refreshMs: 0, width: 10, now: () => (clock += 250), ...options })],
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

  it('writes one plain line per epoch where there is no TTY (pipes, CI logs)', () => {
    const stream = capture(false);
    train(stream, {}, 3);
    const lines = stream.text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(3);
    expect(stream.text).not.toMatch(/[\r\x1b]/);
    lines.forEach((line, e) => expect(line).toMatch(new RegExp(`^Epoch ${e + 1}/3 \\[=+\\] 4/4 - \\d+\\.\\ds - loss \\d\\.\\d{4} - valLoss`)));
  });

  it("per: 'epoch' draws one bar for the whole run: one line in all when piped", () => {
    const stream = capture(false);
    train(stream, { per: 'epoch', label: 'run' }, 5);
    expect(stream.text).toMatch(/^run \[==========\] 5\/5 - \d+\.\ds - loss \d\.\d{4} - valLoss \d\.\d{4} - lr 0\.1000\n$/);
    const tty = capture(true);
    train(tty, { per: 'epoch', label: 'run' }, 5);
    expect(tty.text).toContain('run [====>.....] 2/5 - ETA');
    expect(tty.text.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('ProgressBar in a hand-written loop: redrawn on a TTY, one finished line on a pipe', () => {
    let clock = 0;
    const now = (): number => (clock += 100);
    const piped = capture(false);
    const bar = new ProgressBar({ label: 'descent', total: 100, stream: piped, width: 4, now });
    for (let i = 1; i <= 100; i++) bar.update(i, { loss: 1 / i });
    bar.finish();
    bar.finish();
    expect(piped.text).toBe('descent [====] 100/100 - 0.1s - loss 0.0100\n');
    const tty = capture(true);
    const redrawn = new ProgressBar({ label: 'descent', total: 4, stream: tty, width: 4, refreshMs: 0, now });
    redrawn.update(2, { loss: 0.5 });
    expect(tty.text.startsWith('\r\x1b[2Kdescent [>...] 0/4 - ETA ?')).toBe(true);
    expect(tty.text).toContain('descent [==>.] 2/4 - ETA 0.1s - loss 0.5000');
    expect(() => new ProgressBar({ label: 'x', total: -1 })).toThrow(/total must be an integer >= 0/);
  });

  it('formats durations', () => {
    expect(formatDuration(3.25)).toBe('3.3s');
    expect(formatDuration(75)).toBe('1m15s');
    expect(formatDuration(7300)).toBe('2h01m');
    expect(formatDuration(Number.NaN)).toBe('?');
  });
});
