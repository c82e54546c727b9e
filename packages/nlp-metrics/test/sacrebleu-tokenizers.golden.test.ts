import { describe, expect, it } from 'vitest';
import { BLEU_TOKENIZERS, tokenizeForBleu } from '@dlkit/nlp-metrics';
import { readGolden } from './golden.js';

type Ranges = [number, number][];

interface SacrebleuGolden {
  tokenizers: ({ text: string } & Record<(typeof BLEU_TOKENIZERS)[number], string[]>)[];
  unicodeClasses: { assigned: Ranges; P: Ranges; S: Ranges; N: Ranges };
}

const golden = readGolden<SacrebleuGolden>('sacrebleu.json');

describe("sacreBLEU's tokenizers (tools/fixtures/nlp-metrics/generate_sacrebleu.py)", () => {
  for (const tokenizer of BLEU_TOKENIZERS) {
    it(`${tokenizer} splits every probe as sacreBLEU does`, () => {
      const wrong = golden.tokenizers
        .map((probe) => ({ text: probe.text, got: tokenizeForBleu(probe.text, tokenizer), expected: probe[tokenizer] }))
        .filter(({ got, expected }) => JSON.stringify(got) !== JSON.stringify(expected));
      expect(wrong).toEqual([]);
    });
  }

  it("classifies punctuation, symbols and numbers as the Python `regex` module does, on every code point it knows", () => {
    const inRanges = (ranges: Ranges): Set<number> => new Set(ranges.flatMap(([first, last]) => Array.from({ length: last - first + 1 }, (_, i) => first + i)));
    const classes = { P: /^\p{P}$/u, S: /^\p{S}$/u, N: /^\p{N}$/u };
    const disagreements: string[] = [];
    for (const name of ['P', 'S', 'N'] as const) {
      const python = inRanges(golden.unicodeClasses[name]);
      for (const [first, last] of golden.unicodeClasses.assigned) {
        for (let codePoint = first; codePoint <= last; codePoint++) {
          if (classes[name].test(String.fromCodePoint(codePoint)) !== python.has(codePoint)) {
            disagreements.push(`U+${codePoint.toString(16).toUpperCase()} \\p{${name}}`);
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});
