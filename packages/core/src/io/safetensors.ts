import { allocate, isFloat, type DType, type TypedArray } from '../dtype.js';
import { fromBFloat16Bits, fromFloat16Bits, toBFloat16Bits, toFloat16Bits } from './half.js';
import { describeValue, SerializationError } from '../errors.js';
import { sizeOf } from '../shape.js';
import { Tensor } from '../tensor.js';
import { fromValues } from '../ops/creation.js';

/**
 * The safetensors format (Hugging Face): an 8-byte little-endian header length N, N bytes of
 * JSON header `{ name: { dtype, shape, data_offsets: [begin, end] }, __metadata__?: {…} }`
 * (padded with spaces to 8 bytes), then the raw little-endian tensor bytes.
 * PyTorch's and Hugging Face's readers load what dlkit writes, and the other way round.
 */
const DTYPE_CODES: Record<DType, string> = { float32: 'F32', float64: 'F64', int32: 'I32', bool: 'BOOL' };
const BYTES: Record<DType, number> = { float32: 4, float64: 8, int32: 4, bool: 1 };

/** A reduced-precision storage format for float tensors: IEEE half (F16) or bfloat16 (BF16). */
export type HalfDType = 'float16' | 'bfloat16';
const HALF_CODES: Record<HalfDType, 'F16' | 'BF16'> = { float16: 'F16', bfloat16: 'BF16' };

/**
 * What each stored code is read as, and its bytes per element. PyTorch stores integer buffers
 * (BatchNorm's num_batches_tracked) as I64, which load as int32 when in range; F16 and BF16
 * (Hugging Face checkpoints) load as float32, exactly (every half and bfloat16 value is a float32).
 */
const READ_AS: Record<string, { dtype: DType; bytes: number }> = {
  F64: { dtype: 'float64', bytes: 8 },
  F32: { dtype: 'float32', bytes: 4 },
  I32: { dtype: 'int32', bytes: 4 },
  BOOL: { dtype: 'bool', bytes: 1 },
  I64: { dtype: 'int32', bytes: 8 },
  F16: { dtype: 'float32', bytes: 2 },
  BF16: { dtype: 'float32', bytes: 2 },
};
/** Headers beyond this are refused before parsing (the reference implementation's limit). */
const MAX_HEADER_BYTES = 100_000_000;

/** Tensors and string metadata read from a safetensors file. */
export interface SafetensorsContents {
  /** Every tensor in the file, by its name (e.g. `'0.weight'`), with the stored shape and dtype. */
  readonly tensors: Record<string, Tensor>;
  /** The header's `__metadata__` string map (empty when the file has none). */
  readonly metadata: Record<string, string>;
}

/**
 * Data order of the reference writer: widest dtype first (F64, F32, I32, BF16, F16, BOOL — its
 * dtype enum in reverse), then by name, so every tensor starts at a multiple of its element size.
 */
const DATA_ORDER: Record<string, number> = { F64: 0, F32: 1, I32: 2, BF16: 3, F16: 4, BOOL: 5 };

/** Options of {@link saveSafetensors}. */
export interface SaveSafetensorsOptions {
  /**
   * Store float tensors as F16 or BF16 (rounded to nearest, ties to even, as PyTorch's `.half()` and
   * `.bfloat16()`; float64 values are rounded to float32 first, as PyTorch does): one format for
   * every float tensor, or a format per tensor name (the others keep their dtype). Default: each
   * tensor's own dtype. Values beyond the format's range become ±Infinity; NaN stays NaN.
   */
  dtype?: HalfDType | Readonly<Record<string, HalfDType>>;
}

/** The stored code of each tensor: its own dtype's, or the half format the options ask for. */
function storedCodes(tensors: Readonly<Record<string, Tensor>>, names: readonly string[], options: SaveSafetensorsOptions): Map<string, string> {
  const fail = (why: string): never => {
    throw new SerializationError(`saveSafetensors: ${why}`);
  };
  const requested = options.dtype;
  const perName = typeof requested === 'object' ? requested : undefined;
  const forAll = typeof requested === 'object' ? undefined : requested;
  for (const [name, half] of perName !== undefined ? Object.entries(perName) : forAll !== undefined ? [['', forAll] as const] : []) {
    if (!Object.hasOwn(HALF_CODES, half)) fail(`options.dtype must be 'float16' or 'bfloat16', got ${JSON.stringify(half)}${name ? ` for tensor '${name}'` : ''}`);
    if (perName !== undefined && !Object.hasOwn(tensors, name)) fail(`options.dtype names '${name}', which is not one of the tensors`);
  }
  const codes = new Map<string, string>();
  for (const name of names) {
    const dtype = tensors[name]!.dtype;
    const half = perName !== undefined ? perName[name] : forAll;
    if (half === undefined || (perName === undefined && !isFloat(dtype))) {
      codes.set(name, DTYPE_CODES[dtype]);
      continue;
    }
    if (!isFloat(dtype)) fail(`tensor '${name}' is ${dtype}; only float tensors can be stored as ${half}`);
    codes.set(name, HALF_CODES[half]);
  }
  return codes;
}

/** A tensor's values as the little-endian bytes of `code`. */
function encode(values: TypedArray, code: string): Uint8Array {
  if (code === 'F16' || code === 'BF16') {
    const bits = code === 'F16' ? toFloat16Bits(values) : toBFloat16Bits(values);
    return toLittleEndianBytes(bits);
  }
  return toLittleEndianBytes(values);
}

/**
 * Serializes named tensors (a `stateDict()`) to safetensors bytes, laid out byte for byte as the
 * reference writer lays them out (data ordered widest dtype first, then by name, so every tensor
 * is aligned to its element size; header entries in that order; metadata in insertion order).
 * `options.dtype` stores float tensors as F16 or BF16 (half the bytes of F32).
 * @example
 * ```ts
 * const bytes = saveSafetensors(model.stateDict(), { epoch: '3' });
 * const small = saveSafetensors(model.stateDict(), {}, { dtype: 'bfloat16' });
 * ```
 */
export function saveSafetensors(
  tensors: Readonly<Record<string, Tensor>>,
  metadata: Readonly<Record<string, string>> = {},
  options: SaveSafetensorsOptions = {},
): Uint8Array {
  if (typeof tensors !== 'object' || tensors === null) {
    throw new SerializationError(`saveSafetensors: expected a record of named tensors (e.g. model.stateDict()), got ${describeValue(tensors)}`);
  }
  const names = Object.keys(tensors).sort();
  for (const name of names) {
    const t: unknown = tensors[name];
    if (!(t instanceof Tensor)) throw new SerializationError(`saveSafetensors: '${name}' must be a Tensor, got ${describeValue(t)}`);
  }
  if (names.includes('__metadata__')) throw new SerializationError("saveSafetensors: '__metadata__' is reserved and cannot name a tensor");
  for (const [k, v] of Object.entries(metadata)) {
    if (typeof v !== 'string') throw new SerializationError(`saveSafetensors: metadata '${k}' must be a string, got ${typeof v}`);
  }
  const codes = storedCodes(tensors, names, options);
  const dataOrder = [...names].sort((a, b) => DATA_ORDER[codes.get(a)!]! - DATA_ORDER[codes.get(b)!]! || (a < b ? -1 : a > b ? 1 : 0));
  const chunks = new Map<string, Uint8Array>();
  const offsets = new Map<string, [number, number]>();
  let offset = 0;
  for (const name of dataOrder) {
    const bytes = encode(tensors[name]!.dataSync(), codes.get(name)!);
    chunks.set(name, bytes);
    offsets.set(name, [offset, offset + bytes.length]);
    offset += bytes.length;
  }
  const header: Record<string, unknown> = Object.keys(metadata).length > 0 ? { __metadata__: { ...metadata } } : {};
  for (const name of dataOrder) {
    const t = tensors[name]!;
    header[name] = { dtype: codes.get(name), shape: [...t.shape], data_offsets: offsets.get(name) };
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + new TextEncoder().encode(json).length) % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  const dataStart = 8 + headerBytes.length;
  for (const name of dataOrder) out.set(chunks.get(name)!, dataStart + offsets.get(name)![0]);
  return out;
}

/**
 * Parses safetensors bytes, validating everything first: header length and JSON, each entry's
 * dtype, shape and offsets (in range, sized `shape × dtype`, no overlaps or gaps). Anything
 * wrong raises a {@link SerializationError} naming the entry. F16 and BF16 tensors (Hugging Face
 * checkpoints) load as float32 with their exact values; I64 loads as int32 when in range.
 * @example const { tensors } = loadSafetensors(bytes);
 */
export function loadSafetensors(bytes: Uint8Array): SafetensorsContents {
  const fail = (why: string): never => {
    throw new SerializationError(`loadSafetensors: ${why}`);
  };
  if (bytes.length < 8) fail(`file is ${bytes.length} bytes, shorter than the 8-byte header length`);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  if (headerLength > BigInt(Math.min(MAX_HEADER_BYTES, bytes.length - 8))) {
    fail(`header length ${headerLength} exceeds the file (${bytes.length} bytes) or the ${MAX_HEADER_BYTES}-byte limit`);
  }
  const dataStart = 8 + Number(headerLength);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, dataStart)));
  } catch (error) {
    fail(`header is not valid UTF-8 JSON (${(error as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail('header must be a JSON object');
  const entries = Object.entries(header as Record<string, unknown>);
  const dataLength = bytes.length - dataStart;
  const metadata: Record<string, string> = {};
  const specs: { name: string; code: string; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, raw] of entries) {
    if (name === '__metadata__') {
      if (typeof raw !== 'object' || raw === null || Object.values(raw).some((v) => typeof v !== 'string')) fail('__metadata__ must map strings to strings');
      Object.assign(metadata, raw);
      continue;
    }
    const spec = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const code = String(spec?.dtype);
    const readAs = Object.hasOwn(READ_AS, code) ? READ_AS[code] : undefined;
    if (readAs === undefined) {
      fail(`tensor '${name}' has unsupported dtype ${JSON.stringify(spec?.dtype)}; expected one of ${Object.keys(READ_AS).join(', ')}`);
    }
    const shape = spec.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) fail(`tensor '${name}' has an invalid shape ${JSON.stringify(shape)}`);
    const offsets = spec.data_offsets;
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
      fail(`tensor '${name}' has invalid data_offsets ${JSON.stringify(offsets)}`);
    }
    const [begin, end] = offsets as [number, number];
    if (begin > end || end > dataLength) fail(`tensor '${name}' data_offsets [${begin}, ${end}] fall outside the ${dataLength} data bytes`);
    const expected = sizeOf(shape as number[]) * readAs!.bytes;
    if (end - begin !== expected) fail(`tensor '${name}' spans ${end - begin} bytes but ${code} ${JSON.stringify(shape)} needs ${expected}`);
    specs.push({ name, code, shape: shape as number[], begin, end });
  }
  // The buffer must be tiled exactly: no overlapping tensors, no holes, nothing trailing.
  const sorted = [...specs].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  for (const s of sorted) {
    if (s.begin !== cursor) fail(`tensor '${s.name}' starts at byte ${s.begin}, expected ${cursor} (overlap or gap)`);
    cursor = s.end;
  }
  if (cursor !== dataLength) fail(`data section has ${dataLength} bytes but the tensors cover ${cursor}`);
  const tensors: Record<string, Tensor> = {};
  for (const s of specs) {
    const raw = bytes.subarray(dataStart + s.begin, dataStart + s.end);
    tensors[s.name] = fromValues(decode(raw, s.code, s.name), s.shape);
  }
  return { tensors, metadata };
}

/** The values of one tensor's bytes, stored as `code`, in the typed array of the dtype it loads as. */
function decode(raw: Uint8Array, code: string, name: string): TypedArray {
  switch (code) {
    case 'I64': return narrowInt64(raw, name);
    case 'F16': return fromFloat16Bits(fromLittleEndianBytes(raw, 2, (n) => new Uint16Array(n)));
    case 'BF16': return fromBFloat16Bits(fromLittleEndianBytes(raw, 2, (n) => new Uint16Array(n)));
    default: {
      const dtype = READ_AS[code]!.dtype;
      const values = fromLittleEndianBytes(raw, BYTES[dtype], (n) => allocate(dtype, n));
      if (dtype === 'bool' && values.some((v) => v > 1)) throw new SerializationError('loadSafetensors: BOOL tensor holds bytes other than 0 and 1');
      return values;
    }
  }
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function toLittleEndianBytes(values: TypedArray | Uint16Array): Uint8Array {
  const bytes = new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  if (!littleEndian && values.BYTES_PER_ELEMENT > 1) swapBytes(bytes, values.BYTES_PER_ELEMENT);
  return bytes;
}

/** Little-endian elements of `width` bytes copied into a fresh typed array made by `make(length)`. */
function fromLittleEndianBytes<A extends TypedArray | Uint16Array>(bytes: Uint8Array, width: number, make: (length: number) => A): A {
  const copy = bytes.slice();
  if (!littleEndian && width > 1) swapBytes(copy, width);
  const out = make(copy.length / width);
  new Uint8Array(out.buffer).set(copy);
  return out;
}

function narrowInt64(bytes: Uint8Array, name: string): Int32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int32Array(bytes.length / 8);
  for (let i = 0; i < out.length; i++) {
    const value = view.getBigInt64(i * 8, true);
    if (value < -2147483648n || value > 2147483647n) {
      throw new SerializationError(`loadSafetensors: I64 tensor '${name}' holds ${value}, outside the int32 range dlkit stores`);
    }
    out[i] = Number(value);
  }
  return out;
}

function swapBytes(bytes: Uint8Array, width: number): void {
  for (let i = 0; i < bytes.length; i += width) bytes.subarray(i, i + width).reverse();
}
