import type { Course } from '../course.js';
import { ctcChapter } from './chapter-ctc.js';
import { triggerWordChapter } from './chapter-trigger-word.js';
import { dateTranslationChapter } from './chapter-date-translation.js';
import { namesChapter } from './chapter-names.js';
import { melodyChapter } from './chapter-melody.js';

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
    { id: 'date-translation', run: () => dateTranslationChapter() },
    { id: 'names', run: () => namesChapter() },
    { id: 'melody', run: () => melodyChapter() },
  ],
};
