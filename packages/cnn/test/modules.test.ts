import { runModuleInfoSuite } from '@dlkit/core/testing';
import { cnnModuleDb } from './module-db.js';

runModuleInfoSuite(cnnModuleDb, { title: 'cnn modules' });
