import { tsBackend } from '@dlkit/core';
import { runBackendConformance } from '@dlkit/core/testing';

runBackendConformance(() => tsBackend, { dtypes: ['float32', 'float64', 'int32', 'bool'] });
