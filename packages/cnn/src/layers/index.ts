export type { Initializer } from './arguments.js';
export { Conv2d, Conv1d, type Conv2dOptions, type Conv1dOptions } from './conv.js';
export { ConvTranspose2d, type ConvTranspose2dOptions } from './conv-transpose.js';
export { DepthwiseConv2d, SeparableConv2d, type DepthwiseConv2dOptions, type SeparableConv2dOptions } from './depthwise.js';
export { MaxPool2d, AvgPool2d, GlobalAvgPool2d, AdaptiveAvgPool2d, type Pool2dOptions } from './pool.js';
export { ZeroPad2d, Upsample2d, type Upsample2dOptions } from './resample.js';
export { Dropout2d } from './dropout2d.js';
export { SiLU, Hardsigmoid, Hardswish } from './activations.js';
export { SqueezeExcitation, type SqueezeExcitationOptions } from './squeeze-excitation.js';
