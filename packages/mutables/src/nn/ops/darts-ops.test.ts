import { describe, expect, it } from 'vitest';
import type { Module } from '../module.js';
import type { Shape } from '../tensor.js';
import { trace } from '../trace.js';
import { DARTS_OP_NAMES, DARTS_OPS, DilConv, PoolBN, SepConv, StdConv } from './darts-ops.js';
import { FactorizedReduce } from './nasbench201-ops.js';

function run(module: Module, shape: Shape) {
  const traced = trace(module, [shape]);
  return { shape: traced.outputShapes[0], params: traced.parameterCount(), flops: traced.flops(), nodes: traced.root.nodes };
}

// Depthwise 3×3 + pointwise 16→16 on 32×32, per DilConv.
const DW_PW_16 = 16 * 1024 * 9 + 16 * 1024 * 16;

describe('DARTS blocks', () => {
  it('StdConv is ReLU → conv (no bias) → BN', () => {
    expect(run(new StdConv(48, 16, 1, 1, 0), [null, 48, 8, 8])).toMatchObject({ shape: [null, 16, 8, 8], params: 48 * 16 + 32, flops: 16 * 64 * 48 });
  });

  it('PoolBN pools then normalises; average pooling ignores padding', () => {
    const max = new PoolBN('max', 16, 3, 2, 1);
    expect(run(max, [null, 16, 32, 32])).toMatchObject({ shape: [null, 16, 16, 16], params: 32, flops: 0 });
    expect(new PoolBN('avg', 16, 3, 1, 1).pool.params).toMatchObject({ countIncludePad: false });
  });

  it('DilConv is ReLU → depthwise dilated conv → pointwise conv → BN', () => {
    const { shape, params, flops, nodes } = run(new DilConv(16, 16, 3, 1, 2, 2), [null, 16, 32, 32]);
    expect(shape).toEqual([null, 16, 32, 32]);
    expect(params).toBe(16 * 9 + 16 * 16 + 32);
    expect(flops).toBe(DW_PW_16);
    expect(nodes[1]!.parameters).toMatchObject({ groups: 16, dilation: 2, bias: false });
  });

  it('SepConv is two separable convs, the stride on the first', () => {
    expect(run(new SepConv(16, 16, 3, 1, 1), [null, 16, 32, 32])).toMatchObject({ shape: [null, 16, 32, 32], params: 2 * (16 * 9 + 256 + 32), flops: 2 * DW_PW_16 });
    expect(run(new SepConv(16, 16, 3, 2, 1), [null, 16, 32, 32])).toMatchObject({ shape: [null, 16, 16, 16], flops: DW_PW_16 / 2 });
    expect(run(new SepConv(16, 24, 5, 1, 2), [null, 16, 8, 8]).nodes.map((n) => n.name)).toEqual([
      'net.0.net.0',
      'net.0.net.1',
      'net.0.net.2',
      'net.0.net.3',
      'net.1.net.0',
      'net.1.net.1',
      'net.1.net.2',
      'net.1.net.3',
    ]);
  });
});

describe('DARTS_OPS', () => {
  it('keeps the channels and divides height and width by the stride', () => {
    expect(DARTS_OP_NAMES).toHaveLength(8);
    for (const name of DARTS_OP_NAMES) {
      expect(run(DARTS_OPS[name](16, 1), [null, 16, 32, 32]).shape, name).toEqual([null, 16, 32, 32]);
      expect(run(DARTS_OPS[name](16, 2), [null, 16, 32, 32]).shape, name).toEqual([null, 16, 16, 16]);
    }
  });

  it('costs what the DARTS ops cost on 16 channels', () => {
    const params = Object.fromEntries(DARTS_OP_NAMES.map((name) => [name, run(DARTS_OPS[name](16, 1), [null, 16, 32, 32]).params]));
    expect(params).toEqual({
      none: 0,
      max_pool_3x3: 32,
      avg_pool_3x3: 32,
      skip_connect: 0,
      sep_conv_3x3: 2 * (16 * 9 + 256 + 32),
      sep_conv_5x5: 2 * (16 * 25 + 256 + 32),
      dil_conv_3x3: 16 * 9 + 256 + 32,
      dil_conv_5x5: 16 * 25 + 256 + 32,
    });
    expect(DARTS_OPS.skip_connect(16, 2)).toBeInstanceOf(FactorizedReduce);
    expect(run(DARTS_OPS.max_pool_3x3(16, 1, false), [null, 16, 8, 8]).params).toBe(0);
  });
});
