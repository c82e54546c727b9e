export { ResNet, BasicBlock, Bottleneck, type BlockOptions, resnet18, resnet34, resnet50, resnet101, resnet152, type ResNetOptions } from './resnet.js';
export { VGG, vgg16, AlexNet, alexnet, type ClassicNetOptions } from './vgg.js';
export { LeNet5, lenet5, type LeNet5Options } from './lenet.js';
export { MobileNetV2, InvertedResidual, mobilenetV2, makeDivisible, type MobileNetV2Options } from './mobilenet-v2.js';
export { GoogLeNet, Inception, InceptionAux, BasicConv2d, googlenet, type GoogLeNetOptions, type GoogLeNetOutputs, type InceptionWidths, type InceptionBlockOptions } from './googlenet.js';
export { MobileNetV1, DepthwiseSeparable, mobilenetV1, type MobileNetV1Options } from './mobilenet-v1.js';
export {
  EfficientNet, MBConv, compoundScaling, EFFICIENTNET_VARIANTS, efficientnetB0, efficientnetB1, efficientnetB2, efficientnetB3,
  efficientnetB4, efficientnetB5, efficientnetB6, efficientnetB7, type EfficientNetOptions, type EfficientNetVariant, type EfficientNetNorm, type MBConvOptions,
} from './efficientnet.js';
export { UNet, UNetUp, DoubleConv, unet, type UNetOptions, type UNetUpsampling, type DoubleConvOptions } from '../unet/unet.js';
