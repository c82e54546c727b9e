import { moduleDb, runModuleInfoSuite } from '@dlkit/core/testing';
import { tfjsBackend } from '@dlkit/backend-tfjs';

// Core's layers on the TensorFlow.js cpu engine: the same outputs and parameter gradients as on ts.
runModuleInfoSuite(moduleDb, { backend: () => tfjsBackend({ engine: 'cpu' }), title: 'tfjs-cpu modules' });
