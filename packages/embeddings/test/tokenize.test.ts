import { describe, expect, it } from 'vitest';
import { lowercaseTokenize, punctuationTokenize, readLines, readSentences, taggedTokenize, whitespaceTokenize } from '../src/index.js';

describe('tokenizers', () => {
  it('split on whitespace, lower-case, and make punctuation its own token', () => {
    expect(whitespaceTokenize('  the cat\tsat\n ')).toEqual(['the', 'cat', 'sat']);
    expect(lowercaseTokenize('The CAT')).toEqual(['the', 'cat']);
    expect(punctuationTokenize("Hello, world! Don't.")).toEqual(['Hello', ',', 'world', '!', 'Don', "'", 't', '.']);
    expect(punctuationTokenize('Ça va?', { lowercase: true })).toEqual(['ça', 'va', '?']);
  });
});

describe('streaming corpus reader', () => {
  it('yields lines across chunk boundaries, splitting multi-byte UTF-8 characters correctly', async () => {
    const bytes = new TextEncoder().encode('première ligne\r\nsecond line\nlast é');
    // Chunks of 3 bytes cut 'è' and 'é' in the middle.
    const chunks = function* () {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
    };
    const lines: string[] = [];
    for await (const line of readLines(chunks())) lines.push(line);
    expect(lines).toEqual(['première ligne', 'second line', 'last é']);
  });

  it('yields tokenized sentences and skips empty lines', async () => {
    const sentences: string[][] = [];
    for await (const s of readSentences(['The cat\n\n', 'sat down\n'], lowercaseTokenize)) sentences.push(s);
    expect(sentences).toEqual([['the', 'cat'], ['sat', 'down']]);
  });
  it('strips part-of-speech tags (Brown form), optionally lower-casing and keeping letter words only', () => {
    const line = "The/at jury/nn-tl didn't/dod* say/vb ``/`` 1913/cd over-all/jj ./. bare";
    expect(taggedTokenize(line)).toEqual(['The', 'jury', "didn't", 'say', '``', '1913', 'over-all', '.']);
    expect(taggedTokenize(line, { lowercase: true, wordsOnly: true })).toEqual(['the', 'jury', "didn't", 'say', 'over-all']);
    expect(taggedTokenize('a/b/nn café/nn')).toEqual(['a/b', 'café']);
  });
});
