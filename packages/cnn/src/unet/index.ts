export { pixelCrossEntropy, diceLoss, type DiceLossOptions } from './losses.js';
export { pixelAccuracy, perClassIoU, meanIoU } from './metrics.js';
