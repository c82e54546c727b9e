import type { TopLevelSpec } from 'vega-lite';

/** What every picture of the report has. */
interface FigureBase {
  /** A sentence under the picture saying what to look at. */
  readonly caption: string;
  /** Let the figure span the whole row (default false: figures sit two per row). */
  readonly wide?: boolean;
}

/** A chart: a Vega-Lite spec rendered to inline SVG. */
export interface ChartFigure extends FigureBase {
  readonly spec: TopLevelSpec;
}

/** A picture drawn by a library as a standalone SVG (e.g. `@dlkit/detection`'s boxes on an image), inlined as it is. */
export interface SvgFigure extends FigureBase {
  readonly svg: string;
}

/** One picture of the report. */
export type ReportFigure = ChartFigure | SvgFigure;

/** The figures of one trained model, for the summary tables. */
export interface ModelSummary {
  /** Model name, e.g. "Shallow network (n_h = 4, tanh)". */
  readonly model: string;
  /** Data it was trained on. */
  readonly dataset: string;
  /** Parameter updates. */
  readonly iterations: number;
  /** Learning rate α. */
  readonly learningRate: number;
  /** The last recorded cost. */
  readonly finalCost: number;
  /** What `trainAccuracy` and `testAccuracy` measure when it is not plain accuracy (e.g. `'mAP@0.5'`, `'mean IoU'`, `'exact match'`); a fraction in `[0, 1]` all the same. */
  readonly metric?: string;
  /** Accuracy (or `metric`) on the training set, in `[0, 1]`. */
  readonly trainAccuracy: number;
  /** Accuracy (or `metric`) on held-out data, in `[0, 1]`, when there is a test (or dev) set. */
  readonly testAccuracy: number | null;
  /** What the held-out set is: a test set (default) or a dev set. */
  readonly heldOut?: 'test' | 'dev';
  /** Training time in seconds. */
  readonly seconds: number;
}

/** A file a chapter adds beside the report (e.g. a generated MIDI melody), linked from its section. */
export interface ReportFile {
  /** File name in the report folder, e.g. `melody.mid`. */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** What the link says it is. */
  readonly description: string;
}

/** A chapter of the report. */
export interface ReportSection {
  /** Anchor id. */
  readonly id: string;
  /** Heading. */
  readonly title: string;
  /** Where it is in the course, e.g. "Course 1 · week 2". */
  readonly course: string;
  /** Explanatory paragraphs (plain text; `backticks` become code). */
  readonly paragraphs: readonly string[];
  /** Trained models. */
  readonly summaries: readonly ModelSummary[];
  /** Charts. */
  readonly figures: readonly ReportFigure[];
  /** Small tables of figures (e.g. before/after values), shown before the charts. */
  readonly tables?: readonly ReportTable[];
  /** Preformatted text shown after the paragraphs, e.g. a `model.summary()` table (default none). */
  readonly listings?: readonly ReportListing[];
  /** Files written beside the report and linked from the section. */
  readonly files?: readonly ReportFile[];
}

/** A small table of a chapter: a caption, column headings and rows of cells (plain text; `backticks` become code). */
export interface ReportTable {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** A block of monospaced text in a section, with a caption. */
export interface ReportListing {
  readonly caption: string;
  readonly text: string;
}

/** The whole tour report. */
export interface TourReport {
  readonly title: string;
  readonly sections: readonly ReportSection[];
  /** The backend the models ran on. */
  readonly backend: string;
  /** Wall-clock seconds of the whole tour. */
  readonly totalSeconds: number;
  /** When the tour ran. */
  readonly generated: Date;
}
