/**
 * Python's arithmetic for lazy expressions, which the reference's search spaces rely on: floor
 * division and modulo toward −∞, half-to-even rounding, string concatenation and repetition, and
 * `TypeError`s where Python refuses an operation (JavaScript would silently coerce instead).
 */
import { isDeepStrictEqual } from 'node:util';

/** Python's name for the type of a value, for error messages. */
export function pyTypeName(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (value === null || value === undefined) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'dict';
  return typeof value;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}

function unsupported(op: string, a: unknown, b: unknown): TypeError {
  return new TypeError(`unsupported operand type(s) for ${op}: '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

function numbers(op: string, a: unknown, b: unknown): [number, number] {
  const x = asNumber(a);
  const y = asNumber(b);
  if (x === undefined || y === undefined) throw unsupported(op, a, b);
  return [x, y];
}

function repeat<T>(sequence: string | readonly T[], times: number): string | T[] {
  if (!Number.isInteger(times)) throw new TypeError(`can't multiply sequence by non-int of type '${pyTypeName(times)}'`);
  if (typeof sequence === 'string') return times <= 0 ? '' : sequence.repeat(times);
  const out: T[] = [];
  for (let i = 0; i < times; i++) out.push(...sequence);
  return out;
}

/** `a + b`: numbers add, strings and lists concatenate. */
export function pyAdd(a: unknown, b: unknown): unknown {
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  const [x, y] = numbers('+', a, b);
  return x + y;
}

/** `a - b` on numbers. */
export function pySub(a: unknown, b: unknown): unknown {
  const [x, y] = numbers('-', a, b);
  return x - y;
}

/** `a * b`: numbers multiply; a string or list times an int repeats. */
export function pyMul(a: unknown, b: unknown): unknown {
  if (typeof a === 'string' || Array.isArray(a)) {
    const n = asNumber(b);
    if (n === undefined) throw unsupported('*', a, b);
    return repeat(a as string | unknown[], n);
  }
  if (typeof b === 'string' || Array.isArray(b)) {
    const n = asNumber(a);
    if (n === undefined) throw unsupported('*', a, b);
    return repeat(b as string | unknown[], n);
  }
  const [x, y] = numbers('*', a, b);
  return x * y;
}

function zeroDivision(what: string): RangeError {
  return new RangeError(`${what} by zero`);
}

/** `a / b`: true division; division by zero throws as in Python. */
export function pyTrueDiv(a: unknown, b: unknown): number {
  const [x, y] = numbers('/', a, b);
  if (y === 0) throw zeroDivision('division');
  return x / y;
}

/** `a % b`: the result takes the divisor's sign (`-7 % 3 == 2`, `7 % -3 == -2`). */
export function pyMod(a: unknown, b: unknown): number {
  const [x, y] = numbers('%', a, b);
  if (y === 0) throw zeroDivision('modulo');
  let mod = x % y;
  if (mod !== 0) {
    if (y < 0 !== mod < 0) mod += y;
  } else {
    mod = y < 0 ? -0 : 0;
  }
  return mod;
}

/** `a // b`: division rounded toward −∞ (`-7 // 2 == -4`), computed as CPython does for floats. */
export function pyFloorDiv(a: unknown, b: unknown): number {
  const [x, y] = numbers('//', a, b);
  if (y === 0) throw zeroDivision('integer division or modulo');
  if (Number.isSafeInteger(x) && Number.isSafeInteger(y)) return Math.floor(x / y);
  let mod = x % y;
  let div = (x - mod) / y;
  if (mod !== 0 && y < 0 !== mod < 0) {
    mod += y;
    div -= 1;
  }
  if (div === 0) return (x / y < 0 ? -0 : 0);
  let floor = Math.floor(div);
  if (div - floor > 0.5) floor += 1;
  return floor;
}

/** `a ** b`; `0 ** negative` throws as in Python. */
export function pyPow(a: unknown, b: unknown): number {
  const [x, y] = numbers('**', a, b);
  if (x === 0 && y < 0) throw zeroDivision('0.0 cannot be raised to a negative power: division');
  return x ** y;
}

/** `-a`. */
export function pyNeg(a: unknown): number {
  const x = asNumber(a);
  if (x === undefined) throw new TypeError(`bad operand type for unary -: '${pyTypeName(a)}'`);
  return -x;
}

/** `abs(a)`. */
export function pyAbs(a: unknown): number {
  const x = asNumber(a);
  if (x === undefined) throw new TypeError(`bad operand type for abs(): '${pyTypeName(a)}'`);
  return Math.abs(x);
}

function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * `round(x)` / `round(x, digits)`: half to even on the exact binary value, as Python does
 * (`round(2.5) == 2`, `round(3.5) == 4`, `round(2.675, 2) == 2.67`, `round(0.125, 2) == 0.12`).
 */
export function pyRound(a: unknown, digits?: number): number {
  const x = asNumber(a);
  if (x === undefined) throw new TypeError(`type ${pyTypeName(a)} doesn't define __round__ method`);
  if (!Number.isFinite(x)) {
    if (digits === undefined) throw new RangeError(`cannot convert float ${x} to integer`);
    return x;
  }
  if (digits === undefined || digits === 0) {
    return roundHalfEven(x);
  }
  if (digits < 0) {
    const scale = 10 ** -digits;
    return roundHalfEven(x / scale) * scale;
  }
  if (digits > 100) return x;
  // An exact tie needs x = odd · 2^-(digits+1); only then does Python's half-to-even differ from toFixed.
  if (binaryExponentOfOddPart(x) === digits + 1) return roundHalfEven(x * 10 ** digits) / 10 ** digits;
  return Number(x.toFixed(digits));
}

/** The k for which |x| · 2^k is an odd integer (0 for 0). Doubling and halving are exact. */
function binaryExponentOfOddPart(x: number): number {
  let y = Math.abs(x);
  if (y === 0) return 0;
  let k = 0;
  while (!Number.isInteger(y)) {
    y *= 2;
    k++;
  }
  while (y % 2 === 0) {
    y /= 2;
    k--;
  }
  return k;
}

/** `int(x)`: numbers truncate toward zero; numeric strings parse. */
export function pyInt(a: unknown): number {
  if (typeof a === 'string') {
    const text = a.trim().replace(/_/g, '');
    if (!/^[+-]?\d+$/.test(text)) throw new RangeError(`invalid literal for int() with base 10: '${a}'`);
    return Number.parseInt(text, 10);
  }
  const x = asNumber(a);
  if (x === undefined) throw new TypeError(`int() argument must be a string or a number, not '${pyTypeName(a)}'`);
  if (!Number.isFinite(x)) throw new RangeError(`cannot convert float ${x} to integer`);
  return Math.trunc(x);
}

/** `float(x)`: numbers pass, numeric strings parse. */
export function pyFloat(a: unknown): number {
  if (typeof a === 'string') {
    const x = Number(a.trim());
    if (a.trim() === '' || Number.isNaN(x)) throw new RangeError(`could not convert string to float: '${a}'`);
    return x;
  }
  const x = asNumber(a);
  if (x === undefined) throw new TypeError(`float() argument must be a string or a number, not '${pyTypeName(a)}'`);
  return x;
}

/** Python truthiness: `0`, `''`, `[]`, `{}`, `null`/`undefined` and `false` are false. */
export function pyTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value !== null && typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

/** `a == b` with Python's value semantics (`True == 1`, deep equality of lists and dicts). */
export function pyEq(a: unknown, b: unknown): boolean {
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== undefined && y !== undefined) return x === y;
  return isDeepStrictEqual(a, b);
}

function compareSequences(a: readonly unknown[], b: readonly unknown[], op: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (pyEq(a[i], b[i])) continue;
    return pyCompare(a[i], b[i], op);
  }
  return a.length - b.length;
}

/** Three-way comparison for `< <= > >=`: numbers with numbers, strings with strings, lists element-wise. */
export function pyCompare(a: unknown, b: unknown, op: string): number {
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) return compareSequences(a, b, op);
  throw new TypeError(`'${op}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

/** `a[key]` on lists (negative indices count from the end), strings and dicts. */
export function pyGetItem(container: unknown, key: unknown): unknown {
  if (Array.isArray(container) || typeof container === 'string') {
    if (typeof key !== 'number' || !Number.isInteger(key)) {
      throw new TypeError(`${pyTypeName(container)} indices must be integers, not ${pyTypeName(key)}`);
    }
    const index = key < 0 ? container.length + key : key;
    if (index < 0 || index >= container.length) throw new RangeError(`${pyTypeName(container)} index out of range`);
    return container[index];
  }
  if (container !== null && typeof container === 'object') {
    const k = String(key);
    if (!Object.hasOwn(container, k)) throw new RangeError(`key ${JSON.stringify(k)} not found`);
    return (container as Record<string, unknown>)[k];
  }
  throw new TypeError(`'${pyTypeName(container)}' object is not subscriptable`);
}
