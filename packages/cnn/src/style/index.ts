export { gramMatrix, contentCost, layerStyleCost, styleCost, totalCost } from './costs.js';
export { featureExtractor, type FeatureExtractor } from './extractor.js';
export { styleTransfer, type StyleTransferOptions, type StyleTransferResult, type StyleTransferStep, type ImageOptimizer } from './transfer.js';
