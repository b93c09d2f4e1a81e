import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InexactIntegerError } from './exact-integer.js';
import { pyFloat, pyInt } from './python-ops.js';
import { ValueChoice } from './value-choice.js';

/** [text, float(text), int(text)] as CPython 3.11 gave them; see test-support/python-number-literals.py. */
type Row = readonly [text: string, float: string, int: string];
const TABLE = JSON.parse(readFileSync(new URL('./test-support/python-number-literals.json', import.meta.url), 'utf8')) as {
  python: string;
  rows: readonly Row[];
};

const PYTHON_SPACES = [' ', '\t', '\n', '\v', '\f', '\r', '\u0085', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000'];

function pythonFloat(repr: string): number {
  if (repr === 'inf') return Infinity;
  if (repr === '-inf') return -Infinity;
  if (repr === 'nan') return Number.NaN;
  return Number(repr);
}

type Outcome = { value: number } | { error: string };

function outcome(convert: (text: string) => number, text: string): Outcome {
  try {
    return { value: convert(text) };
  } catch (error) {
    return { error: (error as Error).constructor.name };
  }
}

/** What archspace must do for CPython's `float(text)` result. */
function expectedFloat(result: string): Outcome {
  return result === 'ValueError' ? { error: 'RangeError' } : { value: pythonFloat(result) };
}

/** What archspace must do for CPython's `int(text)` result: the integer, or a refusal when no number holds it exactly. */
function expectedInt(result: string): Outcome {
  if (result === 'ValueError') return { error: 'RangeError' };
  const exact = BigInt(result);
  const nearest = Number(exact);
  return Number.isFinite(nearest) && BigInt(nearest) === exact ? { value: nearest } : { error: InexactIntegerError.name };
}

describe("Python's float() and int() on strings", () => {
  it('agree with every row of the CPython table', () => {
    expect(TABLE.python).toMatch(/^3\.11\./);
    expect(TABLE.rows.length).toBeGreaterThan(2000);
    for (const [text, float, int] of TABLE.rows) {
      expect({ text, float: outcome(pyFloat, text) }).toEqual({ text, float: expectedFloat(float) });
      expect({ text, int: outcome(pyInt, text) }).toEqual({ text, int: expectedInt(int) });
    }
  });

  it('give the values the brief names (float("1_000") == 1000.0, int("0x1f") raises, ...)', () => {
    expect(ValueChoice.toFloat('inf')).toBe(Infinity);
    expect(ValueChoice.toFloat('nan')).toBeNaN();
    expect(ValueChoice.toFloat('-Infinity')).toBe(-Infinity);
    expect(ValueChoice.toFloat(' 1.5 ')).toBe(1.5);
    expect(ValueChoice.toFloat('1_000')).toBe(1000);
    expect(ValueChoice.toFloat('1e3')).toBe(1000);
    expect(() => ValueChoice.toFloat('0x1f')).toThrow("could not convert string to float: '0x1f'");
    expect(() => ValueChoice.toFloat('0b11')).toThrow(RangeError);
    expect(ValueChoice.toInt('  42 ')).toBe(42);
    expect(ValueChoice.toInt('1_000')).toBe(1000);
    expect(Object.is(ValueChoice.toInt('-0'), 0)).toBe(true);
    expect(() => ValueChoice.toInt('0x1f')).toThrow("invalid literal for int() with base 10: '0x1f'");
    expect(() => ValueChoice.toInt('1.5')).toThrow(RangeError);
    expect(ValueChoice.toInt(2.9)).toBe(2);
    expect(ValueChoice.toInt(-2.5)).toBe(-2);
    expect(Object.is(ValueChoice.toInt(-0.5), 0)).toBe(true);
    expect(ValueChoice.toInt(true)).toBe(1);
    expect(() => ValueChoice.toInt(Number.NaN)).toThrow('cannot convert float NaN to integer');
    expect(() => ValueChoice.toInt(-Infinity)).toThrow('cannot convert float infinity to integer');
  });

  it('ignore any surrounding Python whitespace', () => {
    const rows = TABLE.rows.filter(([text]) => text.length < 100);
    const padding = fc.array(fc.constantFrom(...PYTHON_SPACES), { maxLength: 3 }).map((s) => s.join(''));
    fc.assert(
      fc.property(fc.constantFrom(...rows), padding, padding, ([text], before, after) => {
        expect(outcome(pyFloat, before + text + after)).toEqual(outcome(pyFloat, text));
        expect(outcome(pyInt, before + text + after)).toEqual(outcome(pyInt, text));
      }),
    );
  });

  it('accept an underscore between two digits and refuse one anywhere else', () => {
    const numeral = fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.nat(40)).map(([n, cut]) => {
      const text = n.toString();
      const at = Math.max(text.startsWith('-') ? 2 : 1, Math.min(cut, text.length - 1));
      return { text, at };
    });
    fc.assert(
      fc.property(numeral, ({ text, at }) => {
        const joined = `${text.slice(0, at)}_${text.slice(at)}`;
        if (at < text.length) {
          expect(outcome(pyInt, joined)).toEqual(outcome(pyInt, text));
          expect(pyFloat(joined)).toBe(pyFloat(text));
        }
        expect(() => pyInt(`${text}_`)).toThrow(RangeError);
        expect(() => pyFloat(`_${text}`)).toThrow(RangeError);
        expect(() => pyFloat(`${text}._5`)).toThrow(RangeError);
      }),
    );
  });

  it('read back every double from its JavaScript and its Python spelling', () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        const sign = Object.is(x, -0) ? '-' : '';
        const python = Number.isNaN(x) ? 'nan' : !Number.isFinite(x) ? (x > 0 ? 'inf' : '-inf') : sign + String(x);
        expect(Object.is(pyFloat(python), x) || (Number.isNaN(x) && Number.isNaN(pyFloat(python)))).toBe(true);
        if (Number.isFinite(x)) expect(Object.is(pyFloat(sign + x.toExponential()), x)).toBe(true);
        if (Number.isSafeInteger(x)) expect(pyInt(String(x))).toBe(x === 0 ? 0 : x); // Python's int has no -0
      }),
    );
  });
});
