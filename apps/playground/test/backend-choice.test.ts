import { describe, expect, it } from 'vitest';
import { isTrainerMessage, probeWebGPU, type WebGPUEnvironment } from '../src/shared/backend-choice.js';

const gpuWith = (adapter: { info?: { vendor?: string; architecture?: string; description?: string } } | null): WebGPUEnvironment['gpu'] => ({
  requestAdapter: () => Promise.resolve(adapter),
});

describe('probeWebGPU', () => {
  it('offers WebGPU with the adapter name when the isolated page gets an adapter', async () => {
    expect(await probeWebGPU({ gpu: gpuWith({ info: { vendor: 'google', architecture: 'swiftshader' } }), crossOriginIsolated: true })).toEqual({
      available: true,
      adapter: 'google swiftshader',
    });
  });

  it('says why not: no isolation, no navigator.gpu, no adapter, a throwing requestAdapter', async () => {
    const reason = async (env: WebGPUEnvironment): Promise<string> => {
      const result = await probeWebGPU(env);
      if (result.available) throw new Error('expected WebGPU to be unavailable');
      return result.reason;
    };
    expect(await reason({ gpu: gpuWith({}), crossOriginIsolated: false })).toMatch(/cross-origin isolated/);
    expect(await reason({ crossOriginIsolated: true })).toMatch(/navigator\.gpu is missing/);
    expect(await reason({ gpu: gpuWith(null), crossOriginIsolated: true })).toMatch(/no WebGPU adapter/);
    const failing = { requestAdapter: () => Promise.reject(new Error('blocked')) };
    expect(await reason({ gpu: failing, crossOriginIsolated: true })).toBe('requestAdapter failed: blocked');
  });
});

describe('isTrainerMessage', () => {
  it("keeps the worker's own messages and leaves the WebGPU backend's kernel traffic", () => {
    expect(isTrainerMessage({ type: 'progress', step: 20 })).toBe(true);
    expect(isTrainerMessage({ t: 'cmd', command: {} })).toBe(false);
    expect(isTrainerMessage(null)).toBe(false);
    expect(isTrainerMessage('progress')).toBe(false);
  });
});
