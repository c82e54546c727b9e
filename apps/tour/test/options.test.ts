import { describe, expect, it } from 'vitest';
import type { Course } from '../src/chapters/course.js';
import { courses } from '../src/chapters/index.js';
import { parseTourOptions, selectCourses } from '../src/options.js';

const section = (id: string) => ({ id, title: id, course: 'Course 9', paragraphs: [], summaries: [], figures: [] });
const fake: Course[] = [
  { number: 1, title: 'one', chapters: [{ id: 'a', run: () => section('a') }, { id: 'b', run: () => section('b') }] },
  { number: 4, title: 'four', chapters: [{ id: 'c', run: () => section('c') }] },
];

describe('tour options', () => {
  it('parses --course (repeated or comma-separated), --chapter and --out, ignoring pnpm\'s --', () => {
    expect(parseTourOptions([])).toEqual({ out: 'tour-report', courses: [], chapters: [] });
    expect(parseTourOptions(['--', '--course', '1,4', '--chapter', 'a', '--out', 'r'])).toEqual({ out: 'r', courses: [1, 4], chapters: ['a'] });
    expect(parseTourOptions(['--course', '2', '--course', '5']).courses).toEqual([2, 5]);
  });

  it('refuses unknown arguments and values that are not course numbers', () => {
    expect(() => parseTourOptions(['--fast'])).toThrow(/unexpected argument '--fast'/);
    expect(() => parseTourOptions(['--course'])).toThrow(/unexpected argument '--course'/);
    expect(() => parseTourOptions(['--course', 'four'])).toThrow(/course numbers, got 'four'/);
  });

  it('selects courses and chapters in tour order, and names what does not exist', () => {
    const all = parseTourOptions([]);
    expect(selectCourses(fake, all).map((c) => c.chapters.map((ch) => ch.id))).toEqual([['a', 'b'], ['c']]);
    const one = selectCourses(fake, parseTourOptions(['--course', '4']));
    expect(one.map((c) => c.number)).toEqual([4]);
    const chapter = selectCourses(fake, parseTourOptions(['--chapter', 'b']));
    expect(chapter.map((c) => [c.number, c.chapters.map((ch) => ch.id)])).toEqual([[1, ['b']]]);
    expect(() => selectCourses(fake, parseTourOptions(['--course', '3']))).toThrow(/no course 3; the tour has 1, 4/);
    expect(() => selectCourses(fake, parseTourOptions(['--chapter', 'z']))).toThrow(/no chapter 'z'; chapters: a, b, c/);
  });

  it('the real tour has unique chapter ids', () => {
    const ids = courses.flatMap((c) => c.chapters.map((ch) => ch.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
