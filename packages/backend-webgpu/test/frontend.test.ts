/**
 * The part of the backend that needs no GPU: what the front end queues for each kernel call (plain,
 * postable commands in call order), its reference-counted handles, its refusal to read
 * synchronously without a blocking channel, the worker backend's wait after too many unread
 * commands, and how adapters are named. The kernels themselves run in conformance.test.ts.
 */
import { BackendError, registerBackend, setBackend, tensor, type TypedArray } from '@dlkit/core';
import { describe, expect, it } from 'vitest';
import { frontEnd, type Channel } from '../src/frontend.js';
import { broadcastStrides, stridesOf } from '../src/kernels/broadcast.js';
import type { Command, TensorRef } from '../src/protocol.js';
import { MAX_COMMANDS_AHEAD, webgpuWorkerBackend, type MessageEndpoint } from '../src/remote.js';
import { adapterName } from '../src/adapter.js';

function recording(readSync?: (ref: TensorRef) => TypedArray): { channel: Channel; log: (Command | { upload: number })[] } {
  const log: (Command | { upload: number })[] = [];
  const channel: Channel = {
    submit: (command) => log.push(command),
    upload: (out) => log.push({ upload: out }),
    read: () => Promise.reject(new Error('no GPU here')),
    ...(readSync ? { readSync } : {}),
  };
  return { channel, log };
}

describe('webgpu front end', () => {
  it('queues one postable command per kernel call, tensors as refs', () => {
    const { channel, log } = recording();
    const b = frontEnd('fake', channel);
    const x = b.upload(new Float32Array([1, -2]), 'float32', [2]);
    const y = b.unary({ handle: x, shape: [2], dtype: 'float32' }, 'relu', 0);
    const z = b.concat([{ handle: x, shape: [2], dtype: 'float32' }, { handle: y, shape: [2], dtype: 'float32' }], 0, [4]);
    expect([x.id, y.id, z.id]).toEqual([0, 1, 2]);
    expect(log).toEqual([
      { upload: 0 },
      { kind: 'kernel', kernel: 'unary', out: 1, args: [{ $tensor: 0, shape: [2], dtype: 'float32' }, 'relu', 0] },
      { kind: 'kernel', kernel: 'concat', out: 2, args: [[{ $tensor: 0, shape: [2], dtype: 'float32' }, { $tensor: 1, shape: [2], dtype: 'float32' }], 0, [4]] },
    ]);
    expect(() => structuredClone(log)).not.toThrow();
  });

  it('reshape and shareStorage give new handles on the same storage; dispose releases one', () => {
    const { channel, log } = recording();
    const b = frontEnd('fake', channel);
    const x = b.upload(new Int32Array([1, 2, 3, 4]), 'int32', [4]);
    const r = b.reshape({ handle: x, shape: [4], dtype: 'int32' }, [2, 2]);
    const s = b.shareStorage!({ handle: x, shape: [4], dtype: 'int32' });
    b.dispose!(x);
    expect(log.slice(1)).toEqual([
      { kind: 'share', out: r.id, of: x.id },
      { kind: 'share', out: s.id, of: x.id },
      { kind: 'release', id: x.id },
    ]);
  });

  it('without a blocking channel, dataSync raises a BackendError that points at data()', () => {
    const b = frontEnd('webgpu-fake', recording().channel);
    registerBackend(b);
    setBackend('webgpu-fake');
    try {
      const t = tensor([1, 2, 3]);
      expect(() => t.dataSync()).toThrow(BackendError);
      expect(() => t.toArray()).toThrow(/await t\.data\(\)/);
    } finally {
      setBackend('ts');
    }
  });

  it('with one, dataSync reads through it', () => {
    const b = frontEnd('webgpu-blocking', recording((ref) => Float32Array.from({ length: ref.shape[0]! }, (_, i) => i)).channel);
    expect(Array.from(b.download({ handle: { id: 7 }, shape: [3], dtype: 'float32' }))).toEqual([0, 1, 2]);
  });

  it('broadcast strides are 0 along missing and size-1 dims', () => {
    expect(stridesOf([2, 3, 4])).toEqual([12, 4, 1]);
    expect(broadcastStrides([3, 1], [2, 3, 4])).toEqual([0, 1, 0]);
    expect(broadcastStrides([], [2])).toEqual([0]);
  });
});

describe('webgpu worker backend', () => {
  it(`waits for the serving thread after ${MAX_COMMANDS_AHEAD} commands without a read`, () => {
    // A fake serving thread that answers each sync at once, so Atomics.wait returns immediately.
    const posted: string[] = [];
    const endpoint: MessageEndpoint = {
      postMessage(message) {
        const request = message as { t: string; shared?: SharedArrayBuffer };
        posted.push(request.t);
        if (request.t === 'sync') Atomics.store(new Int32Array(request.shared!, 0, 2), 0, 1);
      },
      addEventListener: () => undefined,
    };
    const b = webgpuWorkerBackend(endpoint, { name: 'webgpu-worker-fake' });
    const commands = 2 * MAX_COMMANDS_AHEAD + 10;
    for (let i = 0; i < commands; i++) b.fill([4], i, 'float32');
    expect(posted.filter((t) => t === 'cmd')).toHaveLength(commands);
    const syncs = posted.flatMap((t, i) => (t === 'sync' ? [i] : []));
    // One sync after each full run of commands, none otherwise.
    expect(syncs).toEqual([MAX_COMMANDS_AHEAD, 2 * MAX_COMMANDS_AHEAD + 1]);
  });
});

describe('adapterName', () => {
  it('prefers the description, else joins vendor, architecture and device', () => {
    expect(adapterName({ description: 'SwiftShader Device (Subzero)', vendor: 'google' })).toBe('SwiftShader Device (Subzero)');
    expect(adapterName({ vendor: 'google', architecture: 'swiftshader', description: '' })).toBe('google swiftshader');
    expect(adapterName({ vendor: 'nvidia', architecture: '', device: 'h200' })).toBe('nvidia h200');
    expect(adapterName(undefined)).toBe('unnamed adapter');
  });
});
