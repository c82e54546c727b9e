/**
 * Course 1's models, their training loops and metrics, without the chapters' report and console
 * output: what other packages (the WebGPU backend's browser training test) train.
 */
export { initLogistic, logisticLogits, logisticPredict, trainLogisticRegression, type LogisticParams } from './logistic-regression.js';
export { initShallow, shallowLogits, shallowPredict, trainShallowNetwork, type ShallowParams, type ShallowTrainOptions } from './shallow-network.js';
export {
  deepLogits, initDeep, softmaxCrossEntropy, toTensors, trainDeepNetwork,
  type DeepParams, type DeepTrainOptions, type DeepTrainResult, type DenseLayer, type ImageBatchSource,
} from './deep-network.js';
export { gradientDescentStep, runGradientDescent, type CostPoint, type TrainingHistory, type TrainOptions } from './gradient-descent.js';
export { binaryAccuracy, categoricalAccuracy } from './metrics.js';
