import { Generator } from '@dlkit/core';

/** One example of the date-translation task: a human-readable date and its ISO 8601 form. */
export interface DatePair {
  /** E.g. `"tuesday, march 5, 2002"`, `"5 mar 2002"`, `"03/05/02"`. */
  readonly human: string;
  /** Always `YYYY-MM-DD`, e.g. `"2002-03-05"`. */
  readonly machine: string;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

interface Parts {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
  /** 0 = sunday. */
  readonly weekday: number;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const short = (name: string): string => name.slice(0, 3);

/**
 * The formats of the course's lab (Course 5, week 3, "Neural Machine Translation", which draws
 * Babel's `format_date` patterns such as `'short'`, `'medium'`, `'long'`, `'full'`, `'d MMM YYY'`,
 * `'dd.MM.yy'`, `'MMMM d YYY'`, …), written out here so no locale library is needed.
 */
const FORMATS: readonly ((p: Parts) => string)[] = [
  (p) => `${p.month}/${p.day}/${pad2(p.year % 100)}`, // short: 3/5/02
  (p) => `${short(MONTHS[p.month - 1]!)} ${p.day}, ${p.year}`, // medium: mar 5, 2002
  (p) => `${MONTHS[p.month - 1]} ${p.day}, ${p.year}`, // long: march 5, 2002
  (p) => `${WEEKDAYS[p.weekday]}, ${MONTHS[p.month - 1]} ${p.day}, ${p.year}`, // full
  (p) => `${p.day} ${short(MONTHS[p.month - 1]!)} ${p.year}`, // d MMM YYY
  (p) => `${p.day} ${MONTHS[p.month - 1]} ${p.year}`, // d MMMM YYY
  (p) => `${pad2(p.day)} ${short(MONTHS[p.month - 1]!)} ${p.year}`, // dd MMM YYY
  (p) => `${p.day} ${short(MONTHS[p.month - 1]!)}, ${p.year}`, // d MMM, YYY
  (p) => `${p.day} ${MONTHS[p.month - 1]}, ${p.year}`, // d MMMM, YYY
  (p) => `${pad2(p.day)}, ${short(MONTHS[p.month - 1]!)} ${p.year}`, // dd, MMM YYY
  (p) => `${p.day} ${MONTHS[p.month - 1]} ${p.year}`.toUpperCase(), // upper case
  (p) => `${MONTHS[p.month - 1]} ${p.day} ${p.year}`, // MMMM d YYY
  (p) => `${MONTHS[p.month - 1]} ${pad2(p.day)}, ${p.year}`, // MMMM dd, YYY
  (p) => `${pad2(p.day)}.${pad2(p.month)}.${pad2(p.year % 100)}`, // dd.MM.yy
  (p) => `${short(WEEKDAYS[p.weekday]!)} ${p.day} ${short(MONTHS[p.month - 1]!)} ${p.year}`, // EEE d MMM YYY
  (p) => `${p.year}/${pad2(p.month)}/${pad2(p.day)}`, // yyyy/MM/dd
];

/** Options of {@link generateDatePairs}. */
export interface DatePairOptions {
  /** Seed of the private generator (default 12345, as the lab's `random.seed(12345)`). */
  seed?: number;
  /** First and last year, inclusive (default 1950 and 2030). */
  fromYear?: number;
  toYear?: number;
}

/**
 * Generates the course's date-translation data: `m` random calendar dates between `fromYear` and
 * `toYear`, each written in one of 16 human formats (lower case except one upper-case format) and
 * paired with its `YYYY-MM-DD` form. Generated in code — the lab draws the same kind of pairs with
 * Faker and Babel — and seeded, so every run gives the same pairs.
 *
 * @returns `m` pairs; the human strings are at most 29 characters, the machine strings exactly 10.
 * @example generateDatePairs(2, { seed: 1 }); // [{ human: 'mon 22 jan 1996', machine: '1996-01-22' }, …]
 */
export function generateDatePairs(m: number, options: DatePairOptions = {}): DatePair[] {
  const generator = new Generator(options.seed ?? 12345);
  const first = Date.UTC(options.fromYear ?? 1950, 0, 1);
  const last = Date.UTC(options.toYear ?? 2030, 11, 31);
  const days = Math.round((last - first) / 86_400_000) + 1;
  const pairs: DatePair[] = [];
  for (let i = 0; i < m; i++) {
    const date = new Date(first + Math.floor(generator.nextFloat() * days) * 86_400_000);
    const parts: Parts = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), weekday: date.getUTCDay() };
    const format = FORMATS[Math.floor(generator.nextFloat() * FORMATS.length)]!;
    pairs.push({ human: format(parts), machine: `${parts.year}-${pad2(parts.month)}-${pad2(parts.day)}` });
  }
  return pairs;
}

/**
 * The character vocabularies of a set of date pairs, sorted, with `<pad>` at 0 and `<unk>` at 1
 * on the human side (the lab's `human_vocab`) and the digits and `-` on the machine side.
 *
 * @example const { human, machine } = dateVocabularies(generateDatePairs(1000));
 */
export function dateVocabularies(pairs: readonly DatePair[]): { human: string[]; machine: string[] } {
  const humanChars = new Set<string>();
  const machineChars = new Set<string>();
  for (const pair of pairs) {
    for (const ch of pair.human) humanChars.add(ch);
    for (const ch of pair.machine) machineChars.add(ch);
  }
  return { human: ['<pad>', '<unk>', ...[...humanChars].sort()], machine: [...machineChars].sort() };
}
