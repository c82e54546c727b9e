import type { Course } from './course.js';
import { course1 } from './course1/index.js';
import { course2 } from './course2/index.js';
import { course4 } from './course4/index.js';
import { course5 } from './course5/index.js';

/** Every course the tour runs, in order (a course without chapters yet is left out of a run). */
export const courses: readonly Course[] = [course1, course2, course4, course5];
