import { describe, expect, it } from 'vitest';
import { ValueChoice } from '../../value-choice.js';
import { Module } from '../module.js';
import { ShapeError } from '../op.js';
import type { Tensor } from '../tensor.js';
import { trace } from '../trace.js';
import { ReLU } from './activations.js';
import { BatchNorm2d } from './batchnorm.js';
import { Conv2d } from './conv2d.js';
import { Sequential } from './sequential.js';

class Net extends Module {
  constructor(readonly body: Sequential) {
    super();
  }
  forward(x: Tensor): Tensor {
    return this.body.call(x);
  }
}

describe('Sequential', () => {
  it('chains its modules and names them <path>.0, <path>.1, …', () => {
    const body = new Sequential(new ReLU(), new Conv2d(3, 16, 3, { padding: 1, bias: false }), new BatchNorm2d(16));
    expect(body.length).toBe(3);
    expect(body[1]).toBeInstanceOf(Conv2d);
    expect(body.modules.map((m) => m.constructor.name)).toEqual(['ReLU', 'Conv2d', 'BatchNorm2d']);
    const net = new Net(body);
    expect([...net.namedModules()].map(([path]) => path)).toEqual(['', 'body', 'body.0', 'body.1', 'body.2']);
    const traced = trace(net, [[null, 3, 32, 32]]);
    expect(traced.root.nodes.map((n) => [n.name, n.type])).toEqual([
      ['body.0', 'ReLU'],
      ['body.1', 'Conv2d'],
      ['body.2', 'BatchNorm2d'],
    ]);
    expect(traced.outputShapes).toEqual([[null, 16, 32, 32]]);
    expect(traced.parameterCount()).toBe(432 + 32);
  });

  it('passes the input through when empty', () => {
    expect(trace(new Net(new Sequential()), [[null, 3]]).outputShapes).toEqual([[null, 3]]);
  });

  it('reports a shape error at the failing child', () => {
    const net = new Net(new Sequential(new Conv2d(3, 16, 3), new BatchNorm2d(8)));
    expect(() => trace(net, [[null, 3, 8, 8]])).toThrow(ShapeError);
    expect(() => trace(net, [[null, 3, 8, 8]])).toThrow(/at "body\.1"/);
  });

  it('freezes the choices inside it and shares what has none', () => {
    const width = new ValueChoice([16, 32], { label: 'width' });
    const tail = new ReLU();
    const body = new Sequential(new Conv2d(3, width, 3, { padding: 1, bias: false }), new BatchNorm2d(width), tail);
    expect(body.hasDecisions).toBe(true);
    expect(Object.keys(body.simplify())).toEqual(['width']);
    const frozen = body.freeze({ width: 32 });
    expect(frozen).toBeInstanceOf(Sequential);
    expect(frozen).not.toBe(body);
    expect((frozen as Sequential)[2]).toBe(tail);
    expect((frozen as Sequential).length).toBe(3);
    expect(trace(new Net(frozen as Sequential), [[null, 3, 8, 8]]).parameterCount()).toBe(3 * 32 * 9 + 64);
    expect(frozen.equals(body.freeze({ width: 32 }))).toBe(true);
    expect(frozen.equals(body.freeze({ width: 16 }))).toBe(false);
  });

  it('refuses arguments that are not modules', () => {
    expect(() => new Sequential(new ReLU(), 3 as unknown as Module)).toThrow(/argument 1 is not a Module/);
  });
});
