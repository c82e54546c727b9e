import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SerializationError, loadSafetensors, manualSeed, nn, randn, saveSafetensors, tensor } from '@dlkit/core';
import { loadCheckpoint, saveCheckpoint, writeFileAtomic } from '@dlkit/core/node';

function model(): nn.Sequential {
  return new nn.Sequential(new nn.Linear(3, 4), new nn.BatchNorm1d(4), new nn.ReLU(), new nn.Linear(4, 2));
}

function headerOf(bytes: Uint8Array): { length: number; json: Record<string, { data_offsets: number[] }> } {
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return { length, json: JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) };
}

function withHeader(bytes: Uint8Array, edit: (json: Record<string, { data_offsets: number[]; dtype?: string }>) => void): Uint8Array {
  const { length, json } = headerOf(bytes);
  edit(json);
  const header = new TextEncoder().encode(JSON.stringify(json));
  const out = new Uint8Array(8 + header.length + bytes.length - 8 - length);
  new DataView(out.buffer).setBigUint64(0, BigInt(header.length), true);
  out.set(header, 8);
  out.set(bytes.subarray(8 + length), 8 + header.length);
  return out;
}

describe('safetensors', () => {
  it('round-trips every dtype bit for bit, with metadata, 8-byte aligned', () => {
    const tensors = {
      f32: randn([3, 5], { seed: 1 }),
      f64: randn([2, 2], { seed: 2, dtype: 'float64' }),
      i32: tensor([[-7, 2147483647]], { dtype: 'int32' }),
      b: tensor([true, false, true]),
      scalar: tensor(3.25),
      empty: tensor([], { shape: [0, 4] }),
    };
    const bytes = saveSafetensors(tensors, { format: 'pt', note: 'dlkit' });
    expect((8 + headerOf(bytes).length) % 8).toBe(0);
    const { tensors: loaded, metadata } = loadSafetensors(bytes);
    expect(metadata).toEqual({ format: 'pt', note: 'dlkit' });
    for (const [name, t] of Object.entries(tensors)) {
      expect(loaded[name]!.dtype).toBe(t.dtype);
      expect(loaded[name]!.shape).toEqual(t.shape);
      expect(new Uint8Array(loaded[name]!.dataSync().buffer)).toEqual(new Uint8Array(t.dataSync().buffer));
    }
  });

  const valid = saveSafetensors({ a: randn([4], { seed: 3 }), b: randn([2], { seed: 4 }) });
  const malformed: [string, Uint8Array, RegExp][] = [
    ['a file shorter than its length prefix', valid.subarray(0, 5), /shorter than the 8-byte header length/],
    ['a truncated data section', valid.subarray(0, valid.length - 3), /fall outside|cover/],
    ['an oversized header length', (() => { const b = valid.slice(); new DataView(b.buffer).setBigUint64(0, 1n << 40n, true); return b; })(), /header length .* exceeds/],
    ['a header that is not JSON', (() => { const b = valid.slice(); b[9] = 0x7b; b[8] = 0x5b; return b; })(), /not valid UTF-8 JSON|must be a JSON object/],
    ['overlapping tensors', withHeader(valid, (h) => { h.b!.data_offsets = [0, 8]; }), /overlap or gap|cover/],
    ['a size that does not match the dtype', withHeader(valid, (h) => { h.a!.dtype = 'F64'; }), /needs 32/],
    ['an unsupported dtype', withHeader(valid, (h) => { h.a!.dtype = 'F8_E4M3'; }), /unsupported dtype "F8_E4M3"; expected one of F64, F32, I32, BOOL, I64, F16, BF16/],
  ];
  for (const [what, bytes, message] of malformed) {
    it(`rejects ${what} with a SerializationError`, () => {
      expect(() => loadSafetensors(bytes)).toThrow(SerializationError);
      expect(() => loadSafetensors(bytes)).toThrow(message);
    });
  }
});

describe('saveSafetensors input checks', () => {
  it('names an entry that is not a tensor', () => {
    const bad = { w: 5 } as unknown as Record<string, ReturnType<typeof tensor>>;
    expect(() => saveSafetensors(bad)).toThrow(SerializationError);
    expect(() => saveSafetensors(bad)).toThrow(/saveSafetensors: 'w' must be a Tensor, got number 5/);
    expect(() => saveSafetensors(null as unknown as Record<string, ReturnType<typeof tensor>>)).toThrow(
      /saveSafetensors: expected a record of named tensors \(e.g. model.stateDict\(\)\), got null/,
    );
  });
});

describe('checkpoints on disk', () => {
  it('save then load restores every parameter and buffer exactly', () => {
    manualSeed(11);
    const dir = mkdtempSync(join(tmpdir(), 'dlkit-ckpt-'));
    const source = model();
    source.forward(randn([5, 3]));
    saveCheckpoint(join(dir, 'm.safetensors'), source, { epoch: '3' });
    const target = model();
    expect(loadCheckpoint(join(dir, 'm.safetensors'), target)).toEqual({ epoch: '3' });
    for (const [name, t] of Object.entries(source.stateDict())) {
      expect(target.stateDict()[name]!.dataSync()).toEqual(t.dataSync());
    }
    expect(readdirSync(dir)).toEqual(['m.safetensors']);
  });

  it('a bad file raises SerializationError and leaves the module untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlkit-ckpt-'));
    const target = model();
    const before = Object.fromEntries(Object.entries(target.stateDict()).map(([k, t]) => [k, t.dataSync()]));
    const good = saveSafetensors(model().stateDict());
    const wrongShape = saveSafetensors({ ...model().stateDict(), '0.weight': randn([2, 2]) });
    const cases = { truncated: good.subarray(0, good.length - 10), mismatched: wrongShape };
    for (const [name, bytes] of Object.entries(cases)) {
      writeFileSync(join(dir, name), bytes);
      expect(() => loadCheckpoint(join(dir, name), target)).toThrow(SerializationError);
    }
    expect(() => loadCheckpoint(join(dir, 'missing'), target)).toThrow(/cannot read/);
    for (const [k, t] of Object.entries(target.stateDict())) expect(t.dataSync()).toEqual(before[k]);
  });

  it('overwrites atomically: the previous file stays whole if the write fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlkit-ckpt-'));
    const path = join(dir, 'm.safetensors');
    const source = model();
    saveCheckpoint(path, source);
    const previous = readFileSync(path);
    const broken = model();
    // A state dict that cannot be serialized fails before the rename: the old file survives.
    Object.defineProperty(broken, 'stateDict', { value: () => ({ __metadata__: randn([1]) }) });
    expect(() => saveCheckpoint(path, broken)).toThrow(SerializationError);
    expect(readFileSync(path)).toEqual(previous);
    expect(readdirSync(dir)).toEqual(['m.safetensors']);
    expect(existsSync(path)).toBe(true);
  });

  it('creates missing parent folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlkit-ckpt-'));
    const path = join(dir, 'run', 'epoch-1', 'm.safetensors');
    saveCheckpoint(path, model());
    expect(loadCheckpoint(path, model())).toEqual({});
    writeFileAtomic(join(dir, 'a', 'b', 'raw.bin'), new Uint8Array([7]));
    expect([...readFileSync(join(dir, 'a', 'b', 'raw.bin'))]).toEqual([7]);
  });

  it('names the path of a malformed file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlkit-ckpt-'));
    const path = join(dir, 'garbage.safetensors');
    writeFileSync(path, new TextEncoder().encode('not a checkpoint at all'));
    expect(() => loadCheckpoint(path, model())).toThrow(SerializationError);
    expect(() => loadCheckpoint(path, model())).toThrow(
      new RegExp(`loadCheckpoint: '${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}' is not a valid safetensors file: loadSafetensors: header length`),
    );
  });

  it('cleans up its temporary file when the final rename fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlkit-ckpt-'));
    const target = join(dir, 'occupied');
    mkdirSync(join(target, 'child'), { recursive: true });
    expect(() => writeFileAtomic(target, new Uint8Array([1, 2, 3]))).toThrow();
    expect(readdirSync(dir)).toEqual(['occupied']);
  });
});
