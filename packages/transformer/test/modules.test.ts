import { concat, flatten, type Tensor } from '@dlkit/core';
import { defineModule, runModuleInfoSuite } from '@dlkit/core/testing';
import {
  GPT, LearnedPositionalEmbedding, MultiHeadAttention, paddingMask, Transformer, TransformerDecoder, TransformerDecoderLayer, TransformerEncoder,
  TransformerEncoderLayer,
} from '@dlkit/transformer';

const ids = (rows: number[][]) => ({ shape: [rows.length, rows[0]!.length], values: rows.flat(), dtype: 'int32' as const });

runModuleInfoSuite([
  defineModule({
    name: 'MultiHeadAttention',
    create: (kdim: number, dtype) => new MultiHeadAttention(4, 2, { kdim, vdim: kdim, dtype }),
    samples: (gen) => [
      { label: 'MultiHeadAttention(4, 2) causal self-attention on [2, 3, 4]', args: 4, inputs: [gen.uniform([2, 3, 4])] },
      { label: 'MultiHeadAttention(4, 2, kdim 3) cross-attention with a key mask', args: 3, inputs: [gen.uniform([2, 2, 4]), gen.uniform([2, 3, 3])] },
    ],
    call: (module, [q, kv]) => {
      const r = kv ? module.forward(q!, kv, kv, { keyMask: paddingMask([3, 2], 3) }) : module.forward(q!, q!, q!, { causal: true });
      return concat([flatten(r.output), flatten(r.weights!)]);
    },
    trainEval: 'none',
  }),
  defineModule({
    name: 'MultiHeadAttention with dropout',
    create: (_: null, dtype) => new MultiHeadAttention(4, 2, { dropout: 0.5, dtype }),
    samples: (gen) => [{ label: 'MultiHeadAttention(4, 2, dropout 0.5) on [2, 3, 4]', args: null, inputs: [gen.uniform([2, 3, 4])] }],
    call: (module, [x]) => module.forward(x!, x!, x!).output,
    trainEval: 'random',
  }),
  defineModule({
    name: 'MultiHeadAttention (rotary)',
    create: (_: null, dtype) => new MultiHeadAttention(8, 2, { rotary: true, dtype }),
    samples: (gen) => [{ label: 'MultiHeadAttention(8, 2, rotary) causal on [1, 3, 8]', args: null, inputs: [gen.uniform([1, 3, 8])] }],
    call: (module, [x]) => module.forward(x!, x!, x!, { causal: true }).output,
    trainEval: 'none',
  }),
  defineModule({
    name: 'TransformerEncoderLayer',
    create: (normFirst: boolean, dtype) => new TransformerEncoderLayer(4, 2, { dimFeedforward: 6, dropout: 0, normFirst, activation: normFirst ? 'gelu' : 'relu', dtype }),
    samples: (gen) => [
      { label: 'post-norm ReLU on [2, 3, 4] with a key mask', args: false, inputs: [gen.uniform([2, 3, 4])] },
      { label: 'pre-norm GELU on [2, 3, 4] with a key mask', args: true, inputs: [gen.uniform([2, 3, 4])] },
    ],
    call: (module, [x]) => module.forward(x!, { keyMask: paddingMask([3, 2], 3) }),
    trainEval: 'none',
  }),
  defineModule({
    name: 'TransformerEncoderLayer with dropout',
    create: (_: null, dtype) => new TransformerEncoderLayer(4, 2, { dimFeedforward: 6, dropout: 0.3, dtype }),
    samples: (gen) => [{ label: 'dropout 0.3 on [2, 3, 4]', args: null, inputs: [gen.uniform([2, 3, 4])] }],
    trainEval: 'random',
  }),
  defineModule({
    name: 'TransformerDecoderLayer',
    create: (normFirst: boolean, dtype) => new TransformerDecoderLayer(4, 2, { dimFeedforward: 6, dropout: 0, normFirst, dtype }),
    samples: (gen) => [
      { label: 'post-norm on tgt [2, 2, 4], memory [2, 3, 4]', args: false, inputs: [gen.uniform([2, 2, 4]), gen.uniform([2, 3, 4])] },
      { label: 'pre-norm on tgt [2, 2, 4], memory [2, 3, 4]', args: true, inputs: [gen.uniform([2, 2, 4]), gen.uniform([2, 3, 4])] },
    ],
    call: (module, [tgt, memory]) => module.forward(tgt!, memory!, { memoryKeyMask: paddingMask([3, 1], 3) }),
    trainEval: 'none',
  }),
  defineModule({
    name: 'TransformerEncoder',
    create: (_: null, dtype) => new TransformerEncoder(2, 4, 2, { dimFeedforward: 2, dropout: 0, finalNorm: true, dtype }),
    samples: (gen) => [{ label: '2 layers + final norm on [1, 3, 4]', args: null, inputs: [gen.uniform([1, 3, 4])] }],
    trainEval: 'none',
  }),
  defineModule({
    name: 'TransformerDecoder',
    create: (_: null, dtype) => new TransformerDecoder(2, 4, 2, { dimFeedforward: 2, dropout: 0, finalNorm: true, dtype }),
    samples: (gen) => [{ label: '2 layers + final norm on tgt [1, 2, 4], memory [1, 3, 4]', args: null, inputs: [gen.uniform([1, 2, 4]), gen.uniform([1, 3, 4])] }],
    trainEval: 'none',
  }),
  defineModule({
    name: 'LearnedPositionalEmbedding',
    create: (_: null, dtype) => new LearnedPositionalEmbedding(5, 3, { dtype }),
    samples: (gen) => [{ label: 'LearnedPositionalEmbedding(5, 3) on [2, 4, 3]', args: null, inputs: [gen.uniform([2, 4, 3])] }],
    trainEval: 'none',
  }),
  defineModule({
    name: 'Transformer',
    create: (_: null, dtype) => new Transformer({ srcVocabSize: 5, tgtVocabSize: 4, dModel: 4, nHead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 2, dropout: 0, maxLength: 8, dtype }),
    samples: () => [{ label: 'Transformer(1 + 1 layers, dModel 4) on src [2, 3], tgt [2, 2]', args: null, inputs: [ids([[1, 2, 0], [3, 4, 4]]), ids([[0, 1], [2, 3]])] }],
    call: (module, [src, tgt]) => module.forward(src!, tgt!, { srcKeyMask: paddingMask([3, 2], 3) }),
    trainEval: 'none',
  }),
  defineModule({
    name: 'GPT',
    create: (positional: 'learned' | 'sinusoidal' | 'rotary', dtype) => new GPT({ vocabSize: 5, dModel: 4, nHead: 2, numLayers: 1, dimFeedforward: 2, maxLength: 6, dropout: 0, positional, tieWeights: positional !== 'sinusoidal', dtype }),
    samples: () => [
      { label: 'GPT(1 layer, learned positions, tied) on [2, 3]', args: 'learned', inputs: [ids([[1, 2, 0], [3, 4, 4]])] },
      { label: 'GPT(1 layer, sinusoidal, untied head) on [2, 3]', args: 'sinusoidal', inputs: [ids([[1, 2, 0], [3, 4, 4]])] },
      { label: 'GPT(1 layer, rotary, tied) on [2, 3]', args: 'rotary', inputs: [ids([[1, 2, 0], [3, 4, 4]])] },
    ],
    call: (module, [tokens]) => module.forward(tokens as Tensor),
    trainEval: 'none',
  }),
], { title: '@dlkit/transformer module info' });
