import { describe, expect, it } from 'vitest';
import { tensor, ValueError } from '@dlkit/core';
import { beamSearch, type BeamStep } from '@dlkit/sequence';

const EOS = 0;
const VOCAB = 4; // EOS and tokens 1..3

/** A toy model with known probabilities: P(next | prefix) from a fixed pseudo-random table keyed by the prefix. */
function toyLogProbs(prefix: readonly number[]): number[] {
  let h = 2166136261;
  for (const t of [...prefix, 99]) h = Math.imul(h ^ t, 16777619) >>> 0;
  const logits = Array.from({ length: VOCAB }, (_, v) => {
    h = Math.imul(h ^ (v + 1), 2654435761) >>> 0;
    return (h % 1000) / 250;
  });
  const z = Math.log(logits.reduce((s, l) => s + Math.exp(l), 0));
  return logits.map((l) => l - z);
}

const toyStep: BeamStep<undefined> = (prefixes) => ({ logProbs: prefixes.map(toyLogProbs) });

/** Every sequence that ends with EOS or runs maxLength tokens, with its log-probability. */
function enumerate(maxLength: number): { tokens: number[]; logProb: number }[] {
  const out: { tokens: number[]; logProb: number }[] = [];
  const walk = (tokens: number[], logProb: number): void => {
    const lp = toyLogProbs(tokens);
    for (let v = 0; v < VOCAB; v++) {
      const next = [...tokens, v];
      if (v === EOS || next.length === maxLength) out.push({ tokens: next, logProb: logProb + lp[v]! });
      else walk(next, logProb + lp[v]!);
    }
  };
  walk([], 0);
  return out;
}

describe('beamSearch', () => {
  it('with beam width 1 equals greedy decoding', () => {
    const greedy: number[] = [];
    let logProb = 0;
    while (greedy.length < 6) {
      const lp = toyLogProbs(greedy);
      const best = lp.indexOf(Math.max(...lp));
      greedy.push(best);
      logProb += lp[best]!;
      if (best === EOS) break;
    }
    const [hyp] = beamSearch(toyStep, { beamWidth: 1, maxLength: 6, eos: EOS });
    expect(hyp!.tokens).toEqual(greedy);
    expect(hyp!.logProb).toBeCloseTo(logProb, 12);
  });

  it('a beam wide enough returns the exact best sequence found by brute force, for α = 0 and α = 0.7', () => {
    const all = enumerate(4); // 4³ + … sequences
    for (const alpha of [0, 0.7]) {
      const score = (s: { tokens: number[]; logProb: number }): number => s.logProb / s.tokens.length ** alpha;
      const ranked = [...all].sort((a, b) => score(b) - score(a));
      const found = beamSearch(toyStep, { beamWidth: 64, maxLength: 4, eos: EOS, lengthPenalty: alpha, numReturn: 5 });
      expect(found.map((h) => h.tokens)).toEqual(ranked.slice(0, 5).map((s) => s.tokens));
      found.forEach((h, i) => expect(h.score).toBeCloseTo(score(ranked[i]!), 12));
    }
  });

  it('the length penalty changes the winner as the course describes: without it the short output wins', () => {
    // A model that may stop at once (P = e^-1 ≈ 0.37) or say "1 1 1" then stop (0.33 · 0.9 · 0.9 · 0.9 ≈ 0.24).
    const rare = Math.log(0.1 / 3);
    const step: BeamStep<undefined> = (prefixes) => ({
      logProbs: prefixes.map((p) => {
        if (p.length === 0) return [-1, -1.1, Math.log(0.15), Math.log(0.15)];
        return p.length < 3 ? [rare, Math.log(0.9), rare, rare] : [Math.log(0.9), rare, rare, rare];
      }),
    });
    const longLogProb = -1.1 + 3 * Math.log(0.9);
    const raw = beamSearch(step, { beamWidth: 3, maxLength: 6, eos: EOS });
    expect(raw[0]!.tokens).toEqual([EOS]);
    expect(raw[0]!.score).toBeCloseTo(-1, 12);
    for (const alpha of [0.7, 1]) {
      const normalized = beamSearch(step, { beamWidth: 3, maxLength: 6, eos: EOS, lengthPenalty: alpha });
      expect(normalized[0]!.tokens).toEqual([1, 1, 1, EOS]);
      expect(normalized[0]!.score).toBeCloseTo(longLogProb / 4 ** alpha, 12);
    }
  });

  it('keeps step states with their beams and accepts a tensor of log-probabilities', () => {
    const seen: number[][] = [];
    const step: BeamStep<number> = (prefixes, states) => {
      seen.push([...states]);
      return { logProbs: tensor(prefixes.map(() => [-0.1, -3, -3])), states: states.map((s) => s + 1) };
    };
    const [hyp] = beamSearch(step, { beamWidth: 2, maxLength: 3, initialState: 0, start: [7] });
    expect(hyp!.tokens).toEqual([0, 0, 0]);
    expect(seen[0]).toEqual([0]);
    expect(seen[2]).toEqual([2, 2]);
    expect(() => beamSearch(step, { beamWidth: 0, maxLength: 3 })).toThrow(ValueError);
    expect(() => beamSearch(() => ({ logProbs: [] }), { beamWidth: 1, maxLength: 3 })).toThrow(/returned 0 rows of logProbs for 1 prefixes/);
  });
});
