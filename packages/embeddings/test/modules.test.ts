import { nn } from '@dlkit/core';
import { defineModule, runModuleInfoSuite } from '@dlkit/core/testing';
import { MeanEmbeddingClassifier } from '../src/index.js';

runModuleInfoSuite([
  defineModule({
    name: 'MeanEmbeddingClassifier',
    create: ([rows, dim, classes, paddingIdx]: [number, number, number, number | undefined], dtype) =>
      new MeanEmbeddingClassifier(new nn.Embedding(rows, dim, { dtype, ...(paddingIdx === undefined ? {} : { paddingIdx }) }), classes),
    samples: (gen) => [
      { label: 'MeanEmbeddingClassifier(Embedding(6, 3), 4) on int32 [2, 5]', args: [6, 3, 4, undefined], inputs: [gen.indices([2, 5], 6)] },
      { label: 'MeanEmbeddingClassifier(Embedding(5, 2, paddingIdx 0), 3) on padded int32 [2, 4]', args: [5, 2, 3, 0], inputs: [gen.values([2, 4], [3, 1, 0, 0, 4, 2, 2, 0], 'int32')] },
    ],
    trainEval: 'none',
  }),
]);
