/**
 * The op-spec table: one entry per public op of `@dlkit/core`, one file per op family.
 */
import type { OpSpec } from '../spec.js';
import { unarySpecs } from './unary.js';
import { binarySpecs } from './binary.js';
import { reduceSpecs, statisticSpecs } from './reduce.js';
import { softmaxSpecs } from './softmax.js';
import { matmulSpec } from './matmul.js';
import { einsumSpec } from './einsum.js';
import { batchNormSpec } from './batch-norm.js';
import { layerNormSpec } from './layer-norm.js';
import { shapeSpecs } from './shape.js';
import { indexingSpecs } from './indexing.js';
import { sortSpecs } from './sort.js';
import { scanSpecs } from './scan.js';
import { convSpecs } from './conv.js';
import { poolSpecs } from './pool.js';
import { resizeSpecs } from './resize.js';
import { creationSpecs } from './creation.js';
import { randomSpecs } from './random.js';
import { transferSpecs } from './transfer.js';

/**
 * Every op spec of the conformance suite, in a stable order by family: unary (with clip, cast),
 * binary (with comparisons, logic and where), reduce (with statistics), softmax, matmul, shape,
 * indexing, sort, scan, conv, pool, creation, random, transfer (clone, toBackend). New ops are added here.
 */
export const opSpecs: readonly OpSpec[] = [
  ...unarySpecs,
  ...binarySpecs,
  ...reduceSpecs,
  ...statisticSpecs,
  ...softmaxSpecs,
  matmulSpec,
  einsumSpec,
  batchNormSpec,
  layerNormSpec,
  ...shapeSpecs,
  ...indexingSpecs,
  ...sortSpecs,
  ...scanSpecs,
  ...convSpecs,
  ...poolSpecs,
  ...resizeSpecs,
  ...creationSpecs,
  ...randomSpecs,
  ...transferSpecs,
];
