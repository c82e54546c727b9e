import { runBackendConformance } from '@dlkit/core/testing';
import { tfjsBackend, TFJS_DTYPES } from '@dlkit/backend-tfjs';

runBackendConformance(() => tfjsBackend({ engine: 'cpu' }), { dtypes: TFJS_DTYPES }, { title: 'tfjs-cpu conformance' });
