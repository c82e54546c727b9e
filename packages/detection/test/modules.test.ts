import { runModuleInfoSuite } from '@dlkit/core/testing';
import { detectionModuleDb } from './module-db.js';

runModuleInfoSuite(detectionModuleDb, { title: 'detection modules' });
