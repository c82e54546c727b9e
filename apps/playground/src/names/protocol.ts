import type { BackendChoice } from '../shared/backend-choice.js';
import type { NamesConfig } from './config.js';

/** Messages from the names page to its training worker. */
export type NamesToWorker =
  | { readonly type: 'train'; readonly config: NamesConfig; readonly backend: BackendChoice }
  | { readonly type: 'stop' }
  /** Resample now (and from now on) at this temperature, during a run or after it. */
  | { readonly type: 'temperature'; readonly temperature: number };

/** Names sampled from the model at one point of training. */
export interface NameSamples {
  readonly step: number;
  readonly temperature: number;
  /** Each sampled name, and whether it is a copy of a training name. */
  readonly names: readonly { readonly name: string; readonly known: boolean }[];
}

/** Messages from the training worker to the names page. */
export type NamesFromWorker =
  | { readonly type: 'progress'; readonly step: number; readonly loss: number; readonly samples: NameSamples }
  | { readonly type: 'samples'; readonly samples: NameSamples }
  | { readonly type: 'done'; readonly step: number; readonly loss: number; readonly stopped: boolean }
  | { readonly type: 'error'; readonly message: string };
