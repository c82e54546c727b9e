import type { Course } from '../course.js';
import { ctcChapter } from './chapter-ctc.js';
import { dateTranslationChapter } from './chapter-date-translation.js';
import { embeddingsChapter } from './chapter-embeddings.js';
import { melodyChapter } from './chapter-melody.js';
import { namesChapter } from './chapter-names.js';
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
    // In the course's order: week 1 (recurrent networks), week 2 (embeddings), week 3 (attention, speech), week 4 (transformers).
    { id: 'names', run: () => namesChapter() },
    { id: 'melody', run: () => melodyChapter() },
    { id: 'embeddings', run: () => embeddingsChapter() },
    { id: 'date-translation', run: () => dateTranslationChapter() },
    { id: 'ctc', run: (context) => ctcChapter(context.mnist()) },
    { id: 'trigger-word', run: () => triggerWordChapter() },
    { id: 'transformer-dates', run: () => transformerDatesChapter() },
    { id: 'char-lm', run: () => charLmChapter() },
  ],
};
