import type { Course } from './chapters/course.js';

/** The tour's command line: `[--course N[,M…]]… [--chapter <id>]… [--out <dir>]`. */
export interface TourOptions {
  /** The report folder (default `tour-report` in the current directory). */
  readonly out: string;
  /** Course numbers to run; empty: all. */
  readonly courses: readonly number[];
  /** Chapter ids to run; empty: every chapter of the selected courses. */
  readonly chapters: readonly string[];
}

/** Parses the tour's arguments; throws on an unknown argument or a missing value. */
export function parseTourOptions(argv: readonly string[]): TourOptions {
  let out = 'tour-report';
  const courses: number[] = [];
  const chapters: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    const value = argv[i + 1];
    if (value === undefined || !['--out', '--course', '--chapter'].includes(arg)) {
      throw new Error(`tour: unexpected argument '${arg}'; expected --course <n[,m]>, --chapter <id> or --out <dir>`);
    }
    i++;
    if (arg === '--out') out = value;
    else if (arg === '--chapter') chapters.push(...value.split(','));
    else {
      for (const n of value.split(',').map(Number)) {
        if (!Number.isInteger(n)) throw new Error(`tour: --course takes course numbers, got '${value}'`);
        courses.push(n);
      }
    }
  }
  return { out, courses, chapters };
}

/** The courses and chapters a run selects, in tour order; throws when a selection names nothing that exists. */
export function selectCourses(all: readonly Course[], options: TourOptions): Course[] {
  for (const n of options.courses) {
    if (!all.some((c) => c.number === n)) throw new Error(`tour: there is no course ${n}; the tour has ${all.map((c) => c.number).join(', ')}`);
  }
  const ids = all.flatMap((c) => c.chapters.map((ch) => ch.id));
  for (const id of options.chapters) {
    if (!ids.includes(id)) throw new Error(`tour: there is no chapter '${id}'; chapters: ${ids.join(', ')}`);
  }
  return all
    .filter((c) => options.courses.length === 0 || options.courses.includes(c.number))
    .map((c) => ({ ...c, chapters: c.chapters.filter((ch) => options.chapters.length === 0 || options.chapters.includes(ch.id)) }))
    .filter((c) => c.chapters.length > 0);
}
