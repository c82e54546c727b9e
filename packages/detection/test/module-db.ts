import { defineModule, type ModuleInfo } from '@dlkit/core/testing';
import { LandmarkHead, LocalizationHead, RegionProposalHead, type HeadOptions } from '../src/index.js';

/** The ModuleInfo rows of @dlkit/detection's layers. */
export const detectionModuleDb: readonly ModuleInfo[] = [
  defineModule({
    name: 'LocalizationHead',
    create: ([inF, k, opts]: [number, number, HeadOptions], dtype) => new LocalizationHead(inF, k, { ...opts, dtype }),
    samples: (gen) => [
      { label: 'LocalizationHead(12, 3) on [2, 2, 2, 3]', args: [12, 3, {}], inputs: [gen.uniform([2, 2, 2, 3])] },
      // Inputs in [0.5, 1] keep the hidden ReLU away from its kink at most sampled weights.
      { label: 'LocalizationHead(8, 2, hidden 5) on [3, 8]', args: [8, 2, { hidden: 5 }], inputs: [gen.uniform([3, 8], 0.5, 1)] },
    ],
    trainEval: 'none',
  }),
  defineModule({
    name: 'LandmarkHead',
    create: ([inF, l, opts]: [number, number, HeadOptions], dtype) => new LandmarkHead(inF, l, { ...opts, dtype }),
    samples: (gen) => [
      { label: 'LandmarkHead(12, 4) on [2, 2, 2, 3]', args: [12, 4, {}], inputs: [gen.uniform([2, 2, 2, 3])] },
      { label: 'LandmarkHead(6, 2, hidden 4) on [2, 6]', args: [6, 2, { hidden: 4 }], inputs: [gen.uniform([2, 6], 0.5, 1)] },
    ],
    trainEval: 'none',
  }),
  defineModule({
    name: 'RegionProposalHead',
    create: ([cIn, anchors, hidden]: [number, number, number], dtype) => new RegionProposalHead(cIn, anchors, { hidden, dtype }),
    // Inputs in [0.5, 1] keep the hidden ReLU away from its kink at most sampled weights.
    samples: (gen) => [{ label: 'RegionProposalHead(3, 2, hidden 4) on [2, 3, 3, 3]', args: [3, 2, 4], inputs: [gen.uniform([2, 3, 3, 3], 0.5, 1)] }],
    trainEval: 'none',
  }),
];
