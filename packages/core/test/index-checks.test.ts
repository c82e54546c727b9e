/**
 * Hot-path behaviour of the index-taking ops, observed through a recording proxy of the ts
 * backend (every kernel call with its output's dtype and size):
 * - crossEntropy on a [64, 50000] batch allocates nothing of that size but the log-softmax;
 * - on a backend whose storage is not host memory, index checks download nothing by default and
 *   download once per call with `setIndexChecks('always')`;
 * - on the ts backend, out-of-range indices still raise a typed error by default.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as dl from '@dlkit/core';
import type { Backend, DType, Tensor, TypedArray } from '@dlkit/core';

interface Call { kernel: string; dtype: DType | null; size: number }

const DTYPE_OF = new Map<unknown, DType>([[Float32Array, 'float32'], [Float64Array, 'float64'], [Int32Array, 'int32'], [Uint8Array, 'bool']]);

/** The ts backend under another name, logging each kernel call; `hostStorage` as given. */
function recordingBackend(name: string, hostStorage: boolean): { backend: Backend; calls: Call[] } {
  const calls: Call[] = [];
  const base = dl.tsBackend as unknown as Record<string, unknown>;
  const wrapped: Record<string, unknown> = { name, dtypes: dl.tsBackend.dtypes, hostStorage };
  for (const [kernel, fn] of Object.entries(base)) {
    if (typeof fn !== 'function') continue;
    wrapped[kernel] = (...args: unknown[]): unknown => {
      const out = (fn as (...a: unknown[]) => unknown)(...args);
      const array = ArrayBuffer.isView(out) ? (out as TypedArray) : null;
      calls.push({ kernel, dtype: array ? (DTYPE_OF.get(array.constructor) ?? null) : null, size: array ? array.length : 0 });
      return out;
    };
  }
  return { backend: wrapped as unknown as Backend, calls };
}

function on<T>(backend: Backend, fn: () => T): T {
  const previous = dl.getBackend().name;
  dl.registerBackend(backend);
  dl.setBackend(backend.name);
  try {
    return fn();
  } finally {
    dl.setBackend(previous);
  }
}

afterEach(() => {
  dl.setIndexChecks('auto');
});

describe('crossEntropy on [64, 50000] logits', () => {
  const [batch, vocab] = [64, 50000];
  const variants: [string, (logits: Tensor, labels: Tensor) => dl.CrossEntropyOptions][] = [
    ['plain', () => ({})],
    ['weights + label smoothing', () => ({ weight: dl.rand([vocab], { seed: 3 }), labelSmoothing: 0.1 })],
    ['ignoreIndex', () => ({ ignoreIndex: 7 })],
  ];
  for (const [label, options] of variants) {
    it(`${label}: only the log-softmax is [64, 50000]; no one-hot, no int32/bool intermediate of that size`, () => {
      const { backend, calls } = recordingBackend(`ts-recording-ce-${label}`, true);
      on(backend, () => {
        const logits = dl.randn([batch, vocab], { seed: 1 });
        const labels = dl.randint(0, vocab, [batch], { seed: 2 });
        const opts = options(logits, labels);
        calls.length = 0;
        const loss = dl.crossEntropy(logits, labels, opts);
        expect(Number.isFinite(loss.item())).toBe(true);
        const big = calls.filter((c) => c.size >= batch * vocab).map((c) => `${c.kernel} ${c.dtype}[${c.size}]`);
        expect(big).toEqual([`logSoftmax float32[${batch * vocab}]`]);
        const wideInts = calls.filter((c) => (c.dtype === 'int32' || c.dtype === 'bool') && c.size > batch);
        expect(wideInts.map((c) => `${c.kernel} ${c.dtype}[${c.size}]`)).toEqual([]);
        expect(calls.filter((c) => c.kernel === 'upload').every((c) => c.size <= batch)).toBe(true);
        // Everything else is per example ([64] tensors and scalars) or the [50000] weight's reshape view.
        const rest = calls.filter((c) => c.kernel !== 'download' && c.kernel !== 'logSoftmax' && !(c.kernel === 'reshape' && c.size === vocab));
        expect(rest.every((c) => c.size <= batch)).toBe(true);
      });
    });
  }

  it('the loss equals -mean(log_softmax(z)[y]) computed row by row', () => {
    const logits = dl.randn([4, 50000], { seed: 5 });
    const labels = dl.tensor([3, 49999, 0, 1234], { dtype: 'int32' });
    const z = logits.dataSync();
    let total = 0;
    for (let r = 0; r < 4; r++) {
      const row = z.subarray(r * 50000, (r + 1) * 50000);
      let max = -Infinity;
      for (const v of row) max = Math.max(max, v);
      let s = 0;
      for (const v of row) s += Math.exp(v - max);
      total += Math.log(s) + max - row[labels.dataSync()[r]!]!;
    }
    expect(dl.crossEntropy(logits, labels).item()).toBeCloseTo(total / 4, 4);
  });
});

describe('index checks', () => {
  const x = (): Tensor => dl.tensor([[1, 2, 3], [4, 5, 6]]);
  const idx = (values: number[], shape: number[]): Tensor => dl.tensor(values, { shape, dtype: 'int32' });
  const everyOp: [string, () => unknown][] = [
    ['gather', () => dl.gather(x(), idx([1, 0], [2]), 0)],
    ['scatterAdd', () => dl.scatterAdd(x(), idx([1], [1]), dl.tensor([[1, 1, 1]]), 0)],
    ['takeAlongAxis', () => dl.takeAlongAxis(x(), idx([2, 0], [2, 1]), 1)],
    ['scatterAddAlongAxis', () => dl.scatterAddAlongAxis(x(), idx([2, 0], [2, 1]), dl.tensor([[1], [1]]), 1)],
    ['oneHot', () => dl.oneHot(idx([2, 0], [2]), 3)],
    ['crossEntropy', () => dl.crossEntropy(x(), idx([2, 0], [2]))],
  ];

  it("on a device-like backend, 'auto' downloads nothing; 'always' downloads the indices once per call", () => {
    const { backend, calls } = recordingBackend('ts-recording-device', false);
    on(backend, () => {
      for (const [name, run] of everyOp) {
        calls.length = 0;
        run();
        expect(calls.filter((c) => c.kernel === 'download').length, `${name} (auto)`).toBe(0);
      }
      dl.setIndexChecks('always');
      for (const [name, run] of everyOp) {
        calls.length = 0;
        run();
        expect(calls.filter((c) => c.kernel === 'download').length, `${name} (always)`).toBeGreaterThan(0);
      }
    });
  });

  it("on ts, 'auto' validates: out-of-range indices raise a ValueError naming op, index and axis size", () => {
    expect(() => dl.takeAlongAxis(x(), idx([3, 0], [2, 1]), 1)).toThrow(/takeAlongAxis: index 3 is out of range for axis 1 of size 3/);
    expect(() => dl.gather(x(), idx([-1], [1]), 0)).toThrow(dl.ValueError);
    expect(() => dl.crossEntropy(x(), idx([0, 5], [2]))).toThrow(/crossEntropy: label 5 at position 1 is outside \[0, 3\)/);
    expect(() => dl.crossEntropy(x(), idx([0, 5], [2]), { ignoreIndex: 4 })).toThrow(/and is not ignoreIndex 4/);
    expect(dl.crossEntropy(x(), idx([0, -100], [2]), { ignoreIndex: -100 }).item()).toBeCloseTo(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 1, 5);
  });

  it("'never' skips the check; setIndexChecks returns the previous mode and rejects unknown modes", () => {
    expect(dl.setIndexChecks('never')).toBe('auto');
    expect(() => dl.oneHot(idx([5], [1]), 3)).not.toThrow();
    expect(dl.getIndexChecks()).toBe('never');
    expect(() => dl.setIndexChecks('sometimes' as dl.IndexChecks)).toThrow(/setIndexChecks: expected 'auto', 'always' or 'never', got "sometimes"/);
  });
});
