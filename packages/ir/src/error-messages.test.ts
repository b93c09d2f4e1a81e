import { describe, expect, it } from 'vitest';
import { ArchspaceError, describeValue, formatPath, GraphError, InvalidMutation, IrFormatError } from './errors.js';

describe('describeValue', () => {
  it('quotes short strings whole and clips strings longer than 200 characters', () => {
    expect(describeValue('conv')).toBe('"conv"');
    const exactly200 = 'a'.repeat(200);
    expect(describeValue(exactly200)).toBe(JSON.stringify(exactly200));
    const long = 'b'.repeat(160) + 'c'.repeat(41);
    expect(describeValue(long)).toBe(`${JSON.stringify('b'.repeat(160))}... (201 characters)`);
  });

  it('prints numbers, booleans and bigints as JavaScript does, NaN and infinities included', () => {
    expect(describeValue(1.5)).toBe('1.5');
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue(-Infinity)).toBe('-Infinity');
    expect(describeValue(true)).toBe('true');
    expect(describeValue(12n)).toBe('12');
  });

  it('names undefined, null, symbols and functions', () => {
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(Symbol('s'))).toBe('Symbol(s)');
    function relu(): number {
      return 0;
    }
    expect(describeValue(relu)).toBe('function relu');
    const anonymous = [(): number => 1][0];
    expect(describeValue(anonymous)).toBe('function (anonymous)');
  });

  it('prints objects as JSON, clipped after 200 characters, and never throws', () => {
    expect(describeValue({ a: [1, 'x'] })).toBe('{"a":[1,"x"]}');
    const at200 = { k: 'x'.repeat(192) }; // {"k":"…"} is 8 + 192 characters
    expect(JSON.stringify(at200)).toHaveLength(200);
    expect(describeValue(at200)).toBe(JSON.stringify(at200));
    const at201 = { k: 'x'.repeat(193) };
    expect(describeValue(at201)).toBe(`${JSON.stringify(at201).slice(0, 197)}...`);
    const circular: { self?: unknown } = {};
    circular.self = circular;
    expect(describeValue(circular)).toBe('[object Object]');
    expect(describeValue([1n])).toBe('[object Array]');
  });
});

describe('formatPath', () => {
  it('joins names with slashes and puts indices in brackets', () => {
    expect(formatPath([])).toBe('');
    expect(formatPath(['_model', 'edges', 2, 'head', 0])).toBe('_model/edges[2]/head[0]');
    expect(formatPath([3, 'a'])).toBe('[3]/a');
  });
});

describe('ArchspaceError messages', () => {
  it('builds "code at path: expected …, received …" from the details', () => {
    const e = new GraphError({ code: 'invalid-slot', path: ['g', 'edges'], expected: 'an index', received: -2 });
    expect(e.message).toBe('invalid-slot at "g/edges": expected an index, received -2');
    expect(e.name).toBe('GraphError');
    expect(e.code).toBe('invalid-slot');
    expect(e.path).toEqual(['g', 'edges']);
    expect(e.expected).toBe('an index');
    expect(e.received).toBe(-2);
  });

  it('leaves out an empty path and says "invalid value" without an expectation', () => {
    const e = new ArchspaceError({ code: 'bad', path: [] });
    expect(e.message).toBe('bad: invalid value');
    expect(new ArchspaceError({ code: 'bad', received: undefined }).message).toBe('bad: invalid value, received undefined');
    const bare = new ArchspaceError({ code: 'bare' });
    expect(bare.path).toEqual([]);
    expect(bare.expected).toBeUndefined();
  });

  it('appends the path to a given message in parentheses', () => {
    expect(new ArchspaceError({ code: 'x', path: ['a', 1], message: 'it broke' }).message).toBe('it broke (at "a[1]")');
    expect(new ArchspaceError({ code: 'x', message: 'it broke' }).message).toBe('it broke');
  });

  it('withPathPrefix keeps the class and details and puts the segments first', () => {
    const e = new InvalidMutation({ code: 'cycle', path: ['edges'], expected: 'acyclic', received: ['a'] });
    const moved = e.withPathPrefix('_model', 3);
    expect(moved).toBeInstanceOf(InvalidMutation);
    expect(moved).not.toBe(e);
    expect(moved.code).toBe('cycle');
    expect(moved.path).toEqual(['_model', 3, 'edges']);
    expect(moved.expected).toBe('acyclic');
    expect(moved.received).toEqual(['a']);
    expect(moved.message).toBe('cycle at "_model[3]/edges": expected acyclic, received ["a"]');
    expect(e.path).toEqual(['edges']);
    expect(new IrFormatError({ code: 'k' }).withPathPrefix('x')).toBeInstanceOf(IrFormatError);
  });
});
