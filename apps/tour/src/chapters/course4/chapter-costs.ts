import { nn } from '@dlkit/core';
import { Conv2d, SeparableConv2d, models } from '@dlkit/cnn';
import type { ReportListing, ReportSection } from '../../report/types.js';
import { printHeading } from '../../summary.js';
import { cpuSecondsSince } from './digits.js';

const count = (n: number): string => n.toLocaleString('en-US');
const millions = (n: number): string => `${(n / 1e6).toFixed(1)}M`;

/** The numbers of {@link costsChapter}, for the report and the tests. */
export interface ConvCosts {
  /** 5×5 same conv 28×28×192 → 32. */
  readonly direct: nn.ModelSummary;
  /** 1×1 conv to 16, then the 5×5 conv to 32. */
  readonly bottleneck: nn.ModelSummary;
  /** The course's 6×6×3 input, 3×3 filters, 5 output channels. */
  readonly normalSmall: nn.ModelSummary;
  readonly separableSmall: nn.ModelSummary;
  /** A MobileNet-sized layer: 14×14×256 → 256, 3×3 same. */
  readonly normalLarge: nn.ModelSummary;
  readonly separableLarge: nn.ModelSummary;
  /** Whole networks at 224×224: name → MACs per image. */
  readonly networks: readonly { readonly name: string; readonly params: number; readonly macs: number }[];
}

/** Every cost the chapter shows, read from `summary()`'s MACs column. */
export function convCosts(options: { networks?: boolean } = {}): ConvCosts {
  const quiet = { print: false } as const;
  const networks = options.networks === false ? [] : [
    { name: 'ResNet-18', model: models.resnet18() },
    { name: 'MobileNetV2', model: models.mobilenetV2() },
    { name: 'EfficientNet-B0', model: models.efficientnetB0() },
  ].map(({ name, model }) => {
    const s = model.summary([224, 224, 3], quiet);
    return { name, params: s.totalParams, macs: s.totalMacs };
  });
  return {
    direct: new Conv2d(192, 32, 5, { padding: 'same' }).summary([28, 28, 192], quiet),
    bottleneck: new nn.Sequential(new Conv2d(192, 16, 1), new nn.ReLU(), new Conv2d(16, 32, 5, { padding: 'same' })).summary([28, 28, 192], quiet),
    normalSmall: new Conv2d(3, 5, 3).summary([6, 6, 3], quiet),
    separableSmall: new SeparableConv2d(3, 5, 3).summary([6, 6, 3], quiet),
    normalLarge: new Conv2d(256, 256, 3, { padding: 'same' }).summary([14, 14, 256], quiet),
    separableLarge: new SeparableConv2d(256, 256, 3, { padding: 'same' }).summary([14, 14, 256], quiet),
    networks,
  };
}

/**
 * Course 4, week 2 — what convolutions cost: the lecture's 1×1-bottleneck and
 * depthwise-separable arguments, and three whole networks, counted by `model.summary()`.
 */
export function costsChapter(): ReportSection {
  const course = 'Course 4 · week 2';
  const title = 'What a convolution costs: 1×1 bottlenecks and depthwise-separable convolutions';
  printHeading(course, title);
  const cpuStart = process.cpuUsage();
  const c = convCosts();
  const tables: ReportListing[] = [
    { caption: 'A 5 × 5 same convolution from 28 × 28 × 192 to 32 channels.', text: c.direct.toString() },
    { caption: 'The same output through a 1 × 1 bottleneck to 16 channels first (Inception\'s reduction).', text: c.bottleneck.toString() },
    { caption: 'The lecture\'s example, 6 × 6 × 3 input, 3 × 3 filters, 5 output channels: a normal convolution …', text: c.normalSmall.toString() },
    { caption: '… and the depthwise-separable one (`SeparableConv2d`: depthwise 3 × 3, then pointwise 1 × 1).', text: c.separableSmall.toString() },
  ];
  for (const t of tables) console.log(`\n  ${t.caption}\n${t.text.replace(/^/gm, '    ')}`);
  const ratioSmall = c.separableSmall.totalMacs / c.normalSmall.totalMacs;
  const ratioLarge = c.separableLarge.totalMacs / c.normalLarge.totalMacs;
  const networks = c.networks.map((n) => `${n.name} ${count(n.params)} parameters, ${(n.macs / 1e9).toFixed(2)} G MACs`).join('; ');
  console.log(`    separable / normal: ${ratioSmall.toFixed(4)} (1/5 + 1/9 = ${(1 / 5 + 1 / 9).toFixed(4)}); 256 channels: ${ratioLarge.toFixed(4)} (1/256 + 1/9 = ${(1 / 256 + 1 / 9).toFixed(4)})`);
  console.log(`    at 224×224: ${networks}; CPU ${cpuSecondsSince(cpuStart).toFixed(1)} s`);
  const [one, five] = c.bottleneck.rows.filter((r) => r.macs !== null) as [nn.SummaryRow, nn.SummaryRow];
  return {
    id: 'conv-costs',
    title,
    course,
    paragraphs: [
      `\`model.summary()\` counts the multiply–accumulates (MACs) of one forward pass per example, layer by layer: every layer that multiplies by weights reports them from its shapes (a conv: output size × k² × input channels per group; a \`Linear\`: output size × inputs). That is enough to check the lecture's cost arguments with the real layers instead of arithmetic on paper.`,
      `The Inception lecture: a 5 × 5 same convolution from a 28 × 28 × 192 volume to 32 channels costs ${count(c.direct.totalMacs)} multiplies (the lecture's "about 120 million"). Shrinking the volume to 16 channels with a 1 × 1 convolution first costs ${count(one.macs!)}, and the 5 × 5 convolution on the thin volume ${count(five.macs!)}: ${count(c.bottleneck.totalMacs)} in all (the lecture's 12.4 million), ${(c.direct.totalMacs / c.bottleneck.totalMacs).toFixed(1)} times fewer for the same output shape.`,
      `The MobileNet lecture: on its 6 × 6 × 3 example with 3 × 3 filters and 5 output channels, a normal convolution costs ${count(c.normalSmall.totalMacs)} multiplies; the depthwise one (one 3 × 3 filter per channel) ${count(c.separableSmall.rows[0]!.macs!)} plus the pointwise 1 × 1 one ${count(c.separableSmall.rows[1]!.macs!)}, ${count(c.separableSmall.totalMacs)} in all — ${ratioSmall.toFixed(3)} of the normal cost, exactly 1/n_c' + 1/f² = 1/5 + 1/9. At the sizes of a real MobileNet layer (14 × 14 × 256 → 256) the ratio is ${ratioLarge.toFixed(3)} (${millions(c.separableLarge.totalMacs)} vs ${millions(c.normalLarge.totalMacs)} MACs), nearly the 1/9 bound.`,
      `The same column summed over whole networks at 224 × 224: ${networks}. MobileNetV2 and EfficientNet-B0, built from depthwise-separable blocks, do ImageNet classification at a fifth of ResNet-18's arithmetic.`,
    ],
    listings: tables,
    summaries: [],
    figures: [],
  };
}
