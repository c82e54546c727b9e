import type { Course } from '../course.js';
import { ctcChapter } from './chapter-ctc.js';
import { embeddingsChapter } from './chapter-embeddings.js';
import { triggerWordChapter } from './chapter-trigger-word.js';

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
    { id: 'embeddings', run: () => embeddingsChapter() },
  ],
};
