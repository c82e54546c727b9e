import { moduleDb, runModuleInfoSuite } from '@dlkit/core/testing';
import { tfjsBackend } from '@dlkit/backend-tfjs';

// Core's layers on the TensorFlow.js wasm engine: the same outputs and parameter gradients as on ts.
runModuleInfoSuite(moduleDb, { backend: () => tfjsBackend({ engine: 'wasm' }), title: 'tfjs-wasm modules' });
