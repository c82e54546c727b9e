import type { Initializer } from '../layers/arguments.js';
import { nn } from '@dlkit/core';

/**
 * torchvision's conv initialization for ResNet, VGG and MobileNetV2: `kaiming_normal_(mode='fan_out',
 * nonlinearity='relu')`, i.e. `N(0, 2/(cOut·kh·kw))`, for a `[kh, kw, cIn/groups, cOut]` filter.
 */
export const kaimingFanOut: Initializer = (shape, options) => {
  const [kh = 1, kw = 1, , cOut = 1] = shape;
  return nn.init.normal(Math.sqrt(2 / (cOut * kh * kw)))(shape, options);
};
