import { readFile } from 'node:fs/promises';
import type { ReportSection } from './report/types.js';

/**
 * What a tour run measured: the figures the README quotes. Each run writes them to
 * `<report>/figures.json`; `apps/tour/figures.json` holds those of the run the README quotes, and the
 * README's figures block is generated from it (`pnpm --filter @dlkit/tour figures`; a test checks it).
 */
export interface TourFigures {
  /** The backend the models trained on. */
  readonly backend: string;
  /** CPU cores of the machine (`os.availableParallelism()`). */
  readonly cores: number;
  /** Wall-clock seconds: each course run (`course1`, `course2`, …; data loading included) and the whole tour (`total`, the report included). */
  readonly seconds: Readonly<Record<`course${number}`, number>> & { readonly total: number };
  /** One row per trained model, in report order. */
  readonly models: readonly ModelFigures[];
}

/** One trained model's accuracies. */
export interface ModelFigures {
  readonly chapter: string;
  readonly model: string;
  /** What `train` and `heldOut` measure when it is not accuracy (e.g. `'mAP@0.5'`). */
  readonly metric?: string;
  /** Training accuracy (or `metric`), in `[0, 1]`. */
  readonly train: number;
  /** Held-out accuracy, in `[0, 1]`, or null when the model has no held-out set. */
  readonly heldOut: number | null;
  readonly heldOutSet: 'test' | 'dev';
}

/** The figures of a run from its report sections. */
export function collectFigures(sections: readonly ReportSection[], rest: Omit<TourFigures, 'models'>): TourFigures {
  const models = sections.flatMap((section) =>
    section.summaries.map((s) => ({
      chapter: section.course,
      model: s.model,
      ...(s.metric !== undefined ? { metric: s.metric } : {}),
      train: s.trainAccuracy,
      heldOut: s.testAccuracy,
      heldOutSet: s.heldOut ?? 'test',
    })),
  );
  return { ...rest, models };
}

/** Reads a `figures.json` written by {@link collectFigures}'s caller. */
export async function readFigures(file: string | URL): Promise<TourFigures> {
  return JSON.parse(await readFile(file, 'utf8')) as TourFigures;
}

const pct = (fraction: number): string => `${(fraction * 100).toFixed(1)}%`;
const secs = (value: number): string => `${Math.round(value)} s`;

/** The README's figures block (markdown) for a run's figures. */
export function figuresMarkdown(f: TourFigures): string {
  const rows = f.models.map((m) => {
    const gap = m.heldOut === null ? '' : ((m.train - m.heldOut) * 100).toFixed(1);
    const held = m.heldOut === null ? '' : `${pct(m.heldOut)} (${m.heldOutSet})`;
    return `| ${m.chapter} | ${m.model}${m.metric !== undefined ? ` (${m.metric})` : ''} | ${pct(m.train)} | ${held} | ${gap} |`;
  });
  const perCourse = Object.entries(f.seconds)
    .filter(([key]) => key !== 'total')
    .map(([key, value], i) => `Course ${key.slice('course'.length)} ${i === 0 ? 'took ' : ''}${secs(value)}`);
  return [
    `Measured by one \`pnpm start\` on ${f.cores} CPU cores (backend '${f.backend}'): ${perCourse.join(', ')}, ` +
      `the whole tour ${secs(f.seconds.total)}. Times vary with the machine and its load; ` +
      'the accuracies (or the metric named) are seeded and repeat exactly.',
    '',
    '| chapter | model | train | held out | gap (points) |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** Start and end markers of the generated block in the README. */
export const FIGURES_BEGIN = '<!-- tour-figures:begin — generated from figures.json by `pnpm --filter @dlkit/tour figures` -->';
export const FIGURES_END = '<!-- tour-figures:end -->';

/** The README with its figures block replaced by `block`; throws when the markers are missing. */
export function replaceFiguresBlock(readme: string, block: string): string {
  const begin = readme.indexOf(FIGURES_BEGIN);
  const end = readme.indexOf(FIGURES_END);
  if (begin < 0 || end < begin) throw new Error(`README has no figures block (${FIGURES_BEGIN} … ${FIGURES_END})`);
  return `${readme.slice(0, begin + FIGURES_BEGIN.length)}\n${block}\n${readme.slice(end)}`;
}

/**
 * The models whose accuracies (to the README's one decimal) differ between two runs, as sentences;
 * empty when the README's figures still hold. Times are not compared: they depend on the machine.
 * A `partial` run (some courses or chapters) is compared only on the models it trained.
 */
export function figureDrift(quoted: TourFigures, measured: TourFigures, { partial = false }: { partial?: boolean } = {}): string[] {
  const key = (m: ModelFigures) => `${m.chapter} · ${m.model}`;
  const cell = (m: ModelFigures) => `${pct(m.train)} / ${m.heldOut === null ? '–' : pct(m.heldOut)}`;
  const before = new Map(quoted.models.map((m) => [key(m), m]));
  const drift: string[] = [];
  for (const m of measured.models) {
    const q = before.get(key(m));
    if (!q) drift.push(`new model ${key(m)}: ${cell(m)}`);
    else if (cell(q) !== cell(m)) drift.push(`${key(m)}: README ${cell(q)}, this run ${cell(m)}`);
    before.delete(key(m));
  }
  if (!partial) for (const k of before.keys()) drift.push(`no longer trained: ${k}`);
  return drift;
}
