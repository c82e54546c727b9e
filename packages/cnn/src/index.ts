/**
 * @dlkit/cnn: convolutional layers on NHWC images with PyTorch-style constructors and
 * state-dict names, the course's classic architectures, and PyTorch weight loading.
 * @packageDocumentation
 */
export * from './layers/index.js';
export * from './torch/index.js';
export * from './augment/index.js';
/** Classic architectures (LeNet-5, AlexNet, VGG, ResNet, GoogLeNet, MobileNet v1/v2, EfficientNet, U-Net) with their factories. */
export * as models from './models/index.js';
export { countMacs, type MacCount, type MacRow } from './macs.js';
export { replaceHead, type ReplacedHead } from './transfer.js';
export * from './unet/index.js';
export * from './style/index.js';
export * from './face/index.js';
