import type { Course } from './course.js';
import { course1 } from './course1/index.js';
import { course2 } from './course2/index.js';

/** Every course the tour runs, in order. */
export const courses: readonly Course[] = [course1, course2];
