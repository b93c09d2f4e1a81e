import { describe, expect, it } from 'vitest';
import { SearchSpaceError } from '@archspace/ir';
import { ValueChoice } from '../../value-choice.js';
import { Module } from '../module.js';
import type { Shape } from '../tensor.js';
import { trace } from '../trace.js';
import { Conv2d } from './conv2d.js';
import { Identity } from './identity.js';
import { FactorizedReduce, NASBENCH201_OP_NAMES, NASBENCH201_OPS, Pooling, ReLUConvBN, ResNetBasicBlock } from './nasbench201-ops.js';
import { Zero } from './zero.js';

function run(module: Module, shape: Shape) {
  const traced = trace(module, [shape]);
  return { shape: traced.outputShapes[0], params: traced.parameterCount(), flops: traced.flops(), nodes: traced.root.nodes };
}

describe('ReLUConvBN', () => {
  it('is ReLU → Conv2d without bias → BatchNorm2d, under op.0..2', () => {
    const { shape, params, flops, nodes } = run(new ReLUConvBN(16, 32, 3, 2, 1, 1), [null, 16, 32, 32]);
    expect(shape).toEqual([null, 32, 16, 16]);
    expect(params).toBe(16 * 32 * 9 + 2 * 32);
    expect(flops).toBe(32 * 16 * 16 * 16 * 9);
    expect(nodes.map((n) => [n.name, n.type])).toEqual([
      ['op.0', 'ReLU'],
      ['op.1', 'Conv2d'],
      ['op.2', 'BatchNorm2d'],
    ]);
    expect(nodes[1]!.parameters).toMatchObject({ bias: false, dilation: 1 });
  });

  it('honours dilation and affine', () => {
    expect(run(new ReLUConvBN(8, 8, 3, 1, 2, 2), [null, 8, 10, 10]).shape).toEqual([null, 8, 10, 10]);
    expect(run(new ReLUConvBN(8, 8, 1, 1, 0, 1, { affine: false }), [null, 8, 4, 4]).params).toBe(64);
  });
});

describe('Pooling', () => {
  it('is a bare 3×3 average pool when the widths agree', () => {
    const pooling = new Pooling(16, 16, 1);
    expect(pooling.preprocess).toBeNull();
    expect(run(pooling, [null, 16, 32, 32])).toMatchObject({ shape: [null, 16, 32, 32], params: 0, flops: 0 });
    expect(pooling.op.params).toMatchObject({ kernelSize: 3, stride: 1, padding: 1, countIncludePad: false });
  });

  it('projects with a 1×1 ReLUConvBN first when they differ', () => {
    expect(run(new Pooling(16, 32, 2), [null, 16, 32, 32])).toMatchObject({ shape: [null, 32, 16, 16], params: 16 * 32 + 64, flops: 32 * 32 * 32 * 16 });
    expect(run(new Pooling(16, 32, 1, 'max'), [null, 16, 8, 8]).nodes.map((n) => n.type)).toEqual(['ReLU', 'Conv2d', 'BatchNorm2d', 'MaxPool2d']);
  });

  it('accepts one choice for both widths but refuses widths it cannot compare', () => {
    const width = new ValueChoice([16, 32], { label: 'w' });
    expect(new Pooling(width, width, 1).preprocess).toBeNull();
    expect(() => new Pooling(width, 16, 1)).toThrow(SearchSpaceError);
    expect(() => new Pooling(width, 16, 1)).toThrow(/fixed numbers or the same value choice/);
  });
});

describe('FactorizedReduce', () => {
  it('halves the size with two 1×1 stride-2 convs of ⌊c/2⌋ and c − ⌊c/2⌋ channels', () => {
    const reduce = new FactorizedReduce(16, 33);
    expect(reduce.convs.map((c) => c.params.outChannels)).toEqual([16, 17]);
    const { shape, params, flops, nodes } = run(reduce, [null, 16, 31, 32]);
    expect(shape).toEqual([null, 33, 16, 16]);
    expect(params).toBe(16 * 33 + 2 * 33);
    expect(flops).toBe(33 * 16 * 16 * 16);
    expect(nodes.map((n) => [n.name, n.type])).toEqual([
      ['relu', 'ReLU'],
      ['PixelShift', 'PixelShift'],
      ['convs.0', 'Conv2d'],
      ['convs.1', 'Conv2d'],
      ['concat', 'concat'],
      ['bn', 'BatchNorm2d'],
    ]);
  });

  it('feeds its second convolution the ReLU output shifted by one pixel (NAS-Bench-201, DARTS)', () => {
    const { shape, nodes } = run(new FactorizedReduce(16, 32), [null, 16, 8, 8]);
    expect(shape).toEqual([null, 32, 4, 4]);
    const inputsOf = (name: string) => nodes.find((n) => n.name === name)!.inputs.map((ref) => ref.node);
    expect(nodes.find((n) => n.name === 'PixelShift')!.parameters).toEqual({ offset: 1 });
    expect(inputsOf('PixelShift')).toEqual(['relu']);
    expect(inputsOf('convs.0')).toEqual(['relu']);
    expect(inputsOf('convs.1')).toEqual(['PixelShift']);
  });

  it('is a 1×1 conv and BN with stride 1, and refuses other strides', () => {
    expect(run(new FactorizedReduce(16, 32, 1), [null, 16, 8, 8])).toMatchObject({ shape: [null, 32, 8, 8], params: 512 + 64 });
    expect(() => new FactorizedReduce(16, 32, 3)).toThrow(/stride to be a fixed number among 1, 2/);
  });

  it('splits a chosen width lazily', () => {
    const width = new ValueChoice([32, 33], { label: 'w' });
    const frozen = new FactorizedReduce(16, width).freeze({ w: 33 }) as FactorizedReduce;
    expect(frozen.convs.map((c: Conv2d) => c.params.outChannels)).toEqual([16, 17]);
    expect(run(frozen, [null, 16, 8, 8]).shape).toEqual([null, 33, 4, 4]);
  });
});

describe('ResNetBasicBlock', () => {
  it('reduces with an average-pool + 1×1 conv shortcut at stride 2', () => {
    const { shape, params, flops, nodes } = run(new ResNetBasicBlock(16, 32, 2), [null, 16, 32, 32]);
    expect(shape).toEqual([null, 32, 16, 16]);
    expect(params).toBe(16 * 32 * 9 + 64 + 32 * 32 * 9 + 64 + 16 * 32);
    expect(flops).toBe(32 * 256 * 16 * 9 + 32 * 256 * 32 * 9 + 32 * 256 * 16);
    expect(nodes.map((n) => n.name)).toEqual(['convA.op.0', 'convA.op.1', 'convA.op.2', 'convB.op.0', 'convB.op.1', 'convB.op.2', 'downsample.0', 'downsample.1', 'add']);
    expect(nodes.at(-1)!.inputs).toHaveLength(2);
  });

  it('uses a 1×1 ReLUConvBN shortcut when only the widths differ, the input itself otherwise', () => {
    expect(new ResNetBasicBlock(16, 32, 1).downsample).toBeInstanceOf(ReLUConvBN);
    expect(run(new ResNetBasicBlock(16, 32, 1), [null, 16, 8, 8]).params).toBe(16 * 32 * 9 + 64 + 32 * 32 * 9 + 64 + 16 * 32 + 64);
    expect(new ResNetBasicBlock(16, 16, 1).downsample).toBeNull();
    expect(run(new ResNetBasicBlock(16, 16, 1), [null, 16, 8, 8])).toMatchObject({ shape: [null, 16, 8, 8], params: 2 * (16 * 16 * 9 + 32) });
  });
});

describe('NASBENCH201_OPS', () => {
  it('builds the five ops with the benchmark costs inside a cell (16 → 16, stride 1)', () => {
    const costs = Object.fromEntries(NASBENCH201_OP_NAMES.map((name) => [name, run(NASBENCH201_OPS[name](16, 16, 1), [null, 16, 32, 32])]));
    for (const name of NASBENCH201_OP_NAMES) expect(costs[name]!.shape).toEqual([null, 16, 32, 32]);
    expect(Object.fromEntries(NASBENCH201_OP_NAMES.map((name) => [name, costs[name]!.params]))).toEqual({
      none: 0,
      skip_connect: 0,
      conv_1x1: 16 * 16 + 32,
      conv_3x3: 16 * 16 * 9 + 32,
      avg_pool_3x3: 0,
    });
    expect(costs.conv_3x3!.flops).toBe(16 * 1024 * 16 * 9);
    expect(NASBENCH201_OPS.skip_connect(16, 16, 1)).toBeInstanceOf(Identity);
    expect(NASBENCH201_OPS.none(16, 16, 1)).toBeInstanceOf(Zero);
  });

  it('changes width and size when asked (16 → 32, stride 2); none keeps the size there, as the reference', () => {
    expect(NASBENCH201_OPS.skip_connect(16, 32, 2)).toBeInstanceOf(FactorizedReduce);
    for (const name of NASBENCH201_OP_NAMES) {
      expect(run(NASBENCH201_OPS[name](16, 32, 2), [null, 16, 32, 32]).shape).toEqual(name === 'none' ? [null, 32, 32, 32] : [null, 32, 16, 16]);
    }
    expect(run(NASBENCH201_OPS.none(16, 16, 2), [null, 16, 32, 32]).shape).toEqual([null, 16, 16, 16]);
  });
});
