export { accuracy, confusionMatrix, precision, recall, f1, topKAccuracy, type Average, type ClassificationMetricOptions } from './classification.js';
