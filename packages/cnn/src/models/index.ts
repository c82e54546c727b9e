export { ResNet, BasicBlock, Bottleneck, type BlockOptions, resnet18, resnet34, resnet50, resnet101, resnet152, type ResNetOptions } from './resnet.js';
export { VGG, vgg16, AlexNet, alexnet, type ClassicNetOptions } from './vgg.js';
export { LeNet5, lenet5, type LeNet5Options } from './lenet.js';
export { MobileNetV2, InvertedResidual, mobilenetV2, type MobileNetV2Options } from './mobilenet-v2.js';
