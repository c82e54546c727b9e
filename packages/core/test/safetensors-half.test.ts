/**
 * F16 and BF16 safetensors against PyTorch (no Python needed to run):
 * tools/fixtures/core/generate_prims_b.py converted float32 sources with torch's .half() and
 * .bfloat16() (specials: ±0, ±Infinity, NaN, the F16 overflow boundary 65504/65520, F16 and F32
 * subnormals, ties in the last mantissa bit, float32's extremes) and wrote half-precision.safetensors
 * in the reference writer's layout, with the sources, stored bits and float32 values in
 * half-precision.json. dlkit must read those exact values, write the same bytes from the sources,
 * and round-trip its own files.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SerializationError, loadSafetensors, saveSafetensors, tensor, type Tensor } from '@dlkit/core';

type JsonValue = number | 'NaN' | 'Infinity' | '-Infinity';
interface Entry { dtype: 'F32' | 'F16' | 'BF16'; shape: number[]; source: JsonValue[]; bits: number[]; data: JsonValue[] }
interface Fixture { torch: string; bytes: number; metadata: Record<string, string>; tensors: Record<string, Entry> }

const dir = new URL('../../../tools/fixtures/core/', import.meta.url);
const fileBytes = new Uint8Array(readFileSync(new URL('half-precision.safetensors', dir)));
const fixture = JSON.parse(readFileSync(new URL('half-precision.json', dir), 'utf8')) as Fixture;

const decode = (v: JsonValue): number => (v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v);
const sources = (): Record<string, Tensor> =>
  Object.fromEntries(Object.entries(fixture.tensors).map(([name, e]) => [name, tensor(Float32Array.from(e.source, decode), { shape: e.shape })]));

/** Every value bit for bit (Object.is: -0 and NaN count), as float32 with the entry's shape. */
function expectValues(name: string, t: Tensor | undefined, e: Entry): void {
  expect(t, `${name} missing`).toBeDefined();
  expect(t!.dtype).toBe('float32');
  expect(t!.shape).toEqual(e.shape);
  const actual = Array.from(t!.dataSync());
  const expected = e.data.map(decode);
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(Object.is(v, expected[i]), `${name}[${i}] = ${v}, torch ${expected[i]}`).toBe(true));
}

const HALF = { weight_f16: 'float16', scalar_f16: 'float16', weight_bf16: 'bfloat16', empty_bf16: 'bfloat16' } as const;

describe(`F16 / BF16 safetensors (PyTorch ${fixture.torch})`, () => {
  it('reads Python-written F16 and BF16 tensors as float32 with exactly torch\'s values', () => {
    expect(fileBytes.length).toBe(fixture.bytes);
    const { tensors, metadata } = loadSafetensors(fileBytes);
    expect(metadata).toEqual(fixture.metadata);
    expect(new Set(Object.values(fixture.tensors).map((e) => e.dtype))).toEqual(new Set(['F32', 'F16', 'BF16']));
    for (const [name, e] of Object.entries(fixture.tensors)) expectValues(name, tensors[name], e);
  });

  it('writes the same bytes as the Python writer from the float32 sources (round to nearest even)', () => {
    const written = saveSafetensors(sources(), fixture.metadata, { dtype: HALF });
    expect(written.length).toBe(fileBytes.length);
    expect(Buffer.from(written).equals(Buffer.from(fileBytes))).toBe(true);
  });

  it('stores the bit patterns torch stores, NaN as 0x7E00 (F16) and 0x7FC0 (BF16)', () => {
    const { weight_f16: f16, weight_bf16: bf16 } = fixture.tensors;
    const bytes = saveSafetensors({ a: tensor(Float32Array.from(f16!.source, decode)) }, {}, { dtype: 'float16' });
    const start = bytes.length - 2 * f16!.bits.length;
    const view = new DataView(bytes.buffer, bytes.byteOffset + start);
    expect(Array.from({ length: f16!.bits.length }, (_, i) => view.getUint16(2 * i, true))).toEqual(f16!.bits);
    const nan = f16!.source.indexOf('NaN');
    expect([f16!.bits[nan], bf16!.bits[nan]]).toEqual([0x7e00, 0x7fc0]);
  });

  it("reads torch's vectorized BF16 NaN (0xFFFF) and any F16 NaN payload as NaN", () => {
    for (const [half, pattern] of [['bfloat16', 0xffff], ['float16', 0xfc01]] as const) {
      const bytes = saveSafetensors({ n: tensor([NaN, 1]) }, {}, { dtype: half });
      new DataView(bytes.buffer).setUint16(bytes.length - 4, pattern, true);
      expect(Array.from(loadSafetensors(bytes).tensors.n!.dataSync())).toEqual([NaN, 1]);
    }
  });

  it('round-trips: every float tensor as bfloat16 or float16, other dtypes untouched', () => {
    for (const [half, code] of [['bfloat16', 'BF16'], ['float16', 'F16']] as const) {
      const ints = tensor([1, -2, 3], { dtype: 'int32' });
      const source = sources().weight_f16!;
      const bytes = saveSafetensors({ w: source, ints }, {}, { dtype: half });
      const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + Number(new DataView(bytes.buffer).getBigUint64(0, true))))) as Record<string, { dtype: string }>;
      expect([header.w!.dtype, header.ints!.dtype]).toEqual([code, 'I32']);
      const { tensors } = loadSafetensors(bytes);
      expectValues(`w as ${half}`, tensors.w, fixture.tensors[code === 'F16' ? 'weight_f16' : 'weight_bf16']!);
      expect(tensors.ints!.toArray()).toEqual([1, -2, 3]);
      // A second round trip is exact: every half value is a float32.
      const again = loadSafetensors(saveSafetensors(tensors, {}, { dtype: half })).tensors.w!;
      expect(Array.from(again.dataSync())).toEqual(Array.from(tensors.w!.dataSync()));
    }
  });

  it('rounds float64 tensors through float32, as PyTorch does', () => {
    const x = tensor([1 + 2 ** -11 + 2 ** -40, 1 / 3], { dtype: 'float64' });
    const back = loadSafetensors(saveSafetensors({ x }, {}, { dtype: 'float16' })).tensors.x!;
    // 1 + 2^-11 + 2^-40 rounds to float32 1 + 2^-11, a tie that rounds to even: 1.
    expect(Array.from(back.dataSync())).toEqual([1, 0.333251953125]);
  });

  it('rejects bad options and malformed half tensors with SerializationErrors', () => {
    const w = tensor([1, 2]);
    const ints = tensor([1], { dtype: 'int32' });
    expect(() => saveSafetensors({ w, ints }, {}, { dtype: { ints: 'float16' } })).toThrow(
      /saveSafetensors: tensor 'ints' is int32; only float tensors can be stored as float16/,
    );
    expect(() => saveSafetensors({ w }, {}, { dtype: { v: 'bfloat16' } })).toThrow(/saveSafetensors: options.dtype names 'v', which is not one of the tensors/);
    expect(() => saveSafetensors({ w }, {}, { dtype: 'float8' as 'float16' })).toThrow(
      /saveSafetensors: options.dtype must be 'float16' or 'bfloat16', got "float8"/,
    );
    const bytes = saveSafetensors({ w }, {}, { dtype: 'float16' });
    const text = new TextDecoder().decode(bytes.subarray(8, 8 + Number(new DataView(bytes.buffer).getBigUint64(0, true))));
    const bad = new TextEncoder().encode(text.replace('"shape":[2]', '"shape":[3]'));
    const corrupt = new Uint8Array([...bytes.subarray(0, 8), ...bad, ...bytes.subarray(8 + bad.length)]);
    expect(() => loadSafetensors(corrupt)).toThrow(SerializationError);
    expect(() => loadSafetensors(corrupt)).toThrow(/tensor 'w' spans 4 bytes but F16 \[3\] needs 6/);
  });
});
