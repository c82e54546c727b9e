import { DTYPES } from '@dlkit/core';
import { runBackendConformance } from '@dlkit/core/testing';
import { wasmBackend } from '@dlkit/backend-wasm';
import { ensureWasmBuilt } from './build.js';

runBackendConformance(() => { ensureWasmBuilt(); return wasmBackend({ threads: 1 }); }, { dtypes: DTYPES }, { title: 'wasm conformance (1 thread)' });
