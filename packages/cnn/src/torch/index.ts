export { loadTorchStateDict, toTorchStateDict, type FlattenShapes, type DeclaresFlattenShapes, type TorchStateDictOptions } from './state-dict.js';
