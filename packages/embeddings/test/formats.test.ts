import { SerializationError } from '@dlkit/core';
import { describe, expect, it } from 'vitest';
import { WordVectors } from '../src/index.js';
import { float32Repr } from '../src/formats/float-repr.js';
import { fixtureBytes, golden, readByGensim } from './golden.js';

const wv = WordVectors.fromArrays(golden.words, golden.vectors);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("word2vec and GloVe formats against gensim 4.2's save_word2vec_format and load_word2vec_format", () => {
  it("writes float32 values as NumPy's repr", () => {
    for (const [value, repr] of golden.float32Repr) expect(float32Repr(value)).toBe(repr);
  });

  it('reads the gensim-written binary, text and GloVe files with identical vectors', () => {
    for (const loaded of [
      WordVectors.fromWord2vec(fixtureBytes('vectors.w2v.bin'), { binary: true }),
      WordVectors.fromWord2vec(decode(fixtureBytes('vectors.w2v.txt')), { binary: false }),
      WordVectors.fromWord2vec(fixtureBytes('vectors.w2v.txt'), { binary: false }),
      WordVectors.fromGlove(decode(fixtureBytes('vectors.glove.txt'))),
    ]) {
      expect(loaded.words).toEqual(golden.words);
      expect(loaded.vectors).toEqual(wv.vectors);
    }
  });

  it('writes the same bytes as gensim (binary, text, GloVe)', () => {
    expect(wv.toWord2vecBinary()).toEqual(fixtureBytes('vectors.w2v.bin'));
    expect(wv.toWord2vecText()).toBe(decode(fixtureBytes('vectors.w2v.txt')));
    expect(wv.toGloveText()).toBe(decode(fixtureBytes('vectors.glove.txt')));
  });

  it('files dlkit wrote load in gensim with identical vectors, and dlkit still writes those bytes', () => {
    for (const [name, binary] of [['dlkit.w2v.bin', true], ['dlkit.w2v.txt', false]] as const) {
      const bytes = fixtureBytes(name);
      const gensim = readByGensim[name];
      const ours = WordVectors.fromWord2vec(bytes, { binary });
      expect(ours.words).toEqual(gensim.words);
      expect(ours.vectors).toEqual(Float32Array.from(gensim.vectors.flat()));
      // gensim, saving what it read, wrote these same bytes back (checked by the generator).
      expect(gensim.gensimResavesSameBytes).toBe(true);
      const rewritten = binary ? ours.toWord2vecBinary() : new TextEncoder().encode(ours.toWord2vecText());
      expect(rewritten).toEqual(bytes);
    }
  });

  it("reads the C tool's binary form (a newline after each vector) too", () => {
    const withBreaks = wv.toWord2vecBinary({ lineBreaks: true });
    expect(withBreaks.length).toBe(fixtureBytes('vectors.w2v.bin').length + wv.size);
    expect(WordVectors.fromWord2vec(withBreaks).vectors).toEqual(wv.vectors);
  });

  it('raises SerializationError for malformed headers, wrong vector lengths and truncated files', () => {
    const bin = fixtureBytes('vectors.w2v.bin');
    expect(() => WordVectors.fromWord2vec(bin.subarray(0, bin.length - 3))).toThrow(SerializationError);
    expect(() => WordVectors.fromWord2vec(bin.subarray(0, bin.length - 3))).toThrow(/promises 50 vectors of 8 float32, the file holds 49 whole ones/);
    expect(() => WordVectors.fromWord2vec(new TextEncoder().encode('50 x\nabc'))).toThrow(/malformed header "50 x"/);
    expect(() => WordVectors.fromWord2vec('2 3\na 1 2 3\nb 1 2\n', { binary: false })).toThrow(/line 3 has 2 values, expected 3/);
    expect(() => WordVectors.fromWord2vec('2 3\na 1 2 3\n', { binary: false })).toThrow(/header promises 2 vectors, the file holds 1/);
    expect(() => WordVectors.fromWord2vec('1 2\na 1 zz\n', { binary: false })).toThrow(/"zz" is not a finite number/);
    expect(() => WordVectors.fromWord2vec('1 2\na 1 2\n', { binary: true })).toThrow(/needs bytes/);
    expect(() => WordVectors.fromGlove('a 1 2\nb 1\n')).toThrow(/line 2 has 1 values, expected 2/);
    expect(() => WordVectors.fromGlove(Uint8Array.of(0x61, 0x20, 0xff, 0x0a))).toThrow(/not valid UTF-8/);
  });
});
