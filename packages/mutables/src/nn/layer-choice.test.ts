import { describe, expect, it } from 'vitest';
import { SampleMissingError, SearchSpaceError } from '@archspace/ir';
import { ValueChoice } from '../value-choice.js';
import { LayerChoice } from './layer-choice.js';
import { Module } from './module.js';
import { nn } from './index.js';
import type { Tensor } from './tensor.js';
import { trace } from './trace.js';

class Net extends Module {
  choice = new LayerChoice(
    {
      conv: new nn.Conv2d(8, new ValueChoice([8, 16], { label: 'width' }), 3, { padding: 1 }),
      pool: new nn.MaxPool2d(3, { stride: 1, padding: 1 }),
    },
    { label: 'op' },
  );
  forward(x: Tensor) {
    return this.choice.call(x);
  }
}

describe('LayerChoice', () => {
  it('names list candidates 0, 1, … and dict candidates by key', () => {
    expect(new LayerChoice([new nn.ReLU(), new nn.Identity()], { label: 'l' }).names).toEqual([0, 1]);
    expect(new Net().choice.names).toEqual(['conv', 'pool']);
  });

  it('freezes to the chosen candidate itself when it holds no decision', () => {
    const net = new Net();
    const frozen = net.freeze({ op: 'pool' }) as Net;
    expect(frozen.choice).toBe(net.choice.candidate('pool'));
    expect(frozen.hasDecisions).toBe(false);
    const conv = (net.freeze({ op: 'conv', width: 16 }) as Net).choice as unknown as { params: { outChannels: number } };
    expect(conv.params.outChannels).toBe(16);
  });

  it('validates nested choices only in the chosen candidate', () => {
    const net = new Net();
    expect(net.contains({ op: 'pool' })).toBe(true);
    expect(net.checkContains({ op: 'conv' })).toBeInstanceOf(SampleMissingError);
    expect(net.size).toBe(3);
    expect([...net.grid()]).toEqual([{ op: 'conv', width: 8 }, { op: 'conv', width: 16 }, { op: 'pool' }]);
  });

  it('records a cell holding every candidate unconnected when traced unfrozen', () => {
    const traced = trace(new Net(), [[null, 8, 4, 4]]);
    const root = traced.root.nodes;
    expect(root).toHaveLength(1);
    expect(root[0]).toMatchObject({ type: '_cell', label: 'op', parameters: { mutation: 'layerchoice', label: 'op', candidates: ['conv', 'pool'] } });
    const inner = traced.graphs.get(root[0]!.cellName!)!;
    expect(inner.nodes.map((n) => n.name)).toEqual(['layerchoice_op_conv', 'layerchoice_op_pool']);
    expect(inner.nodes.every((n) => n.inputs.length === 0)).toBe(true);
    expect(traced.graphs.get(`${root[0]!.cellName}/conv`)!.nodes[0]!.type).toBe('Conv2d');
    expect(root[0]!.outputShapes).toEqual([[null, null, 4, 4]]);
  });

  it('refuses empty candidates, non-modules and reserved names', () => {
    expect(() => new LayerChoice([], { label: 'e' })).toThrow(SearchSpaceError);
    expect(() => new LayerChoice([3 as unknown as Module], { label: 'n' })).toThrow(/Module/);
    expect(() => new LayerChoice({ names: new nn.ReLU() }, { label: 'r' })).toThrow(/other than/);
  });
});
