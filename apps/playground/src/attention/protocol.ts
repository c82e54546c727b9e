import type { BackendChoice } from '../shared/backend-choice.js';
import type { CrossAttention } from '@dlkit/tour/date-translation';
import type { AttentionConfig } from './config.js';

/** Messages from the attention page to its training worker. */
export type AttentionToWorker =
  /** Train afresh, showing the attention on `text` at each report. */
  | { readonly type: 'train'; readonly config: AttentionConfig; readonly backend: BackendChoice; readonly text: string }
  | { readonly type: 'stop' }
  /** Translate this date now (and at each later report), during a run or after it. */
  | { readonly type: 'translate'; readonly text: string };

/** Messages from the training worker to the attention page. */
export type AttentionFromWorker =
  | { readonly type: 'progress'; readonly step: number; readonly loss: number; readonly accuracy: number; readonly attention: CrossAttention }
  | { readonly type: 'attention'; readonly step: number; readonly attention: CrossAttention }
  | { readonly type: 'done'; readonly step: number; readonly loss: number; readonly accuracy: number; readonly stopped: boolean }
  | { readonly type: 'error'; readonly message: string };
