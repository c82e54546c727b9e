import { describe, expect, it } from 'vitest';
import { ValueError } from '@dlkit/core';
import { BPETokenizer, CharTokenizer, WordTokenizer } from '@dlkit/transformer';

const CORPUS = 'the quick brown fox jumps over the lazy dog. the dog sleeps; the fox runs! ' +
  'Ünïcödé, emoji 🦊 and numbers 1234 too.\n\tTabs   and  spaces. ';

describe('BPETokenizer', () => {
  it("learns Wikipedia's hand-worked example: aaabdaaabac → Z=aa, Y=ab, X=ZY → XdXac", () => {
    const bpe = BPETokenizer.train('aaabdaaabac', { vocabSize: 259 });
    // a = 97, b = 98: after 'aa' (256) the pairs (aa, a) and (a, b) both occur twice; the smaller pair of ids, (a, b), wins.
    expect(bpe.merges).toEqual([[97, 97], [97, 98], [256, 257]]);
    expect(bpe.encode('aaabdaaabac')).toEqual([258, 100, 258, 97, 99]);
    expect(bpe.tokenText(258)).toBe('aaab');
    // Stops early when no pair repeats.
    expect(BPETokenizer.train('aaabdaaabac', { vocabSize: 300 }).merges.length).toBe(3);
  });

  it('round trips any text exactly, and encode(decode(ids)) gives the ids back', () => {
    const bpe = BPETokenizer.train(CORPUS.repeat(3), { vocabSize: 320, specialTokens: ['<|endoftext|>', '<pad>'] });
    expect(bpe.merges.length).toBeGreaterThan(20);
    expect(bpe.vocabSize).toBe(256 + bpe.merges.length + 2);
    for (const text of [CORPUS, 'unseen words: zebra 🦓 ½ ∑ \u0000 \r\n', '', '   ', 'the<|endoftext|>fox<pad>']) {
      const ids = bpe.encode(text);
      expect(bpe.decode(ids)).toBe(text);
      expect(bpe.encode(bpe.decode(ids))).toEqual(ids);
    }
    const ids = bpe.encode('the fox<|endoftext|>');
    expect(ids[ids.length - 1]).toBe(256 + bpe.merges.length);
    expect(bpe.encode(' the').length).toBe(1);
    expect(bpe.encode('the quick').length).toBeLessThan(new TextEncoder().encode('the quick').length);
    const copy = new BPETokenizer(bpe.merges, bpe.specialTokens);
    expect(copy.encode(CORPUS)).toEqual(bpe.encode(CORPUS));
  });

  it('rejects bad merges, sizes and ids', () => {
    expect(() => new BPETokenizer([[97, 300]])).toThrow(ValueError);
    expect(() => BPETokenizer.train('abc', { vocabSize: 100 })).toThrow(/vocabSize must be an integer ≥ 256/);
    expect(() => BPETokenizer.train('abc', { vocabSize: 256 }).decode([256])).toThrow(/outside \[0, 256\)/);
  });
});

describe('CharTokenizer', () => {
  it('maps code points (special tokens first) and round trips', () => {
    const tok = CharTokenizer.fromText('hello 🦊', { specialTokens: ['<pad>', '<eos>', '<unk>'], unknownToken: '<unk>' });
    expect(tok.tokens.slice(0, 3)).toEqual(['<pad>', '<eos>', '<unk>']);
    expect(tok.vocabSize).toBe(3 + 6);
    const text = 'hole 🦊<eos>';
    expect(tok.decode(tok.encode(text))).toBe(text);
    expect(tok.encode('h🦊').length).toBe(2);
    expect(tok.encode('x')).toEqual([tok.id('<unk>')]);
    expect(() => CharTokenizer.fromText('ab').encode('c')).toThrow(/'c' \(U\+63\) is not in the vocabulary/);
  });
});

describe('WordTokenizer', () => {
  it('builds a vocabulary by frequency and maps unknown words to <unk>', () => {
    const tok = WordTokenizer.fromCorpus(['the cat sat.', 'the dog sat, the end.'], { minFrequency: 1 });
    expect(tok.tokens.slice(0, 5)).toEqual(['<pad>', '<unk>', 'the', '.', 'sat']);
    const ids = tok.encode('the cat ran.');
    expect(tok.decode(ids)).toBe('the cat <unk> .');
    const frequent = WordTokenizer.fromCorpus('a a b', { minFrequency: 2, lowercase: true });
    expect(frequent.tokens).toEqual(['<pad>', '<unk>', 'a']);
    expect(frequent.encode('A B')).toEqual([2, 1]);
  });
});
