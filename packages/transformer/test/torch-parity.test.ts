import { describe, expect, it } from 'vitest';
import { mul, sum, type nn, type Tensor } from '@dlkit/core';
import {
  MultiHeadAttention, TransformerDecoder, TransformerDecoderLayer, TransformerEncoder, TransformerEncoderLayer, paddingMask,
} from '@dlkit/transformer';
import { f64, maxAbsDiff, readGolden, stateDict, type Stored } from './golden.js';

type Case = Record<string, unknown> & { name: string; kind: string };
const golden = readGolden<{ cases: Case[] }>('transformer-golden.json');
const TOL = 1e-6;
let worst = 0;

function expectClose(actual: Tensor | null | undefined, expected: Stored, what: string): void {
  expect(actual, `${what} exists`).toBeTruthy();
  expect(actual!.shape, `${what} shape`).toEqual(expected.shape);
  const diff = maxAbsDiff(actual!.dataSync(), expected.values);
  worst = Math.max(worst, diff);
  expect(diff, what).toBeLessThan(TOL);
}

function load(module: nn.Module<unknown[], unknown>, state: Record<string, Stored>): void {
  const result = module.loadStateDict(stateDict(state));
  expect(result.missingKeys).toEqual([]);
  expect(result.unexpectedKeys).toEqual([]);
}

const s = (c: Case, key: string): Stored => c[key] as Stored;
const n = (c: Case, key: string): number => c[key] as number;
const lengthsOf = (c: Case, key: string): number[] => c[key] as number[];

describe('attention and transformer layers loaded from PyTorch state dicts match torch.nn in float64 (tools/fixtures/transformer/generate_transformer.py)', () => {
  for (const c of golden.cases.filter((x) => x.kind === 'mha')) {
    it(`${c.name}: output, weights and input gradients to 1e-6`, () => {
      const mha = new MultiHeadAttention(n(c, 'embedDim'), n(c, 'numHeads'), { kdim: n(c, 'kdim'), vdim: n(c, 'vdim'), dtype: 'float64' }).eval();
      load(mha, c.state as Record<string, Stored>);
      const query = f64(s(c, 'query'), true);
      const key = c.self ? query : f64(s(c, 'key'), true);
      const value = c.self ? query : f64(s(c, 'value'), true);
      const lengths = c.keyLengths as number[] | null;
      const { output, weights } = mha.forward(query, key, value, {
        causal: c.causal as boolean,
        averageWeights: c.averageWeights as boolean,
        ...(lengths ? { keyMask: paddingMask(lengths, key.shape[1]!) } : {}),
      });
      expectClose(output, s(c, 'output'), 'output');
      expectClose(weights, s(c, 'weights'), 'weights');
      sum(mul(output, f64(s(c, 'w')))).backward();
      expectClose(query.grad, s(c, 'gradQuery'), 'd/dquery');
      if (!c.self) {
        expectClose(key.grad, s(c, 'gradKey'), 'd/dkey');
        expectClose(value.grad, s(c, 'gradValue'), 'd/dvalue');
      }
    });
  }

  for (const c of golden.cases.filter((x) => x.kind === 'encoderLayer')) {
    it(`${c.name}: output and input gradient to 1e-6`, () => {
      const layer = new TransformerEncoderLayer(n(c, 'dModel'), n(c, 'nHead'), {
        dimFeedforward: n(c, 'dimFeedforward'), activation: c.activation as 'relu' | 'gelu', normFirst: c.normFirst as boolean, dropout: 0, dtype: 'float64',
      }).eval();
      load(layer, c.state as Record<string, Stored>);
      const x = f64(s(c, 'x'), true);
      const out = layer.forward(x, { keyMask: paddingMask(lengthsOf(c, 'keyLengths'), x.shape[1]!) });
      expectClose(out, s(c, 'output'), 'output');
      sum(mul(out, f64(s(c, 'w')))).backward();
      expectClose(x.grad, s(c, 'gradX'), 'd/dx');
    });
  }

  for (const c of golden.cases.filter((x) => x.kind === 'decoderLayer')) {
    it(`${c.name}: output and input gradients to 1e-6`, () => {
      const layer = new TransformerDecoderLayer(n(c, 'dModel'), n(c, 'nHead'), {
        dimFeedforward: n(c, 'dimFeedforward'), activation: c.activation as 'relu' | 'gelu', normFirst: c.normFirst as boolean, dropout: 0, dtype: 'float64',
      }).eval();
      load(layer, c.state as Record<string, Stored>);
      const tgt = f64(s(c, 'tgt'), true);
      const memory = f64(s(c, 'memory'), true);
      const out = layer.forward(tgt, memory, { causal: true, memoryKeyMask: paddingMask(lengthsOf(c, 'memoryLengths'), memory.shape[1]!) });
      expectClose(out, s(c, 'output'), 'output');
      sum(mul(out, f64(s(c, 'w')))).backward();
      expectClose(tgt.grad, s(c, 'gradTgt'), 'd/dtgt');
      expectClose(memory.grad, s(c, 'gradMemory'), 'd/dmemory');
    });
  }

  for (const c of golden.cases.filter((x) => x.kind === 'stacks')) {
    it(`${c.name}: memory, output and input gradients to 1e-6`, () => {
      const options = { dimFeedforward: n(c, 'dimFeedforward'), dropout: 0, finalNorm: true, dtype: 'float64' as const };
      const encoder = new TransformerEncoder(n(c, 'numLayers'), n(c, 'dModel'), n(c, 'nHead'), options).eval();
      const decoder = new TransformerDecoder(n(c, 'numLayers'), n(c, 'dModel'), n(c, 'nHead'), options).eval();
      load(encoder, c.encoderState as Record<string, Stored>);
      load(decoder, c.decoderState as Record<string, Stored>);
      const src = f64(s(c, 'src'), true);
      const tgt = f64(s(c, 'tgt'), true);
      const keyMask = paddingMask(lengthsOf(c, 'srcLengths'), src.shape[1]!);
      const memory = encoder.forward(src, { keyMask });
      expectClose(memory, s(c, 'memory'), 'memory');
      const out = decoder.forward(tgt, memory, { memoryKeyMask: keyMask });
      expectClose(out, s(c, 'output'), 'output');
      sum(mul(out, f64(s(c, 'w')))).backward();
      expectClose(src.grad, s(c, 'gradSrc'), 'd/dsrc');
      expectClose(tgt.grad, s(c, 'gradTgt'), 'd/dtgt');
    });
  }

  it('reports the largest difference from PyTorch', () => {
    console.log(`max |dlkit − torch| over every output, weight and gradient: ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(TOL);
  });
});
