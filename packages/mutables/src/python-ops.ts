/**
 * Python's arithmetic for lazy expressions, which the reference's search spaces rely on: floor
 * division and modulo toward −∞, half-to-even rounding, string concatenation and repetition, and
 * `TypeError`s where Python refuses an operation (JavaScript would silently coerce instead).
 */
import { isDeepStrictEqual } from 'node:util';
import { exactInteger, inexactInteger, isIntegral } from './exact-integer.js';
import { floatFromString, intFromString } from './python-number-syntax.js';

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

/**
 * The longest string or list `sequence * n` builds (2^24 items): Python would try to build any
 * length, a JavaScript engine fails past its own limits with an error that names none.
 */
export const MAX_REPEATED_LENGTH = 2 ** 24;

function repeat<T>(sequence: string | readonly T[], times: number): string | T[] {
  if (!Number.isInteger(times)) throw new TypeError(`can't multiply sequence by non-int of type '${pyTypeName(times)}'`);
  const count = sequence.length === 0 ? 0 : Math.max(times, 0);
  if (sequence.length * count > MAX_REPEATED_LENGTH) {
    throw new RangeError(
      `${pyTypeName(sequence)} * ${times} would hold ${sequence.length * count} items; archspace builds at most ${MAX_REPEATED_LENGTH} (2^24)`,
    );
  }
  if (typeof sequence === 'string') return sequence.repeat(count);
  const out: T[] = [];
  for (let i = 0; i < count; i++) for (const item of sequence) out.push(item);
  return out;
}

/** Python's `op` on two ints, exact: `approx` when it is the exact result, else `exact` checked. */
function integerResult(op: string, x: number, y: number, approx: number, exact: (a: bigint, b: bigint) => bigint): number {
  // +, - and * round correctly: a safe result is exact, an inexact one lies beyond 2^53.
  if (Number.isSafeInteger(approx)) return approx;
  return exactInteger(exact(BigInt(x), BigInt(y)), () => `${x} ${op} ${y}`);
}

/** Whether both operands are ints (integral numbers or booleans), which Python computes exactly. */
function bothIntegral(a: unknown, b: unknown): boolean {
  return isIntegral(a) && isIntegral(b);
}

/**
 * `a + b`: numbers add, strings and lists concatenate. Ints add exactly; a sum no JavaScript number
 * holds (past 2^53) throws `InexactIntegerError`.
 */
export function pyAdd(a: unknown, b: unknown): unknown {
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  const [x, y] = numbers('+', a, b);
  if (bothIntegral(a, b)) return integerResult('+', x, y, x + y, (p, q) => p + q);
  return x + y;
}

/** `a - b` on numbers; exact for ints, `InexactIntegerError` past what a number holds. */
export function pySub(a: unknown, b: unknown): unknown {
  const [x, y] = numbers('-', a, b);
  if (bothIntegral(a, b)) return integerResult('-', x, y, x - y, (p, q) => p - q);
  return x - y;
}

/**
 * `a * b`: numbers multiply (exactly for ints, else `InexactIntegerError`); a string or list times
 * an int repeats, up to {@link MAX_REPEATED_LENGTH} items.
 */
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
  if (bothIntegral(a, b)) return integerResult('*', x, y, x * y, (p, q) => p * q);
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

/** Python's `//` and `%` of two ints, at least one past 2^53, computed exactly. */
function exactFloorDivMod(x: number, y: number): { quotient: bigint; remainder: bigint } {
  const p = BigInt(x);
  const q = BigInt(y);
  let quotient = p / q;
  let remainder = p % q;
  if (remainder !== 0n && remainder < 0n !== q < 0n) {
    quotient -= 1n;
    remainder += q;
  }
  return { quotient, remainder };
}

function isUnsafe(x: number, y: number): boolean {
  return !Number.isSafeInteger(x) || !Number.isSafeInteger(y);
}

/**
 * `a % b`: the result takes the divisor's sign (`-7 % 3 == 2`, `7 % -3 == -2`); exact for ints of
 * any size a number holds, `InexactIntegerError` when the exact remainder is not such a number.
 */
export function pyMod(a: unknown, b: unknown): number {
  const [x, y] = numbers('%', a, b);
  if (y === 0) throw zeroDivision('modulo');
  if (bothIntegral(a, b) && isUnsafe(x, y)) {
    return exactInteger(exactFloorDivMod(x, y).remainder, () => `${x} % ${y}`);
  }
  let mod = x % y;
  if (mod !== 0) {
    if (y < 0 !== mod < 0) mod += y;
  } else {
    mod = y < 0 ? -0 : 0;
  }
  return mod;
}

/**
 * `a // b`: division rounded toward −∞ (`-7 // 2 == -4`), computed as CPython does for floats, and
 * exactly for ints (`InexactIntegerError` when no number holds the exact quotient).
 */
export function pyFloorDiv(a: unknown, b: unknown): number {
  const [x, y] = numbers('//', a, b);
  if (y === 0) throw zeroDivision('integer division or modulo');
  if (Number.isSafeInteger(x) && Number.isSafeInteger(y)) return Math.floor(x / y);
  if (bothIntegral(a, b)) return exactInteger(exactFloorDivMod(x, y).quotient, () => `${x} // ${y}`);
  let mod = x % y;
  let div = (x - mod) / y;
  if (mod !== 0 && y < 0 !== mod < 0) {
    mod += y;
    div -= 1;
  }
  // CPython: copysign(0.0, x / y), so `-0.0 // 2.5` and `0.0 // -2.5` are -0.0.
  if (div === 0) return 1 / (x / y) < 0 ? -0 : 0;
  let floor = Math.floor(div);
  if (div - floor > 0.5) floor += 1;
  return floor;
}

/**
 * `a ** b`; `0 ** negative` throws as in Python. An int to a non-negative int power is exact
 * (`7 ** 5 == 16807`); one no JavaScript number holds throws `InexactIntegerError`.
 */
export function pyPow(a: unknown, b: unknown): number {
  const [x, y] = numbers('**', a, b);
  if (x === 0 && y < 0) throw zeroDivision('0.0 cannot be raised to a negative power: division');
  const approx = x ** y;
  if (!bothIntegral(a, b) || y < 0 || Math.abs(x) <= 1) return approx;
  // A finite power of |x| ≥ 2 has y < 1024, so the exact check is cheap.
  if (!Number.isFinite(approx)) throw inexactInteger(`${x} ** ${y}`, 'an integer past ±1.8e308');
  return exactInteger(BigInt(x) ** BigInt(y), () => `${x} ** ${y}`);
}

/** `-a` (exact for every number, ints past 2^53 included). */
export function pyNeg(a: unknown): number {
  const x = asNumber(a);
  if (x === undefined) throw new TypeError(`bad operand type for unary -: '${pyTypeName(a)}'`);
  return -x;
}

/** `abs(a)` (exact for every number, ints past 2^53 included). */
export function pyAbs(a: unknown): number {
  const x = asNumber(a);
  if (x === undefined) throw new TypeError(`bad operand type for abs(): '${pyTypeName(a)}'`);
  return Math.abs(x);
}

/** Python's error for converting a NaN or an infinity to an int (`ValueError` / `OverflowError`). */
function floatToIntegerError(x: number): RangeError {
  return new RangeError(`cannot convert float ${Number.isNaN(x) ? 'NaN' : 'infinity'} to integer`);
}

function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Python's `round(int, digits)` for `digits < 0`: to a multiple of 10^-digits, ties to even, exactly. */
function roundIntegerToTens(x: number, digits: number): number {
  // |x| < 1.8e308 is below half of 10^309, so it rounds to 0.
  if (-digits > 308) return 0;
  const scale = 10n ** BigInt(-digits);
  const value = BigInt(x);
  let q = value / scale;
  let r = value % scale;
  if (r < 0n) {
    q -= 1n;
    r += scale;
  }
  if (2n * r > scale || (2n * r === scale && q % 2n !== 0n)) q += 1n;
  return exactInteger(q * scale, () => `round(${x}, ${digits})`);
}

/**
 * `round(x)` / `round(x, digits)`: half to even on the exact binary value, as Python does
 * (`round(2.5) == 2`, `round(3.5) == 4`, `round(2.675, 2) == 2.67`, `round(0.125, 2) == 0.12`).
 * An int rounded to tens is exact (`round(25, -1) == 20`), or `InexactIntegerError` past 2^53.
 */
export function pyRound(a: unknown, digits?: number): number {
  const x = asNumber(a);
  if (x === undefined) throw new TypeError(`type ${pyTypeName(a)} doesn't define __round__ method`);
  if (digits !== undefined && !Number.isInteger(digits)) {
    throw new TypeError(`'${pyTypeName(digits)}' object cannot be interpreted as an integer`);
  }
  if (!Number.isFinite(x)) {
    if (digits === undefined) throw floatToIntegerError(x);
    return x;
  }
  if (digits === undefined || digits === 0) {
    return roundHalfEven(x) || 0;
  }
  if (Number.isInteger(x)) return digits > 0 ? x : roundIntegerToTens(x, digits);
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

/**
 * `int(x)`: numbers truncate toward zero (`int(-2.5) == -2`, `int(True) == 1`); strings parse with
 * Python's base-10 grammar (`int(' 1_000 ') == 1000`; `'0x1f'` and `'1.5'` are refused). NaN and
 * infinities throw, as in Python.
 */
export function pyInt(a: unknown): number {
  if (typeof a === 'string') return intFromString(a);
  const x = asNumber(a);
  if (x === undefined) throw new TypeError(`int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(a)}'`);
  if (!Number.isFinite(x)) throw floatToIntegerError(x);
  return Math.trunc(x) || 0;
}

/**
 * `float(x)`: numbers pass; strings parse with Python's grammar (`float('1_000') == 1000`,
 * `float(' inf ')`, `float('nan')`; `'0x1f'` and `'0b11'` are refused).
 */
export function pyFloat(a: unknown): number {
  if (typeof a === 'string') return floatFromString(a);
  const x = asNumber(a);
  if (x === undefined) throw new TypeError(`float() argument must be a string or a real number, not '${pyTypeName(a)}'`);
  return x;
}

/** `math.floor(x)` on a number: an int, so NaN and infinities throw as in Python. */
export function pyFloor(a: unknown): number {
  return toIntegerBy(Math.floor, 'floor', a);
}

/** `math.ceil(x)` on a number: an int, so NaN and infinities throw as in Python. */
export function pyCeil(a: unknown): number {
  return toIntegerBy(Math.ceil, 'ceil', a);
}

function toIntegerBy(round: (x: number) => number, name: string, a: unknown): number {
  const x = asNumber(a);
  if (x === undefined) throw new TypeError(`must be real number, not ${pyTypeName(a)} (in math.${name})`);
  if (!Number.isFinite(x)) throw floatToIntegerError(x);
  return round(x) || 0;
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
