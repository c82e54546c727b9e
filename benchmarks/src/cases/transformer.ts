import { manualSeed, randn, sum, tensor, type Tensor } from '@dlkit/core';
import { generate, GPT, MultiHeadAttention } from '@dlkit/transformer';
import type { BenchCase } from '../harness.js';

/**
 * @dlkit/transformer's cases. TensorFlow.js exports no multi-head attention layer, so these have
 * no raw twin: the tfjs columns run them through the adapter.
 */

/** Self-attention forward + backward (input and parameter gradients): 3× the forward flops. */
function mhaTrainCase(batch: number, T: number, E: number, heads: number): BenchCase {
  const forwardFlops = 4 * 2 * batch * T * E * E + 2 * 2 * batch * T * T * E;
  return {
    name: 'multi-head attention fwd+bwd',
    params: `[${batch},${T},${E}] ${heads} heads f32`,
    flops: 3 * forwardFlops,
    prepare() {
      manualSeed(1);
      const mha = new MultiHeadAttention(E, heads);
      const x = randn([batch, T, E], { seed: 2, requiresGrad: true });
      return () => {
        mha.zeroGrad();
        x.grad = null;
        sum(mha.forward(x, x, x, { needWeights: false }).output).backward();
        return x.grad!;
      };
    },
  };
}

/** 256 greedy tokens from a small GPT, with or without the KV cache (same tokens either way). */
function generationCase(useCache: boolean, tokens: number): BenchCase {
  const [dModel, layers] = [64, 2];
  // Per generated token at length t: ~2·12·layers·d² for the blocks, plus attention over t keys.
  const perToken = (t: number): number => 2 * 12 * layers * dModel * dModel + 2 * 2 * layers * t * dModel;
  const cachedFlops = Array.from({ length: tokens }, (_, t) => perToken(t + 1)).reduce((a, b) => a + b, 0);
  const uncachedFlops = Array.from({ length: tokens }, (_, t) => (t + 1) * perToken((t + 2) / 2)).reduce((a, b) => a + b, 0);
  return {
    name: `GPT generation ${useCache ? 'with' : 'without'} KV cache`,
    params: `${tokens} tokens, dModel ${dModel}, ${layers} layers f32`,
    flops: useCache ? cachedFlops : uncachedFlops,
    prepare() {
      manualSeed(3);
      const lm = new GPT({ vocabSize: 64, dModel, nHead: 4, numLayers: layers, maxLength: tokens + 1, dropout: 0 }).eval();
      return (): Tensor => tensor(generate(lm, [[1]], { maxNewTokens: tokens, temperature: 0, useCache })[0]!, { dtype: 'int32' });
    },
  };
}

export const transformerCases: readonly BenchCase[] = [
  mhaTrainCase(8, 128, 256, 8),
  generationCase(true, 256),
  generationCase(false, 256),
];
