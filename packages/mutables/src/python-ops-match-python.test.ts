import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InexactIntegerError } from './exact-integer.js';
import {
  MAX_REPEATED_LENGTH,
  pyAbs,
  pyAdd,
  pyCeil,
  pyCompare,
  pyEq,
  pyFloat,
  pyFloor,
  pyFloorDiv,
  pyGetItem,
  pyInt,
  pyMod,
  pyMul,
  pyNeg,
  pyPow,
  pyRound,
  pySub,
  pyTrueDiv,
  pyTruthy,
  pyTypeName,
} from './python-ops.js';

/** Runs `f` and returns what it threw (fails the test when it returns). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function inexact(f: () => unknown): InexactIntegerError {
  const error = thrown(f);
  expect(error).toBeInstanceOf(InexactIntegerError);
  expect((error as InexactIntegerError).code).toBe('inexact-integer');
  return error as InexactIntegerError;
}

describe("Python's type names", () => {
  it.each([
    [1, 'int'],
    [1.5, 'float'],
    ['a', 'str'],
    [true, 'bool'],
    [false, 'bool'],
    [null, 'NoneType'],
    [undefined, 'NoneType'],
    [[], 'list'],
    [[1], 'list'],
    [{}, 'dict'],
    [{ a: 1 }, 'dict'],
    [() => 1, 'function'],
    [1n, 'bigint'],
  ] as const)('pyTypeName(%o) is %s', (value, name) => {
    expect(pyTypeName(value)).toBe(name);
  });
});

describe('operand types, as Python refuses them', () => {
  it('refuses a number with a non-number on either side', () => {
    expect(() => pySub(1, 'a')).toThrow(new TypeError("unsupported operand type(s) for -: 'int' and 'str'"));
    expect(() => pySub('a', 1)).toThrow(new TypeError("unsupported operand type(s) for -: 'str' and 'int'"));
    expect(() => pyAdd(1, 'a')).toThrow(new TypeError("unsupported operand type(s) for +: 'int' and 'str'"));
    expect(() => pyAdd([1], 2)).toThrow(new TypeError("unsupported operand type(s) for +: 'list' and 'int'"));
    expect(() => pyAdd(1, [2])).toThrow(new TypeError("unsupported operand type(s) for +: 'int' and 'list'"));
    expect(() => pyAdd('a', ['b'])).toThrow(new TypeError("unsupported operand type(s) for +: 'str' and 'list'"));
  });

  it('repeats sequences only by a number', () => {
    expect(() => pyMul('a', 'b')).toThrow(new TypeError("unsupported operand type(s) for *: 'str' and 'str'"));
    expect(() => pyMul([1], null)).toThrow(new TypeError("unsupported operand type(s) for *: 'list' and 'NoneType'"));
    expect(() => pyMul(null, 'a')).toThrow(new TypeError("unsupported operand type(s) for *: 'NoneType' and 'str'"));
    expect(() => pyMul({}, [1])).toThrow(new TypeError("unsupported operand type(s) for *: 'dict' and 'list'"));
    expect(() => pyMul('a', 1.5)).toThrow(new TypeError("can't multiply sequence by non-int of type 'float'"));
    expect(pyMul('ab', true)).toBe('ab');
    expect(pyMul(false, [1])).toEqual([]);
  });

  it('negates and takes abs of numbers only', () => {
    expect(pyNeg(2)).toBe(-2);
    expect(pyNeg(true)).toBe(-1);
    expect(pyAbs(-2.5)).toBe(2.5);
    expect(() => pyNeg('a')).toThrow(new TypeError("bad operand type for unary -: 'str'"));
    expect(() => pyAbs('a')).toThrow(new TypeError("bad operand type for abs(): 'str'"));
  });
});

describe('float arithmetic', () => {
  it.each([
    [pyAdd, 1.5, 1, 2.5],
    [pyAdd, 0.25, 0.5, 0.75],
    [pySub, 1.5, 0.25, 1.25],
    [pySub, 1, 0.5, 0.5],
    [pyMul, 1.5, 2, 3],
  ] as const)('%o(%o, %o) == %o', (op, a, b, expected) => {
    expect(op(a, b)).toBe(expected);
  });

  it('gives zeros the sign float arithmetic gives them (CPython floats)', () => {
    expect(Object.is(pyMul(-1, 0), -0)).toBe(true);
    expect(Object.is(pyAdd(-0, -0), -0)).toBe(true);
    expect(Object.is(pyMod(6, -3), -0)).toBe(true);
    expect(Object.is(pyMod(6, 3), 0)).toBe(true);
    expect(Object.is(pyMod(-6, 3), 0)).toBe(true);
    expect(Object.is(pyMod(-6, -3), -0)).toBe(true);
    expect(Object.is(pyFloorDiv(0, -5), -0)).toBe(true);
    expect(Object.is(pyPow(-0, 3), -0)).toBe(true);
    // CPython: copysign(0.0, x / y) for a zero quotient.
    expect(Object.is(pyFloorDiv(-0, 2.5), -0)).toBe(true);
    expect(Object.is(pyFloorDiv(0, -2.5), -0)).toBe(true);
    expect(Object.is(pyFloorDiv(1, 2.5), 0)).toBe(true);
    expect(Object.is(pyFloorDiv(-1, -2.5), 0)).toBe(true);
  });

  it('floor-divides floats as CPython does (results from python3)', () => {
    expect(pyFloorDiv(7.5, -2.5)).toBe(-3);
    expect(pyFloorDiv(7.5, -2)).toBe(-4);
    expect(pyFloorDiv(-7.5, -2)).toBe(3);
    expect(pyFloorDiv(0.5, 2)).toBe(0);
    // (x - x % y) / y lands just off the integer; CPython rounds it to the nearest.
    expect(pyFloorDiv(-18167.950347768347, 0.2820577015360597)).toBe(-64413);
    expect(pyFloorDiv(-2376.048769502064, -0.14548185894467713)).toBe(16332);
    expect(pyFloorDiv(37.87015846081325, -2.783226101713887)).toBe(-14);
  });

  it('raises RangeError on division by zero', () => {
    expect(() => pyTrueDiv(1, 0)).toThrow(new RangeError('division by zero'));
    expect(() => pyMod(1, 0)).toThrow(new RangeError('modulo by zero'));
    expect(() => pyFloorDiv(1, 0)).toThrow(new RangeError('integer division or modulo by zero'));
    expect(() => pyPow(0, -1)).toThrow(RangeError);
    expect(pyPow(0, 0)).toBe(1);
    expect(pyPow(0, 2)).toBe(0);
  });
});

describe('exact integers past 2^53', () => {
  it('names the operation and its exact result', () => {
    expect(inexact(() => pyAdd(2 ** 53, 1)).message).toMatch(/^9007199254740992 \+ 1 is 9007199254740993 /);
    expect(inexact(() => pyAdd(true, 2 ** 53)).received).toBe('9007199254740993');
    expect(inexact(() => pyMod(-1, 2 ** 60)).message).toMatch(/^-1 % 1152921504606847000 is 1152921504606846975 /);
    expect(inexact(() => pyFloorDiv(2 ** 60, 3)).message).toMatch(/^1152921504606847000 \/\/ 3 is 384307168202282325 /);
    expect(inexact(() => pyPow(3, 34)).message).toMatch(/^3 \*\* 34 is 16677181699666569 /);
    expect(inexact(() => pyRound(2 ** 60, -1)).message).toMatch(/^round\(1152921504606847000, -1\) is 1152921504606846980 /);
  });

  it('writes results of up to 40 digits out, longer ones by their digit count', () => {
    expect(inexact(() => pyPow(3, 83)).received).toBe('3990838394187339929534246675572349035227');
    expect(inexact(() => pyPow(3, 84)).received).toBe('an integer of 41 digits');
    expect(inexact(() => pyPow(2, 1024)).received).toBe('an integer past ±1.8e308');
  });
});

describe('sequence repetition limit', () => {
  it('builds exactly MAX_REPEATED_LENGTH items and refuses one more', () => {
    expect((pyMul('a', MAX_REPEATED_LENGTH) as string).length).toBe(MAX_REPEATED_LENGTH);
    expect(() => pyMul('ab', 2 ** 24 + 1)).toThrow(/^str \* 16777217 would hold 33554434 items; archspace builds at most 16777216/);
    expect(() => pyMul([1], MAX_REPEATED_LENGTH + 1)).toThrow(RangeError);
  });
});

describe('round', () => {
  it.each([
    [1349, -2, 1300],
    [1351, -2, 1400],
    [-1349, -2, -1300],
    [5, 2, 5],
    [5, -1e10, 0],
    [1234.5, -2, 1200],
    [1250.5, -2, 1300],
    [-1250.5, -1, -1250],
    [0.1, 101, 0.1],
    [2 ** -400, 100, 0],
    [Infinity, 2, Infinity],
    [-Infinity, -2, -Infinity],
  ] as const)('round(%o, %o) == %o (python3)', (x, digits, expected) => {
    expect(pyRound(x, digits)).toBe(expected);
  });

  it('rounds NaN with digits to NaN and refuses NaN and infinities without', () => {
    expect(pyRound(NaN, 1)).toBeNaN();
    expect(() => pyRound(Infinity)).toThrow(new RangeError('cannot convert float infinity to integer'));
    expect(() => pyRound(NaN)).toThrow(new RangeError('cannot convert float NaN to integer'));
    expect(() => pyRound('a')).toThrow(new TypeError("type str doesn't define __round__ method"));
  });

  it('refuses 10^308 (from round(1e308, -308)), which no double holds', () => {
    inexact(() => pyRound(1e308, -308));
  });
});

describe('int, float, floor and ceil', () => {
  it('converts numbers and refuses other types with TypeError', () => {
    expect(() => pyInt([])).toThrow(TypeError);
    expect(() => pyInt(NaN)).toThrow(new RangeError('cannot convert float NaN to integer'));
    expect(() => pyInt(-Infinity)).toThrow(new RangeError('cannot convert float infinity to integer'));
    expect(pyFloat(5)).toBe(5);
    expect(pyFloat(true)).toBe(1);
    expect(pyFloat(-2.5)).toBe(-2.5);
    expect(() => pyFloat([])).toThrow(new TypeError("float() argument must be a string or a real number, not 'list'"));
  });

  it('floors and ceils to ints without a negative zero', () => {
    expect(pyFloor(2.5)).toBe(2);
    expect(pyFloor(-0.5)).toBe(-1);
    expect(pyCeil(2.5)).toBe(3);
    expect(pyCeil(true)).toBe(1);
    expect(Object.is(pyCeil(-0.5), 0)).toBe(true);
    expect(Object.is(pyFloor(-0), 0)).toBe(true);
    expect(() => pyFloor(Infinity)).toThrow(new RangeError('cannot convert float infinity to integer'));
    expect(() => pyCeil(NaN)).toThrow(new RangeError('cannot convert float NaN to integer'));
    expect(() => pyFloor('a')).toThrow(new TypeError('must be real number, not str (in math.floor)'));
    expect(() => pyCeil(null)).toThrow(new TypeError('must be real number, not NoneType (in math.ceil)'));
  });

  it('floors and ceils like Math.floor and Math.ceil for finite numbers', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(pyFloor(x)).toBe(Math.floor(x) || 0);
        expect(pyCeil(x)).toBe(Math.ceil(x) || 0);
      }),
    );
  });
});

describe('truthiness', () => {
  it.each([
    [[], false],
    [[0], true],
    [new Array(2), true],
    [{}, false],
    [{ a: 0 }, true],
    [null, false],
    [undefined, false],
    [0, false],
    [1, true],
    ['', false],
    ['a', true],
  ] as const)('bool(%o) is %o', (value, expected) => {
    expect(pyTruthy(value)).toBe(expected);
  });
});

describe('comparison', () => {
  it.each([
    [1, 1, 0],
    [1, 2, -1],
    [2, 1, 1],
    [true, 1, 0],
    ['a', 'a', 0],
    ['a', 'b', -1],
    ['b', 'a', 1],
    [[1], [1, 2], -1],
    [[1, 2], [1], 1],
    [[1, 2], [1, 3], -1],
    [[1, 2], [1, 2], 0],
  ] as const)('compare(%o, %o) has sign %o', (a, b, sign) => {
    expect(Math.sign(pyCompare(a, b, '<'))).toBe(sign);
  });

  it('refuses mixed types naming the outer operands', () => {
    expect(() => pyCompare('a', 1, '<')).toThrow(new TypeError("'<' not supported between instances of 'str' and 'int'"));
    expect(() => pyCompare(1, 'a', '>')).toThrow(new TypeError("'>' not supported between instances of 'int' and 'str'"));
    expect(() => pyCompare('a', [1], '<=')).toThrow(new TypeError("'<=' not supported between instances of 'str' and 'list'"));
    expect(() => pyCompare([1], 'a', '<')).toThrow(new TypeError("'<' not supported between instances of 'list' and 'str'"));
  });

  it('tells unequal strings apart', () => {
    expect(pyEq('a', 'b')).toBe(false);
    expect(pyEq('a', 'a')).toBe(true);
    expect(pyEq(1, 'a')).toBe(false);
    expect(pyEq(true, 1)).toBe(true);
  });
});

describe('subscripts', () => {
  it('indexes strings and lists by ints, from either end, within bounds', () => {
    expect(pyGetItem('abc', 1)).toBe('b');
    expect(pyGetItem('abc', -1)).toBe('c');
    expect(pyGetItem([1, 2], -2)).toBe(1);
    expect(() => pyGetItem([1, 2], 2)).toThrow(new RangeError('list index out of range'));
    expect(() => pyGetItem([1, 2], -3)).toThrow(new RangeError('list index out of range'));
    expect(() => pyGetItem('ab', 2)).toThrow(new RangeError('str index out of range'));
  });

  it('refuses keys that are not ints', () => {
    expect(() => pyGetItem([1, 2], '0')).toThrow(new TypeError('list indices must be integers, not str'));
    expect(() => pyGetItem([1, 2], 1.5)).toThrow(new TypeError('list indices must be integers, not float'));
    expect(() => pyGetItem('ab', null)).toThrow(new TypeError('str indices must be integers, not NoneType'));
  });

  it('looks up own dict keys only, and refuses other containers', () => {
    expect(pyGetItem({ a: 1 }, 'a')).toBe(1);
    expect(() => pyGetItem({ a: 1 }, 'b')).toThrow(new RangeError('key "b" not found'));
    expect(() => pyGetItem({}, 'toString')).toThrow(RangeError);
    expect(() => pyGetItem(null, 'a')).toThrow(new TypeError("'NoneType' object is not subscriptable"));
    expect(() => pyGetItem(3, 0)).toThrow(new TypeError("'int' object is not subscriptable"));
  });
});
