import { runBackendConformance } from '@dlkit/core/testing';
import { tfjsBackend, TFJS_DTYPES } from '@dlkit/backend-tfjs';

runBackendConformance(() => tfjsBackend({ engine: 'wasm' }), { dtypes: TFJS_DTYPES }, { title: 'tfjs-wasm conformance' });
