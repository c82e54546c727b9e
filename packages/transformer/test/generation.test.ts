import { describe, expect, it } from 'vitest';
import { manualSeed, tensor, ValueError } from '@dlkit/core';
import { beamSearchDecode, generate, GPT, Transformer } from '@dlkit/transformer';

function lm(positional: 'learned' | 'sinusoidal' | 'rotary' = 'learned'): GPT {
  manualSeed(3);
  return new GPT({ vocabSize: 11, dModel: 16, nHead: 2, numLayers: 2, maxLength: 40, positional, dtype: 'float64' }).eval();
}

describe('generate', () => {
  for (const positional of ['learned', 'sinusoidal', 'rotary'] as const) {
    it(`with the KV cache gives exactly the tokens of generation without it (${positional} positions; greedy and sampled)`, () => {
      const model = lm(positional);
      const prompts = [[1, 2, 3], [4, 4, 5]];
      for (const options of [{ temperature: 0 }, { temperature: 1.3, seed: 5 }, { temperature: 0.9, topK: 4, seed: 6 }, { topP: 0.8, seed: 7 }]) {
        const cached = generate(model, prompts, { maxNewTokens: 20, ...options });
        const uncached = generate(model, prompts, { maxNewTokens: 20, ...options, useCache: false });
        expect(cached).toEqual(uncached);
        expect(cached.map((r) => r.length)).toEqual([20, 20]);
      }
    });
  }

  it('is seeded, stops at a stop token and checks its arguments', () => {
    const model = lm();
    const a = generate(model, [[1]], { maxNewTokens: 30, seed: 11, temperature: 2 });
    expect(generate(model, [[1]], { maxNewTokens: 30, seed: 11, temperature: 2 })).toEqual(a);
    expect(generate(model, [[1]], { maxNewTokens: 30, seed: 12, temperature: 2 })).not.toEqual(a);
    const stop = a[0]![4]!;
    const stopped = generate(model, [[1]], { maxNewTokens: 30, seed: 11, temperature: 2, stopTokens: [stop] })[0]!;
    expect(stopped).toEqual(a[0]!.slice(0, a[0]!.indexOf(stop) + 1));
    expect(() => generate(model, [[1, 2], [3]], { maxNewTokens: 2 })).toThrow(ValueError);
    expect(() => generate(model, [[1]], { maxNewTokens: 50 })).toThrow(/exceed maxLength 40/);
  });
});

describe('beamSearchDecode', () => {
  it('with the cache finds the hypotheses found without it; beam 1 is greedy', () => {
    const model = lm();
    const cached = beamSearchDecode(model, [1, 2], { beamWidth: 3, maxLength: 8, eos: 0, lengthPenalty: 0.7 });
    const uncached = beamSearchDecode(model, [1, 2], { beamWidth: 3, maxLength: 8, eos: 0, lengthPenalty: 0.7, useCache: false });
    expect(cached.map((h) => h.tokens)).toEqual(uncached.map((h) => h.tokens));
    cached.forEach((h, i) => expect(h.score).toBeCloseTo(uncached[i]!.score, 10));
    const greedy = generate(model, [[1, 2]], { maxNewTokens: 8, temperature: 0 })[0]!;
    expect(beamSearchDecode(model, [1, 2], { beamWidth: 1, maxLength: 8 })[0]!.tokens).toEqual(greedy);
  });

  it("runs the encoder–decoder Transformer's decoder, cached and uncached alike", () => {
    manualSeed(4);
    const model = new Transformer({ srcVocabSize: 9, tgtVocabSize: 7, dModel: 16, nHead: 2, numEncoderLayers: 1, numDecoderLayers: 2, dimFeedforward: 32, maxLength: 16, dtype: 'float64' }).eval();
    const decoder = model.decoderFor(tensor([[3, 1, 4, 1, 5]], { dtype: 'int32' }));
    const beams = beamSearchDecode(decoder, [0], { beamWidth: 2, maxLength: 6, eos: 1 });
    expect(beams.map((h) => h.tokens)).toEqual(beamSearchDecode(decoder, [0], { beamWidth: 2, maxLength: 6, eos: 1, useCache: false }).map((h) => h.tokens));
    expect(generate(decoder, [[0], [0]], { maxNewTokens: 6, seed: 1 })).toEqual(generate(decoder, [[0], [0]], { maxNewTokens: 6, seed: 1, useCache: false }));
  });
});
