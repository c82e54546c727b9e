import type { Course } from '../course.js';
import { segmentationChapter } from './chapter-segmentation.js';
import { styleTransferChapter } from './chapter-style-transfer.js';
import { faceVerificationChapter } from './chapter-face-verification.js';

/**
 * Course 4 of the Deep Learning Specialization, "Convolutional Neural Networks", with
 * `@dlkit/cnn` and `@dlkit/detection`.
 */
export const course4: Course = {
  number: 4,
  title: 'Convolutional Neural Networks',
  chapters: [
    { id: 'segmentation', run: () => segmentationChapter() },
    { id: 'style-transfer', run: () => styleTransferChapter() },
    { id: 'face-verification', run: (context) => faceVerificationChapter(context.mnist()) },
  ],
};
