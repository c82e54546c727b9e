import type { Course } from '../course.js';
import { ctcChapter } from './chapter-ctc.js';
import { triggerWordChapter } from './chapter-trigger-word.js';
import { transformerDatesChapter } from './chapter-transformer-dates.js';
import { charLmChapter } from './chapter-char-lm.js';

/**
 * Course 5 of the Deep Learning Specialization, "Sequence Models", with `@dlkit/sequence`,
 * `@dlkit/embeddings` and `@dlkit/transformer`.
 */
export const course5: Course = {
  number: 5,
  title: 'Sequence Models',
  chapters: [
    { id: 'ctc', run: (context) => ctcChapter(context.mnist()) },
    { id: 'trigger-word', run: () => triggerWordChapter() },
    { id: 'transformer-dates', run: () => transformerDatesChapter() },
    { id: 'char-lm', run: () => charLmChapter() },
  ],
};
