/**
 * The strings Python's `int(s)` (base 10) and `float(s)` accept, checked against CPython 3.11:
 *
 * - Surrounding whitespace is ignored: ASCII space, `\t \n \v \f \r`, and the Unicode spaces above
 *   ASCII (`\u0085 \u00a0 \u1680 \u2000-\u200a \u2028 \u2029 \u202f \u205f \u3000`), but neither
 *   `\x1c-\x1f` nor `\ufeff`.
 * - Any Unicode decimal digit counts as its ASCII digit (`float('١٢') == 12.0`).
 * - `_` may only stand between two digits (`1_000`, `1e1_0`; not `_1`, `1_`, `1__0`, `1_.5`).
 * - `int`: an optional sign, then digits (leading zeros allowed); no `0x`/`0o`/`0b` prefix, no point.
 *   More than 4300 digits is refused, as Python ≥ 3.11 does by default.
 * - `float`: an optional sign, then decimal digits with an optional point and an optional exponent
 *   (`1.`, `.5`, `1e3`, `1.5E-2`), or `inf`, `infinity`, `nan` in any case. No hexadecimal or binary.
 */
import { exactInteger } from './exact-integer.js';
import { pyRepr } from './repr.js';

const PYTHON_SPACE_ABOVE_ASCII = /^[\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;
const ASCII_ONLY = /^[\x00-\x7f]*$/;
const SURROUNDING_SPACE = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g;
const MISPLACED_UNDERSCORE = /(?<![0-9])_|_(?![0-9])/;
const INT_LITERAL = /^[+-]?[0-9]+$/;
const FLOAT_LITERAL = /^[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf|infinity|nan)$/i;

/** The most digits `int(str)` converts (CPython's default `sys.get_int_max_str_digits()`). */
export const INT_MAX_STR_DIGITS = 4300;

/** The value of a Unicode decimal digit: decimal digits come in runs of ten, 0 to 9, one after another. */
function decimalDigitValue(codePoint: number): number {
  let start = codePoint;
  while (start > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (codePoint - start) % 10;
}

/**
 * The text with non-ASCII spaces made `' '` and non-ASCII digits made ASCII, as CPython does before
 * parsing; `undefined` when another non-ASCII character makes the text invalid anyway.
 */
function toAsciiNumeral(text: string): string | undefined {
  if (ASCII_ONLY.test(text)) return text;
  let out = '';
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (codePoint < 0x7f) out += char;
    else if (PYTHON_SPACE_ABOVE_ASCII.test(char)) out += ' ';
    else if (DECIMAL_DIGIT.test(char)) out += String(decimalDigitValue(codePoint));
    else return undefined;
  }
  return out;
}

/** The numeral without its surrounding whitespace and underscores, or `undefined` if an underscore is misplaced. */
function numeralBody(text: string): string | undefined {
  const ascii = toAsciiNumeral(text);
  if (ascii === undefined || MISPLACED_UNDERSCORE.test(ascii)) return undefined;
  return ascii.replace(SURROUNDING_SPACE, '').replace(/_/g, '');
}

/** Python's `float(text)`; a `RangeError` (Python's `ValueError`) for text Python refuses. */
export function floatFromString(text: string): number {
  const body = numeralBody(text);
  if (body === undefined || !FLOAT_LITERAL.test(body)) throw new RangeError(`could not convert string to float: ${pyRepr(text)}`);
  const word = body.replace(/^[+-]/, '').toLowerCase();
  const sign = body.startsWith('-') ? -1 : 1;
  if (word === 'nan') return Number.NaN;
  if (word === 'inf' || word === 'infinity') return sign * Infinity;
  return Number(body);
}

/**
 * Python's `int(text)` in base 10; a `RangeError` (Python's `ValueError`) for text Python refuses,
 * and `InexactIntegerError` for an integer no JavaScript number holds exactly.
 */
export function intFromString(text: string): number {
  const body = numeralBody(text);
  if (body === undefined || !INT_LITERAL.test(body)) throw new RangeError(`invalid literal for int() with base 10: ${pyRepr(text)}`);
  const digits = body.replace(/^[+-]/, '');
  if (digits.length > INT_MAX_STR_DIGITS) {
    throw new RangeError(
      `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits.length} digits`,
    );
  }
  const significant = digits.replace(/^0+/, '');
  // 15 digits are below 2^53, so exact as a number; longer numerals are checked exactly.
  if (significant.length <= 15) return Number(body) || 0;
  return exactInteger(BigInt(body), () => `int(${pyRepr(text)})`);
}
