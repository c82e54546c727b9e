import type { Course } from '../course.js';
import { segmentationChapter } from './chapter-segmentation.js';

/**
 * Course 4 of the Deep Learning Specialization, "Convolutional Neural Networks", with
 * `@dlkit/cnn` and `@dlkit/detection`.
 */
export const course4: Course = {
  number: 4,
  title: 'Convolutional Neural Networks',
  chapters: [
    { id: 'segmentation', run: () => segmentationChapter() },
  ],
};
