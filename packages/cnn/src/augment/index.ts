export { compose, type ImageTransform, type PairTransform } from './transform.js';
export { randomHorizontalFlip, randomVerticalFlip, type RandomFlipOptions } from './flip.js';
export { randomCrop, randomResizedCrop, type RandomCropOptions, type RandomResizedCropOptions } from './crop.js';
export { randomRotation, type RandomRotationOptions } from './rotate.js';
export { colorJitter, type ColorJitterOptions } from './color.js';
export { colorPrincipalComponents, pcaColorAugmentation, type ColorComponents, type PcaColorOptions } from './pca-color.js';
export { mixup, sampleBeta, type MixupOptions } from './mixup.js';
export { augmentBatches, type AugmentBatchesOptions, type PairSource } from './pipeline.js';
