import { afterEach, describe, expect, it } from 'vitest';
import { full, ones, onesLike, registerBackend, setBackend, tsBackend, zeros, zerosLike, type Backend } from '@dlkit/core';

/** The ts backend under another name, counting how tensors get made. */
function countingBackend(): { backend: Backend; calls: { upload: number; fill: number } } {
  const calls = { upload: 0, fill: 0 };
  const base = tsBackend as Backend;
  const backend: Backend = {
    ...base,
    name: 'ts-counting',
    upload: (values, dtype, shape) => (calls.upload++, base.upload(values, dtype, shape)),
    fill: (shape, value, dtype) => (calls.fill++, base.fill(shape, value, dtype)),
  };
  return { backend, calls };
}

afterEach(() => setBackend('ts'));

describe('creation ops use the fill kernel', () => {
  it('full, zeros, ones, zerosLike and onesLike upload nothing from the host', () => {
    const { backend, calls } = countingBackend();
    registerBackend(backend);
    setBackend(backend.name);
    const made = [full([2, 3], 7), zeros([4]), ones([2, 2], { dtype: 'int32' }), full([3], true), zerosLike(ones([2]))];
    const like = onesLike(made[0]!);
    expect(calls).toEqual({ upload: 0, fill: 7 });
    expect(made.map((t) => t.toArray())).toEqual([[[7, 7, 7], [7, 7, 7]], [0, 0, 0, 0], [[1, 1], [1, 1]], [true, true, true], [0, 0]]);
    expect(like.backend).toBe(backend);
    expect(like.toArray()).toEqual([[1, 1, 1], [1, 1, 1]]);
  });
});
