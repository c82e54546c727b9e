import type { Course } from '../course.js';

/**
 * Course 5 of the Deep Learning Specialization, "Sequence Models", with `@dlkit/sequence`,
 * `@dlkit/embeddings` and `@dlkit/transformer`.
 */
export const course5: Course = {
  number: 5,
  title: 'Sequence Models',
  chapters: [],
};
