import { SerializationError } from '@dlkit/core';
import { WordVectors } from '../word-vectors.js';
import { float32Repr } from './float-repr.js';

/** Options of {@link WordVectors.fromWord2vec}-style reading (see {@link readWord2vec}). */
export interface Word2vecReadOptions {
  /** The binary format (the default when the input is bytes); `false` reads the text format. */
  binary?: boolean;
}

/** Options of {@link toWord2vecBinary}. */
export interface Word2vecBinaryWriteOptions {
  /**
   * End each vector with `\n`, as the original C tool does (default `false`: none, as gensim's
   * `save_word2vec_format(binary=True)`). Both readers accept either form.
   */
  lineBreaks?: boolean;
}

const encoder = new TextEncoder();

/**
 * The word2vec text format as gensim's `save_word2vec_format(binary=False)`: a header
 * `"<count> <vectorSize>\n"`, then per word `word v1 v2 …\n` with each float32 written as
 * NumPy's `repr` (the shortest digits that read back exactly).
 * @example toWord2vecText(WordVectors.fromArrays(['a'], [[0.5, -1]])) // '1 2\na 0.5 -1.0\n'
 */
export function toWord2vecText(wv: WordVectors, options: { header?: boolean } = {}): string {
  const lines: string[] = options.header === false ? [] : [`${wv.size} ${wv.vectorSize}`];
  const n = wv.vectorSize;
  wv.words.forEach((word, i) => {
    const values: string[] = [];
    for (let d = 0; d < n; d++) values.push(float32Repr(wv.vectors[i * n + d]!));
    lines.push(`${word} ${values.join(' ')}`);
  });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * The word2vec binary format as gensim's `save_word2vec_format(binary=True)`: the UTF-8 header
 * `"<count> <vectorSize>\n"`, then per word its UTF-8 bytes, a space and `vectorSize` float32
 * little-endian values (and a `\n` with `lineBreaks`, as the C tool).
 * @example toWord2vecBinary(wv) // Uint8Array(…)
 */
export function toWord2vecBinary(wv: WordVectors, options: Word2vecBinaryWriteOptions = {}): Uint8Array {
  const header = encoder.encode(`${wv.size} ${wv.vectorSize}\n`);
  const names = wv.words.map((word) => encoder.encode(`${word} `));
  const vectorBytes = wv.vectorSize * 4;
  const tail = options.lineBreaks === true ? 1 : 0;
  const total = header.length + names.reduce((sum, name) => sum + name.length + vectorBytes + tail, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(header, 0);
  let at = header.length;
  names.forEach((name, i) => {
    out.set(name, at);
    at += name.length;
    for (let d = 0; d < wv.vectorSize; d++, at += 4) view.setFloat32(at, wv.vectors[i * wv.vectorSize + d]!, true);
    if (tail === 1) out[at++] = 0x0a;
  });
  return out;
}

/**
 * Reads the word2vec text or binary format (gensim's `load_word2vec_format`). A malformed header,
 * a line with the wrong number of values, a value that is not a finite number, invalid UTF-8 or a
 * file with fewer vectors than its header promises raises a SerializationError naming the line or
 * byte offset; anything after the promised vectors is ignored, as gensim.
 * @param data the file's bytes, or its text (text format only).
 * @example readWord2vec(toWord2vecBinary(wv)).similarity('a', 'b')
 */
export function readWord2vec(data: Uint8Array | string, options: Word2vecReadOptions = {}): WordVectors {
  const binary = options.binary ?? typeof data !== 'string';
  if (binary) {
    if (typeof data === 'string') throw new SerializationError('readWord2vec: the binary format needs bytes (a Uint8Array), got a string');
    return readBinary(data);
  }
  return readText(typeof data === 'string' ? data : decodeUtf8('readWord2vec', data), true, 'readWord2vec');
}

/** @internal Reads text lines of `word v1 … vn`, after a `count size` header when `header`. */
export function readText(text: string, header: boolean, fn: string): WordVectors {
  const lines = text.split('\n');
  let expected = Infinity;
  let size = -1;
  let first = 0;
  if (header) {
    [expected, size] = parseHeader(fn, lines[0] ?? '');
    first = 1;
  }
  const words: string[] = [];
  const values: number[] = [];
  for (let lineNo = first; lineNo < lines.length && words.length < expected; lineNo++) {
    const line = lines[lineNo]!.replace(/\s+$/u, '');
    if (line.length === 0) {
      if (header) continue;
      if (lines.slice(lineNo).every((rest) => rest.trim().length === 0)) break;
      throw new SerializationError(`${fn}: empty line ${lineNo + 1}`);
    }
    const parts = line.split(' ');
    if (size < 0) size = parts.length - 1;
    if (parts.length !== size + 1 || size < 1) {
      throw new SerializationError(`${fn}: line ${lineNo + 1} has ${parts.length - 1} values, expected ${size} (is this really the text format?)`);
    }
    words.push(parts[0]!);
    for (let d = 1; d <= size; d++) {
      const value = Number(parts[d]);
      if (!Number.isFinite(value) || parts[d]!.length === 0) throw new SerializationError(`${fn}: line ${lineNo + 1}, value ${d}: ${JSON.stringify(parts[d])} is not a finite number`);
      values.push(value);
    }
  }
  if (header && words.length < expected) throw new SerializationError(`${fn}: unexpected end of input: the header promises ${expected} vectors, the file holds ${words.length}`);
  if (words.length === 0) throw new SerializationError(`${fn}: the input holds no vectors`);
  return WordVectors.fromArrays(words, Float32Array.from(values), size);
}

function readBinary(bytes: Uint8Array): WordVectors {
  const fn = 'readWord2vec';
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) throw new SerializationError(`${fn}: no header line (expected "<count> <vectorSize>\\n")`);
  const [count, size] = parseHeader(fn, decodeUtf8(fn, bytes.subarray(0, newline)));
  const vectorBytes = size * 4;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const words: string[] = [];
  const values = new Float32Array(count * size);
  let at = newline + 1;
  for (let i = 0; i < count; i++) {
    while (at < bytes.length && bytes[at] === 0x0a) at++;
    const space = bytes.indexOf(0x20, at);
    if (space < 0 || bytes.length - (space + 1) < vectorBytes) {
      throw new SerializationError(`${fn}: unexpected end of input at byte ${at}: the header promises ${count} vectors of ${size} float32, the file holds ${i} whole ones`);
    }
    words.push(decodeUtf8(fn, bytes.subarray(at, space)));
    at = space + 1;
    for (let d = 0; d < size; d++, at += 4) {
      const value = view.getFloat32(at, true);
      if (!Number.isFinite(value)) throw new SerializationError(`${fn}: vector ${i} (${JSON.stringify(words[i])}) has a non-finite value at ${d}`);
      values[i * size + d] = value;
    }
  }
  return WordVectors.fromArrays(words, values, size);
}

function parseHeader(fn: string, line: string): [number, number] {
  const parts = line.trim().split(/\s+/);
  const [count, size] = parts.map(Number);
  if (parts.length !== 2 || !Number.isInteger(count) || !Number.isInteger(size) || count! < 1 || size! < 1) {
    throw new SerializationError(`${fn}: malformed header ${JSON.stringify(line.slice(0, 80))}, expected "<count> <vectorSize>" with two positive integers`);
  }
  return [count!, size!];
}

/** @internal Strict UTF-8 decoding; invalid bytes raise a SerializationError. */
export function decodeUtf8(fn: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SerializationError(`${fn}: the input is not valid UTF-8`);
  }
}
