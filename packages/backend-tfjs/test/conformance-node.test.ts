import { describe, expect, it } from 'vitest';
import { BackendError } from '@dlkit/core';
import { runBackendConformance } from '@dlkit/core/testing';
import { isTfjsNodeAvailable, tfjsBackend, TFJS_DTYPES } from '@dlkit/backend-tfjs';

// The 'node' engine runs the whole suite wherever @tensorflow/tfjs-node loads (install it to
// enable these tests); where it does not, the engine must refuse with instructions instead.
const nodeLoads = await isTfjsNodeAvailable();

if (nodeLoads) {
  runBackendConformance(() => tfjsBackend({ engine: 'node' }), { dtypes: TFJS_DTYPES }, { title: 'tfjs-node conformance' });
} else {
  describe('tfjs-node engine where @tensorflow/tfjs-node does not load', () => {
    it("engine 'node' raises a BackendError that says how to install it and which engines are available", async () => {
      const attempt = tfjsBackend({ engine: 'node' });
      await expect(attempt).rejects.toBeInstanceOf(BackendError);
      await expect(attempt).rejects.toThrow(/npm install @tensorflow\/tfjs-node@4\.22\.0/);
      await expect(attempt).rejects.toThrow(/'wasm', 'cpu' or 'auto'/);
    });
    it("engine 'auto' falls back to wasm", async () => {
      const b = await tfjsBackend({ engine: 'auto' });
      expect(b.engine).toBe('wasm');
      expect(b.name).toBe('tfjs-wasm');
    });
  });
}
