/**
 * Safetensors interop with Python, both ways (no Python needed to run):
 * - tools/fixtures/nn/write_safetensors.py wrote python-written.safetensors from raw bytes
 *   (struct/json/numpy; a torch BatchNorm1d's state with its I64 num_batches_tracked, F64, I32,
 *   BOOL, I64 extremes, a scalar, an empty tensor, float specials, __metadata__) and
 *   python-written.json with the values; loadSafetensors must read every one exactly.
 * - tools/fixtures/nn/write-dlkit-safetensors.ts wrote dlkit-written.safetensors and
 *   check_dlkit_safetensors.py read it with numpy, torch (and the safetensors package) into
 *   dlkit-written.check.json. dlkit's writer must still produce exactly those bytes, so the
 *   Python check stays valid, and the values Python read must be the ones dlkit holds.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSafetensors, nn, saveSafetensors, type Tensor } from '@dlkit/core';
import { DLKIT_METADATA, dlkitState } from '../../../tools/fixtures/nn/write-dlkit-safetensors';

type JsonValue = number | boolean | 'NaN' | 'Infinity' | '-Infinity';
interface ExpectedTensor { dtype: string; dlkitDtype?: string; shape: number[]; data: JsonValue[]; dataOffsets?: number[] }
interface PythonWritten { torch: string; bytes: number; metadata: Record<string, string>; tensors: Record<string, ExpectedTensor> }
interface DlkitCheck {
  sha256: string; bytes: number; headerLength: number; metadata: Record<string, string>; readers: string[];
  tensors: Record<string, ExpectedTensor>;
}

const fixtures = new URL('../../../tools/fixtures/nn/', import.meta.url);
const readBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, fixtures)));
const readJson = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8')) as T;

const DLKIT_DTYPE: Record<string, string> = { F32: 'float32', F64: 'float64', I32: 'int32', I64: 'int32', BOOL: 'bool' };

function decode(v: JsonValue): number {
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return typeof v === 'boolean' ? Number(v) : v;
}

/** Every value bit-for-bit as expected (Object.is: -0 and NaN count), plus dtype and shape. */
function expectTensor(name: string, t: Tensor | undefined, e: ExpectedTensor): void {
  expect(t, `${name} missing`).toBeDefined();
  expect(t!.dtype, `${name} dtype`).toBe(e.dlkitDtype ?? DLKIT_DTYPE[e.dtype]);
  expect(t!.shape, `${name} shape`).toEqual(e.shape);
  const actual = Array.from(t!.dataSync() as ArrayLike<number>);
  const expected = e.data.map(decode);
  expect(actual.length, `${name} size`).toBe(expected.length);
  actual.forEach((v, i) => expect(Object.is(v, expected[i]), `${name}[${i}] = ${v}, expected ${expected[i]}`).toBe(true));
}

describe('safetensors written by Python', () => {
  const bytes = readBytes('python-written.safetensors');
  const expected = readJson<PythonWritten>('python-written.json');

  it('loads every tensor with its dtype, shape and exact values, and the metadata', () => {
    expect(bytes.length).toBe(expected.bytes);
    const { tensors, metadata } = loadSafetensors(bytes);
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(expected.tensors).sort());
    expect(new Set(Object.values(expected.tensors).map((e) => e.dtype))).toEqual(new Set(['F32', 'F64', 'I32', 'I64', 'BOOL']));
    for (const [name, e] of Object.entries(expected.tensors)) expectTensor(name, tensors[name], e);
    expect(metadata).toEqual(expected.metadata);
  });

  it("fills a dlkit BatchNorm1d from PyTorch's state (I64 num_batches_tracked as int32)", () => {
    const { tensors } = loadSafetensors(bytes);
    const bn = new nn.BatchNorm1d(3);
    const state = Object.fromEntries(
      Object.entries(tensors).filter(([k]) => k.startsWith('bn.')).map(([k, t]) => [k.slice(3), t]),
    );
    expect(bn.loadStateDict(state)).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(bn.numBatchesTracked.item()).toBe(3);
    expectTensor('running_var', bn.runningVar, expected.tensors['bn.running_var']!);
    expectTensor('weight', bn.weight!, expected.tensors['bn.weight']!);
  });

  it('round-trips through dlkit (I64 is written back as I32)', () => {
    const { tensors, metadata } = loadSafetensors(bytes);
    const again = loadSafetensors(saveSafetensors(tensors, metadata));
    expect(again.metadata).toEqual(expected.metadata);
    for (const [name, e] of Object.entries(expected.tensors)) expectTensor(name, again.tensors[name], e);
  });
});

describe('safetensors written by dlkit, read by Python', () => {
  const bytes = readBytes('dlkit-written.safetensors');
  const check = readJson<DlkitCheck>('dlkit-written.check.json');

  it('the committed file is the one Python checked', () => {
    expect(bytes.length).toBe(check.bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(check.sha256);
    expect(check.readers.some((r) => r.startsWith('torch'))).toBe(true);
  });

  it("dlkit's writer still produces exactly the committed bytes", () => {
    const written = saveSafetensors(dlkitState(), DLKIT_METADATA);
    expect(written.length).toBe(bytes.length);
    const firstDiff = written.findIndex((b, i) => b !== bytes[i]);
    expect(firstDiff, `first differing byte at ${firstDiff}; rerun the writer and the Python check`).toBe(-1);
  });

  it('Python read the values dlkit holds, and dlkit reads them back', () => {
    const state = dlkitState();
    const loaded = loadSafetensors(bytes);
    expect(Object.keys(check.tensors).sort()).toEqual(Object.keys(state).sort());
    expect(new Set(Object.values(check.tensors).map((e) => e.dtype))).toEqual(new Set(['F32', 'F64', 'I32', 'BOOL']));
    for (const [name, e] of Object.entries(check.tensors)) {
      expectTensor(`state ${name}`, state[name], e);
      expectTensor(`loaded ${name}`, loaded.tensors[name], e);
    }
    expect(check.metadata).toEqual(DLKIT_METADATA);
    expect(loaded.metadata).toEqual(DLKIT_METADATA);
    // The header is 8-byte aligned, as the format asks.
    expect((8 + check.headerLength) % 8).toBe(0);
  });
});
