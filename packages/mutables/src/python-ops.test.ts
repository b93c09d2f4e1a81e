import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  pyAdd,
  pyCompare,
  pyEq,
  pyFloat,
  pyFloorDiv,
  pyGetItem,
  pyInt,
  pyMod,
  pyMul,
  pyPow,
  pyRound,
  pySub,
  pyTrueDiv,
} from './python-ops.js';

describe('Python arithmetic', () => {
  it('floors division and takes the divisor sign for modulo', () => {
    expect(pyFloorDiv(-7, 2)).toBe(-4);
    expect(pyFloorDiv(7, 2)).toBe(3);
    expect(pyFloorDiv(7, -2)).toBe(-4);
    expect(pyMod(-7, 3)).toBe(2);
    expect(pyMod(7, -3)).toBe(-2);
    expect(pyMod(7.5, 2)).toBe(1.5);
    expect(pyFloorDiv(7.5, 2)).toBe(3);
    expect(pyFloorDiv(-7.5, 2)).toBe(-4);
  });

  it('keeps a // b * b + a % b == a for integers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1000, max: 1000 }).filter((b) => b !== 0), (a, b) => {
        expect(pyFloorDiv(a, b) * b + pyMod(a, b)).toBe(a);
        expect(Math.sign(pyMod(a, b)) === 0 || Math.sign(pyMod(a, b)) === Math.sign(b)).toBe(true);
      }),
    );
  });

  it('rounds half to even, on the exact binary value', () => {
    expect(pyRound(2.5)).toBe(2);
    expect(pyRound(3.5)).toBe(4);
    expect(pyRound(-2.5)).toBe(-2);
    expect(pyRound(7 / 2)).toBe(4);
    expect(pyRound(2.675, 2)).toBe(2.67);
    expect(pyRound(0.125, 2)).toBe(0.12);
    expect(pyRound(0.375, 2)).toBe(0.38);
    expect(pyRound(1234, -2)).toBe(1200);
    expect(pyRound(1250, -2)).toBe(1200);
    expect(pyRound(1350, -2)).toBe(1400);
  });

  it('concatenates and repeats strings and lists, and refuses mixed types like Python', () => {
    expect(pyAdd('ab', 'cd')).toBe('abcd');
    expect(pyMul('ab', 3)).toBe('ababab');
    expect(pyMul(2, 'x')).toBe('xx');
    expect(pyMul([1, 2], 2)).toEqual([1, 2, 1, 2]);
    expect(pyAdd([1], [2])).toEqual([1, 2]);
    expect(() => pyAdd('a', 1)).toThrow(/unsupported operand type\(s\) for \+: 'str' and 'int'/);
    expect(() => pySub('a', 'b')).toThrow(TypeError);
    expect(() => pyMul('a', 1.5)).toThrow(/non-int/);
  });

  it('raises on division by zero instead of returning Infinity', () => {
    expect(() => pyTrueDiv(1, 0)).toThrow(/division by zero/);
    expect(() => pyFloorDiv(1, 0)).toThrow(/by zero/);
    expect(() => pyMod(1, 0)).toThrow(/by zero/);
    expect(() => pyPow(0, -1)).toThrow(/negative power/);
    expect(pyPow(7, 5)).toBe(16807);
    expect(pyPow(17, 5)).toBe(1419857);
  });

  it('truncates int() toward zero and parses numeric strings', () => {
    expect(pyInt(2.5)).toBe(2);
    expect(pyInt(-2.5)).toBe(-2);
    expect(pyInt(' 42 ')).toBe(42);
    expect(() => pyInt('4.2')).toThrow(/invalid literal/);
    expect(pyFloat('1e-3')).toBe(0.001);
    expect(() => pyFloat('abc')).toThrow(/could not convert/);
  });

  it('compares like Python and treats True as 1', () => {
    expect(pyEq(true, 1)).toBe(true);
    expect(pyEq([1, { a: 2 }], [1, { a: 2 }])).toBe(true);
    expect(pyCompare('a', 'b', '<')).toBeLessThan(0);
    expect(pyCompare([1, 2], [1, 3], '<')).toBeLessThan(0);
    expect(pyCompare([1, 2], [1], '<')).toBeGreaterThan(0);
    expect(() => pyCompare(1, 'a', '<')).toThrow(/'<' not supported between instances of 'int' and 'str'/);
  });

  it('indexes lists from the end and dicts by key', () => {
    expect(pyGetItem([1, 2, 3], -1)).toBe(3);
    expect(pyGetItem({ b: [4, 5] }, 'b')).toEqual([4, 5]);
    expect(() => pyGetItem([1], 3)).toThrow(/out of range/);
    expect(() => pyGetItem(5, 0)).toThrow(/not subscriptable/);
  });
});
