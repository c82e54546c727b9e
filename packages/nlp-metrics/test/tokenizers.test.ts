import { describe, expect, it } from 'vitest';
import { tokenizeForBleu } from '@dlkit/nlp-metrics';

describe('tokenizeForBleu', () => {
  it('13a splits punctuation off, keeps decimal points and thousands separators, unescapes HTML', () => {
    expect(tokenizeForBleu('Hello, world!')).toEqual(['Hello', ',', 'world', '!']);
    expect(tokenizeForBleu('It costs $3.50, not 1,000.')).toEqual(['It', 'costs', '$', '3.50', ',', 'not', '1,000', '.']);
    expect(tokenizeForBleu('AT&amp;T &quot;rocks&quot;')).toEqual(['AT', '&', 'T', '"', 'rocks', '"']);
    // Apostrophes stay inside words; a hyphen splits only after a digit.
    expect(tokenizeForBleu("wasn't well-known 2-3")).toEqual(["wasn't", 'well-known', '2', '-', '3']);
  });

  it('intl splits Unicode punctuation and symbols except between digits', () => {
    expect(tokenizeForBleu('«Bonjour», 3.14 €', 'intl')).toEqual(['«', 'Bonjour', '»', ',', '3.14', '€']);
    expect(tokenizeForBleu('3.14, 1,000 and 2-3', 'intl')).toEqual(['3.14', ',', '1,000', 'and', '2-3']);
  });

  it('char makes every non-space character a token, counting code points', () => {
    expect(tokenizeForBleu('a b😀', 'char')).toEqual(['a', 'b', '😀']);
  });

  it("none splits on Python's whitespace, which includes U+001C and U+0085 but not U+FEFF", () => {
    expect(tokenizeForBleu('a\x1cb\x85c\ufeffd', 'none')).toEqual(['a', 'b', 'c\ufeffd']);
  });
});
