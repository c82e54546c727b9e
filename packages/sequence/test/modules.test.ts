import { concat, flatten, tensor, type Tensor } from '@dlkit/core';
import { defineModule, runModuleInfoSuite, type SampleGen } from '@dlkit/core/testing';
import { nn } from '@dlkit/core';
import {
  AdditiveAttention, Bidirectional, GRU, GRUCell, LSTM, LSTMCell, LuongAttention, RNN, RNNCell, Seq2Seq, TimeDistributed, type Attention, type MergeMode, type RecurrentLayer,
} from '@dlkit/sequence';

/** Everything a recurrent layer returns, flattened into one tensor the suite can check. */
function allOutputs(module: RecurrentLayer, [x, h, c]: readonly Tensor[], lengths?: number[]): Tensor {
  const out = module.forward(x!, { ...(h ? { h } : {}), ...(c ? { c } : {}) }, lengths ? { lengths } : {});
  return concat([flatten(out.output), flatten(out.h), ...(out.c ? [flatten(out.c)] : [])]);
}

interface LayerArgs {
  readonly layers: number;
  readonly bidirectional: boolean;
  readonly dropout?: number;
}

const layerSamples = (name: string, withCell: boolean) => (gen: SampleGen) => [
  { label: `${name}(3, 4) on [2, 3, 3]`, args: { layers: 1, bidirectional: false }, inputs: [gen.uniform([2, 3, 3])] },
  {
    label: `${name}(3, 2, 2 layers, bidirectional) with initial state`,
    args: { layers: 2, bidirectional: true },
    inputs: [gen.uniform([2, 3, 3]), gen.uniform([4, 2, 2]), ...(withCell ? [gen.uniform([4, 2, 2])] : [])],
  },
];

const dropoutSample = (name: string) => (gen: SampleGen) => [
  { label: `${name}(3, 2, 2 layers, dropout 0.5) on [2, 3, 3]`, args: { layers: 2, bidirectional: false, dropout: 0.5 }, inputs: [gen.uniform([2, 3, 3])] },
];

const hidden = (args: LayerArgs): number => (args.layers === 1 ? 4 : 2);
const common = (args: LayerArgs) => ({ numLayers: args.layers, bidirectional: args.bidirectional, dropout: args.dropout ?? 0 });

runModuleInfoSuite([
  defineModule({
    name: 'LSTM',
    create: (args: LayerArgs, dtype) => new LSTM(3, hidden(args), { ...common(args), dtype }),
    samples: layerSamples('LSTM', true),
    call: (module, inputs) => allOutputs(module, inputs),
    trainEval: 'none',
  }),
  defineModule({
    name: 'LSTM with dropout between layers',
    create: (args: LayerArgs, dtype) => new LSTM(3, hidden(args), { ...common(args), dtype }),
    samples: dropoutSample('LSTM'),
    call: (module, inputs) => allOutputs(module, inputs),
    trainEval: 'random',
  }),
  defineModule({
    name: 'GRU',
    create: (args: LayerArgs, dtype) => new GRU(3, hidden(args), { ...common(args), dtype }),
    samples: layerSamples('GRU', false),
    call: (module, inputs) => allOutputs(module, inputs),
    trainEval: 'none',
  }),
  defineModule({
    name: 'GRU with dropout between layers',
    create: (args: LayerArgs, dtype) => new GRU(3, hidden(args), { ...common(args), dtype }),
    samples: dropoutSample('GRU'),
    call: (module, inputs) => allOutputs(module, inputs),
    trainEval: 'random',
  }),
  defineModule({
    name: 'GRU (resetAfter: false, the course form)',
    create: (args: LayerArgs, dtype) => new GRU(3, hidden(args), { ...common(args), resetAfter: false, dtype }),
    samples: layerSamples('GRU', false),
    call: (module, inputs) => allOutputs(module, inputs),
    trainEval: 'none',
  }),
  defineModule({
    name: 'RNN',
    create: ([nonlinearity, bidirectional]: ['tanh' | 'relu', boolean], dtype) => new RNN(3, 4, { nonlinearity, bidirectional, dtype }),
    samples: (gen) => [
      { label: 'RNN(3, 4, tanh) on [2, 3, 3]', args: ['tanh', false], inputs: [gen.uniform([2, 3, 3])] },
      { label: 'RNN(3, 4, relu, bidirectional) on [2, 3, 3]', args: ['relu', true], inputs: [gen.uniform([2, 3, 3], 0.5, 1.5)] },
    ],
    call: (module, inputs) => allOutputs(module, inputs),
    trainEval: 'none',
  }),
  defineModule({
    name: 'LSTM with lengths',
    create: (_: null, dtype) => new LSTM(3, 2, { bidirectional: true, dtype }),
    samples: (gen) => [{ label: 'LSTM(3, 2, bidirectional) on [3, 4, 3], lengths [4, 1, 2]', args: null, inputs: [gen.uniform([3, 4, 3])] }],
    call: (module, inputs) => allOutputs(module, inputs, [4, 1, 2]),
    trainEval: 'none',
  }),
  defineModule({
    name: 'RNNCell',
    create: (_: null, dtype) => new RNNCell(3, 4, { dtype }),
    samples: (gen) => [{ label: 'RNNCell(3, 4) on [2, 3] with h', args: null, inputs: [gen.uniform([2, 3]), gen.uniform([2, 4])] }],
    trainEval: 'none',
  }),
  defineModule({
    name: 'GRUCell',
    create: (resetAfter: boolean, dtype) => new GRUCell(3, 4, { resetAfter, dtype }),
    samples: (gen) => [
      { label: 'GRUCell(3, 4) on [2, 3] with h', args: true, inputs: [gen.uniform([2, 3]), gen.uniform([2, 4])] },
      { label: 'GRUCell(3, 4, resetAfter: false) on [2, 3] with h', args: false, inputs: [gen.uniform([2, 3]), gen.uniform([2, 4])] },
    ],
    trainEval: 'none',
  }),
  defineModule({
    name: 'LSTMCell',
    create: (_: null, dtype) => new LSTMCell(3, 4, { dtype }),
    samples: (gen) => [{ label: 'LSTMCell(3, 4) on [2, 3] with h, c', args: null, inputs: [gen.uniform([2, 3]), gen.uniform([2, 4]), gen.uniform([2, 4])] }],
    call: (module, [x, h, c]) => {
      const next = module.forward(x!, { h: h!, c: c! });
      return concat([flatten(next.h), flatten(next.c)]);
    },
    trainEval: 'none',
  }),
  defineModule({
    name: 'AdditiveAttention',
    create: (_: null, dtype) => new AdditiveAttention(3, 4, 5, { dtype }),
    samples: attentionSamples(3, 4),
    call: (module, inputs) => attentionOutputs(module, inputs),
    trainEval: 'none',
  }),
  defineModule({
    name: 'LuongAttention',
    create: (score: 'dot' | 'general', dtype) => new LuongAttention(4, 4, { score, dtype }),
    samples: (gen) => [
      ...attentionSamples(4, 4)(gen).map((s) => ({ ...s, label: `general, ${s.label}`, args: 'general' as const })),
      ...attentionSamples(4, 4)(gen).map((s) => ({ ...s, label: `dot, ${s.label}`, args: 'dot' as const })),
    ],
    call: (module, inputs) => attentionOutputs(module, inputs),
    trainEval: 'none',
  }),
  defineModule({
    name: 'Seq2Seq',
    create: (attention: 'additive' | 'general', dtype) =>
      new Seq2Seq({ sourceVocabSize: 5, targetVocabSize: 4, embeddingDim: 3, encoderHidden: 2, decoderHidden: 3, attention, dtype }),
    samples: (gen) => (['additive', 'general'] as const).map((attention) => ({
      label: `${attention} attention, source [2, 4] (lengths 4, 2), targetIn [2, 3]`,
      args: attention,
      inputs: [gen.values([2, 4], [1, 2, 3, 4, 4, 2, 0, 0], 'int32'), gen.values([2, 3], [0, 1, 2, 0, 3, 3], 'int32')],
    })),
    call: (module, [source, targetIn]) => {
      const out = module.forward(source!, targetIn!, { sourceLengths: [4, 2] });
      return concat([flatten(out.logits), flatten(out.attention)]);
    },
    trainEval: 'none',
  }),
  defineModule({
    name: 'Bidirectional',
    create: (mergeMode: MergeMode, dtype) => new Bidirectional(() => new LSTM(3, 2, { dtype }), { mergeMode }),
    samples: (gen) => (['concat', 'ave'] as const).map((mergeMode) => ({
      label: `Bidirectional(LSTM(3, 2), ${mergeMode}) on [3, 4, 3], lengths [4, 1, 2]`,
      args: mergeMode,
      inputs: [gen.uniform([3, 4, 3])],
    })),
    call: (module, [x]) => {
      const out = module.forward(x!, {}, { lengths: [4, 1, 2] });
      return concat([flatten(out.output), flatten(out.h), flatten(out.c!)]);
    },
    trainEval: 'none',
  }),
  defineModule({
    name: 'TimeDistributed',
    create: (_: null, dtype) => new TimeDistributed(new nn.Linear(3, 2, { dtype })),
    samples: (gen) => [{ label: 'TimeDistributed(Linear(3, 2)) on [2, 4, 3]', args: null, inputs: [gen.uniform([2, 4, 3])] }],
    trainEval: 'none',
  }),
], { title: '@dlkit/sequence module info' });

/** A one-step query and a [batch, Tq] query, both against keys [2, 3, keyDim]. */
function attentionSamples(queryDim: number, keyDim: number) {
  return (gen: SampleGen) => [
    { label: `query [2, ${queryDim}], keys [2, 3, ${keyDim}], second example's last key masked`, args: null, inputs: [gen.uniform([2, queryDim]), gen.uniform([2, 3, keyDim])] },
    { label: `query [2, 2, ${queryDim}], keys [2, 3, ${keyDim}], second example's last key masked`, args: null, inputs: [gen.uniform([2, 2, queryDim]), gen.uniform([2, 3, keyDim])] },
  ];
}

function attentionOutputs(module: Attention, [query, keys]: readonly Tensor[]): Tensor {
  const keyMask = tensor([[true, true, true], [true, true, false]], { dtype: 'bool' });
  const { context, weights } = module.forward(query!, keys!, { keyMask });
  return concat([flatten(context), flatten(weights)]);
}
