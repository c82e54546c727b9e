import { crossEntropy, manualSeed, noGrad } from '@dlkit/core';
import { Adam, cosineDecay, linearWarmup, LRScheduler, permutation } from '@dlkit/optim';
import { Transformer } from '@dlkit/transformer';
import { dateVocabularies, generateDatePairs } from '@dlkit/tour/dates';
import { crossAttentionOf, DateCodec, translateDates, type CrossAttention } from '@dlkit/tour/date-translation';
import type { AttentionConfig } from './config.js';

/** One report of a run: the mean teacher-forced cross-entropy of the mini-batches since the last report. */
export interface DateProgress {
  readonly step: number;
  readonly loss: number;
}

/** A small date-translation transformer being trained (no DOM: it runs in a worker or in Node). */
export interface DateTrainer {
  /** Runs `n` mini-batch steps (never past `config.steps`). */
  train(n: number): DateProgress;
  /** The share of held-out dates translated exactly right (greedy decoding). */
  accuracy(): number;
  /**
   * Translates `text` (lower-cased; characters the model never saw read as `<unk>`) greedily and
   * returns its output with the decoder's cross-attention: `weights[i][j]`, output character i on
   * input character j, averaged over the heads, each row summing to 1.
   */
  translate(text: string): CrossAttention;
}

/**
 * Builds the tour's Course 5 week 4 date translator, smaller (`Transformer` from
 * `@dlkit/transformer`: `encoderLayers` + 1 layers, d_model `dModel`, feed-forward 2·d_model), on
 * the chapter's generated dates and character codes (`DateCodec`), and returns a
 * {@link DateTrainer}: Adam (β₂ = 0.98) with linear warmup then cosine decay, teacher forcing,
 * the dates reshuffled every epoch. The weights and batch order follow `config.seed`.
 * @example const trainer = createDateTrainer(DEFAULT_ATTENTION_CONFIG); trainer.train(100); trainer.translate('5 mar 2002').output;
 */
export function createDateTrainer(config: AttentionConfig): DateTrainer {
  const pairs = generateDatePairs(config.trainPairs + config.heldOutPairs, { seed: 5 });
  const train = pairs.slice(0, config.trainPairs);
  const heldOut = pairs.slice(config.trainPairs);
  const { human, machine } = dateVocabularies(train);
  const codec = new DateCodec(human, machine);
  manualSeed(config.seed);
  const model = new Transformer({
    srcVocabSize: codec.srcVocabSize, tgtVocabSize: codec.tgtVocabSize, dModel: config.dModel, nHead: config.heads,
    numEncoderLayers: config.encoderLayers, numDecoderLayers: 1, dimFeedforward: 2 * config.dModel, dropout: 0, maxLength: 48,
  });
  const optimizer = new Adam(model.parameters(), { lr: 1, betas: [0.9, 0.98] });
  const warmup = Math.max(1, Math.min(config.warmup, config.steps - 1));
  const schedule = linearWarmup({ warmupSteps: warmup, then: cosineDecay({ lr0: config.learningRate, totalSteps: Math.max(1, config.steps - warmup) }) });
  const scheduler = new LRScheduler(optimizer, schedule);
  let order: number[] = [];
  let next = 0;
  let epoch = 0;
  let step = 0;

  /** Eval mode for decoding (no dropout is configured, but the mode says what the pass is). */
  const evaluating = <T>(f: () => T): T => {
    model.eval();
    try {
      return noGrad(f);
    } finally {
      model.train();
    }
  };

  return {
    train(n) {
      let total = 0;
      let count = 0;
      for (let i = 0; i < n && step < config.steps; i++) {
        if (next + config.batchSize > order.length) {
          order = permutation(train.length, config.seed * 1000 + epoch++);
          next = 0;
        }
        const batch = codec.batch(order.slice(next, next + config.batchSize).map((k) => train[k]!));
        next += config.batchSize;
        const cost = crossEntropy(model.forward(batch.src, batch.tgtIn, { srcKeyMask: batch.srcKeyMask }), batch.tgtOut);
        optimizer.zeroGrad();
        cost.backward();
        optimizer.step();
        scheduler.step();
        total += cost.item();
        count++;
        step++;
      }
      return { step, loss: count > 0 ? total / count : Number.NaN };
    },
    accuracy() {
      const out = evaluating(() => translateDates(model, codec, heldOut));
      return out.filter((o, i) => o === heldOut[i]!.machine).length / heldOut.length;
    },
    translate(text) {
      const pair = { human: text.toLowerCase(), machine: '' };
      return evaluating(() => crossAttentionOf(model, codec, pair, translateDates(model, codec, [pair])[0]!));
    },
  };
}
