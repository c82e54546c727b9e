import type { Course } from '../course.js';
import { augmentationChapter } from './chapter-augmentation.js';
import { costsChapter } from './chapter-costs.js';
import { lenetChapter } from './chapter-lenet.js';
import { multiTaskChapter } from './chapter-multitask.js';
import { residualChapter } from './chapter-residual.js';
import { transferChapter } from './chapter-transfer.js';
import { detectionChapter } from './chapter-detection.js';
import { faceVerificationChapter } from './chapter-face-verification.js';
import { segmentationChapter } from './chapter-segmentation.js';
import { styleTransferChapter } from './chapter-style-transfer.js';

/**
 * Course 4 of the Deep Learning Specialization, "Convolutional Neural Networks", with
 * `@dlkit/cnn` and `@dlkit/detection`.
 */
export const course4: Course = {
  number: 4,
  title: 'Convolutional Neural Networks',
  chapters: [
    // In the course's order: weeks 1–2 (convolutions, classic networks), week 3 (detection,
    // segmentation), week 4 (style transfer, face verification).
    { id: 'lenet', run: (context) => lenetChapter(context.mnist(), context.outDir) },
    { id: 'residual', run: (context) => residualChapter(context.mnist()) },
    { id: 'conv-costs', run: () => costsChapter() },
    { id: 'transfer', run: (context) => transferChapter(context.mnist()) },
    { id: 'multi-task', run: () => multiTaskChapter() },
    { id: 'augmentation', run: (context) => augmentationChapter(context.mnist()) },
    { id: 'detection', run: () => detectionChapter() },
    { id: 'segmentation', run: () => segmentationChapter() },
    { id: 'style-transfer', run: () => styleTransferChapter() },
    { id: 'face-verification', run: (context) => faceVerificationChapter(context.mnist()) },
  ],
};
