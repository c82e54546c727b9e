/** Bad constructor arguments and inputs raise typed errors naming the layer. */
import { describe, expect, it } from 'vitest';
import { nn, ShapeError, tensor, ValueError, zeros } from '@dlkit/core';
import { Conv1d, Conv2d, ConvTranspose2d, DepthwiseConv2d, Dropout2d, GlobalAvgPool2d, MaxPool2d, models, Upsample2d, ZeroPad2d, loadTorchStateDict } from '../src/index.js';

describe('typed errors', () => {
  it('constructors reject impossible configurations', () => {
    expect(() => new Conv2d(3, 8, 3, { groups: 2 })).toThrow(ValueError);
    expect(() => new Conv2d(3, 8, 3, { groups: 2 })).toThrow(/Conv2d: inChannels \(3\) and outChannels \(8\) must both be divisible by groups \(2\)/);
    expect(() => new Conv2d(0, 8, 3)).toThrow(/Conv2d: inChannels must be a positive integer, got 0/);
    expect(() => new Conv2d(3, 8, [3, 0])).toThrow(/kernelSize/);
    expect(() => new DepthwiseConv2d(4, 3, { depthMultiplier: 1.5 })).toThrow(/DepthwiseConv2d: depthMultiplier/);
    expect(() => new Conv1d(2, 2, 3, { stride: 0 })).toThrow(/Conv1d: stride/);
    expect(() => new ConvTranspose2d(2, 2, 3, { stride: 2, outputPadding: 2 })).toThrow(/outputPadding \[2,2\] must be smaller than the stride \[2,2\]/);
    expect(() => new MaxPool2d(0)).toThrow(ValueError);
    expect(() => new Upsample2d({ size: 4, scaleFactor: 2 })).toThrow(/exactly one of size and scaleFactor/);
    expect(() => new Upsample2d({ scaleFactor: 2, alignCorners: true })).toThrow(/alignCorners applies to mode 'bilinear' only/);
    expect(() => new ZeroPad2d([1, 2, 3] as unknown as [number, number, number, number])).toThrow(/ZeroPad2d: padding must be/);
    expect(() => new Dropout2d(1)).toThrow(/Dropout2d: p must be in \[0, 1\)/);
    expect(() => models.lenet5({ variant: 'new' as 'modern' })).toThrow(ValueError);
    expect(() => models.mobilenetV2({ widthMult: 0 })).toThrow(/widthMult must be positive/);
  });

  it('forward rejects inputs of the wrong rank or channel count', () => {
    expect(() => new Conv2d(3, 4, 3).forward(zeros([1, 8, 8, 2]))).toThrow(ShapeError);
    expect(() => new Conv2d(3, 4, 3).forward(zeros([1, 8, 8, 2]))).toThrow(/Conv2d\.forward: expected NHWC input \[m, h, w, 3\], got \[1,8,8,2\]/);
    expect(() => new ConvTranspose2d(3, 4, 3).forward(zeros([8, 8, 3]))).toThrow(ShapeError);
    expect(() => new ConvTranspose2d(3, 4, 1, { padding: 1 }).forward(zeros([1, 1, 1, 3]))).toThrow(/empty output/);
    expect(() => new Conv1d(3, 4, 3).forward(zeros([1, 8, 2]))).toThrow(/Conv1d\.forward/);
    expect(() => new GlobalAvgPool2d().forward(zeros([2, 3]))).toThrow(ShapeError);
    expect(() => new Dropout2d().forward(zeros([2, 3]))).toThrow(ShapeError);
    expect(() => new Upsample2d({ scaleFactor: 2 }).forward(zeros([2, 3]))).toThrow(ShapeError);
  });

  it('loadTorchStateDict rejects a non-record', () => {
    expect(() => loadTorchStateDict(new nn.Linear(2, 2), null as unknown as Record<string, never>)).toThrow(ValueError);
    expect(() => loadTorchStateDict(new nn.Linear(2, 2), { weight: tensor([1, 2, 3, 4], { shape: [2, 2] }) })).toThrow(/missing: \[bias\]/);
  });
});
