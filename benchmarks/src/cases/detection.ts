import { concat, rand, tensor, type Tensor } from '@dlkit/core';
import { boxIou, nms } from '@dlkit/detection';
import * as tf from '@tensorflow/tfjs-core';
import type { BenchCase } from '../harness.js';
import { onTs, tfFrom } from './raw-data.js';

/**
 * @dlkit/detection's cases: NMS over many overlapping boxes and a pairwise IoU matrix. The raw
 * twins are TensorFlow.js's `tf.image.nonMaxSuppression` and the same IoU written with tf ops.
 */

/**
 * `n` seeded xyxy boxes as a detector emits them: `n / 100` objects on a 1000×1000 canvas (sides
 * uniform in [20, 100]), each seen as 100 candidate boxes jittered by up to ±15% of its size, so
 * most candidates overlap a better one and NMS keeps a few hundred.
 */
function randomBoxes(n: number, seed: number): Tensor {
  const objects = Math.max(1, Math.round(n / 100));
  const centres = rand([objects, 2], { seed, low: 50, high: 950 }).dataSync();
  const sides = rand([objects, 2], { seed: seed + 1, low: 20, high: 100 }).dataSync();
  const jitter = rand([n, 4], { seed: seed + 2, low: -0.15, high: 0.15 }).dataSync();
  const out = new Float32Array(4 * n);
  for (let i = 0; i < n; i++) {
    const o = i % objects;
    const [cx, cy, w, h] = [centres[2 * o]!, centres[2 * o + 1]!, sides[2 * o]!, sides[2 * o + 1]!];
    const x = cx + jitter[4 * i]! * w;
    const y = cy + jitter[4 * i + 1]! * h;
    const halfW = (w * (1 + jitter[4 * i + 2]!)) / 2;
    const halfH = (h * (1 + jitter[4 * i + 3]!)) / 2;
    out.set([x - halfW, y - halfH, x + halfW, y + halfH], 4 * i);
  }
  return tensor(out, { shape: [n, 4] });
}

/**
 * `nms(boxes, scores, 0.5)` on `n` boxes (torchvision's rule); raw: `tf.image.nonMaxSuppression`
 * with no output limit and no score threshold, boxes given in its `[y1, x1, y2, x2]` order. No flop
 * count: the work depends on how many boxes survive.
 */
function nmsCase(n: number): BenchCase {
  return {
    name: 'nms',
    params: `${n.toLocaleString('en-US')} boxes, IoU 0.5`,
    flops: NaN,
    prepare() {
      const boxes = randomBoxes(n, 60);
      const scores = rand([n], { seed: 62 });
      return () => nms(boxes, scores, 0.5);
    },
    raw() {
      const [boxes, scores] = onTs(() => {
        const b = randomBoxes(n, 60);
        // xyxy → yxyx.
        const yxyx = concat([b.slice([0, 1], [n, 1]), b.slice([0, 0], [n, 1]), b.slice([0, 3], [n, 1]), b.slice([0, 2], [n, 1])], 1);
        return [tfFrom(yxyx) as tf.Tensor2D, tfFrom(rand([n], { seed: 62 })) as tf.Tensor1D];
      });
      return () => tf.image.nonMaxSuppression(boxes, scores, n, 0.5);
    },
  };
}

/**
 * `boxIou(a, b)` for `[n, 4]` × `[m, 4]` boxes → `[n, m]`; raw: the same broadcast arithmetic in
 * tf ops. Flops: 12 per pair (2 min, 2 max, 2 sub, 2 clamps, the product, the union's add and sub, the division).
 */
function boxIouCase(n: number, m: number): BenchCase {
  return {
    name: 'boxIou',
    params: `${n.toLocaleString('en-US')}×${m.toLocaleString('en-US')} boxes`,
    flops: 12 * n * m,
    prepare() {
      const a = randomBoxes(n, 70);
      const b = randomBoxes(m, 72);
      return () => boxIou(a, b);
    },
    raw() {
      const [a, b] = onTs(() => [tfFrom(randomBoxes(n, 70)), tfFrom(randomBoxes(m, 72))]);
      const [ax1, ay1, ax2, ay2] = tf.split(a!, 4, 1);
      const [bx1, by1, bx2, by2] = tf.split(b!, 4, 1).map((c) => tf.transpose(c));
      return () => {
        const areaA = tf.mul(tf.sub(ax2!, ax1!), tf.sub(ay2!, ay1!));
        const areaB = tf.mul(tf.sub(bx2!, bx1!), tf.sub(by2!, by1!));
        const w = tf.relu(tf.sub(tf.minimum(ax2!, bx2!), tf.maximum(ax1!, bx1!)));
        const h = tf.relu(tf.sub(tf.minimum(ay2!, by2!), tf.maximum(ay1!, by1!)));
        const inter = tf.mul(w, h);
        return tf.div(inter, tf.sub(tf.add(areaA, areaB), inter));
      };
    },
  };
}

/** The detection cases, in report order. */
export const detectionCases: readonly BenchCase[] = [nmsCase(10_000), boxIouCase(1000, 1000)];
