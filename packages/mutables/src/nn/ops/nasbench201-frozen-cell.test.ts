import { describe, expect, it } from 'vitest';
import { SearchSpaceError } from '@archspace/ir';
import { trace } from '../trace.js';
import { NasBench201FrozenCell, nasBench201FrozenCell, parseNasBench201Arch } from './nasbench201-frozen-cell.js';
import { ReLUConvBN } from './nasbench201-ops.js';

const ARCH = '|nor_conv_3x3~0|+|none~0|skip_connect~1|+|nor_conv_1x1~0|avg_pool_3x3~1|nor_conv_3x3~2|';

describe('parseNasBench201Arch', () => {
  it('reads the benchmark string into NNI edge keys, dropping nor_', () => {
    expect(parseNasBench201Arch(ARCH)).toEqual({
      '0_1': 'conv_3x3',
      '0_2': 'none',
      '1_2': 'skip_connect',
      '0_3': 'conv_1x1',
      '1_3': 'avg_pool_3x3',
      '2_3': 'conv_3x3',
    });
  });

  it('refuses unknown ops, wrong sources and missing entries', () => {
    expect(() => parseNasBench201Arch('|conv_5x5~0|')).toThrow(/not "conv_5x5"/);
    expect(() => parseNasBench201Arch('|none~1|')).toThrow(/read "op~0"/);
    expect(() => parseNasBench201Arch('|none~0|+|none~0|')).toThrow(SearchSpaceError);
  });
});

describe('NasBench201FrozenCell', () => {
  it('sums the ops into each node and keeps every edge, none included', () => {
    const cell = nasBench201FrozenCell(ARCH, 16, 16);
    expect(cell.numNodes).toBe(4);
    expect(Object.keys(cell.edges)).toEqual(['0_1', '0_2', '1_2', '0_3', '1_3', '2_3']);
    const traced = trace(cell, [[null, 16, 32, 32]]);
    expect(traced.outputShapes).toEqual([[null, 16, 32, 32]]);
    expect(traced.parameterCount()).toBe(2 * (16 * 16 * 9 + 32) + (16 * 16 + 32));
    const adds = traced.root.nodes.filter((n) => n.type === 'add');
    expect(adds.map((n) => n.inputs.length)).toEqual([2, 3]);
    expect(traced.root.nodes.find((n) => n.type === 'Zero')?.name).toBe('edges.0_2');
    expect(traced.root.nodes.find((n) => n.type === 'Identity')?.name).toBe('edges.1_2');
  });

  it('takes NNI dicts, other sizes, and cIn ≠ cOut on the input edges', () => {
    const cell = new NasBench201FrozenCell({ '0_1': 'conv_3x3', '0_2': 'skip_connect', '1_2': 'conv_1x1' }, 8, 16, { stride: 2 });
    expect(cell.numNodes).toBe(3);
    expect(cell.edges['0_1']).toBeInstanceOf(ReLUConvBN);
    expect(trace(cell, [[null, 8, 32, 32]]).outputShapes).toEqual([[null, 16, 16, 16]]);
    expect(() => new NasBench201FrozenCell({ '0_1': 'none', '0_2': 'none' }, 8, 8)).toThrow(/dense DAG/);
  });
});
