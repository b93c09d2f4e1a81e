/**
 * Arbitraries of hostile user data for the fuzz suite: labels that are `Object.prototype` property
 * names, `__proto__`, empty or odd; numbers at every edge (NaN, ±Infinity, -0, 2^53 + 1, huge and
 * tiny); JSON values with such keys and numbers; deep nesting (up to 10^4, built without recursion)
 * and large sizes (up to 10^6).
 */
import fc from 'fast-check';

/** Labels and keys a user may well write, and that break code that treats records as objects. */
export const HOSTILE_NAMES: readonly string[] = [
  ...Object.getOwnPropertyNames(Object.prototype),
  '__proto__',
  'prototype',
  'constructor',
  '',
  ' ',
  'a/b',
  '/',
  '../x',
  'x.y',
  'é',
  '日本',
  '😀',
  '\u0000',
  'then',
  'length',
  '0',
  '-1',
];

/** A label or key: hostile names, or short arbitrary strings. */
export const hostileName: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NAMES) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });

/** Numbers at the edges of what a double can hold. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0, 2 ** 53 + 1, -(2 ** 53) - 1, Number.MAX_VALUE, Number.MIN_VALUE, 1e300, -1e300, 1e-300, 1e6, 0.5),
  fc.double(),
  fc.integer(),
);

/** An array nested `depth` deep around `inner`, built without recursion. */
export function nested(depth: number, inner: unknown = 1, asObject = false): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
}

/** The JSON text of the huge values, made once (writing them at every case would dominate the suite). */
const KNOWN_TEXT = new WeakMap<object, string>();

/**
 * `value`, printed by fast-check (in a counterexample) as `name` instead of walked (which would
 * overflow), with its JSON text made once.
 */
function named<T extends object>(value: T, name: string, text: string): T {
  Object.defineProperty(value, fc.toStringMethod, { value: () => name, enumerable: false });
  KNOWN_TEXT.set(value, text);
  return value;
}

/** Inputs too deep or too large for naive code: nesting up to 10^4, sizes up to 10^6. */
export const hugeValues: readonly unknown[] = (() => {
  const ones = new Array(1_000_000).fill(1);
  const objects = Array.from({ length: 100_000 }, (_, i) => ({ [`k${i}`]: i }));
  return [
    named(nested(10_000) as object, 'arrays nested 10,000 deep', `${'['.repeat(10_000)}1${']'.repeat(10_000)}`),
    named(nested(10_000, 1, true) as object, 'objects nested 10,000 deep', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`),
    named(ones, 'an array of 1,000,000 ones', JSON.stringify(ones)),
    named(objects, 'an array of 100,000 one-key objects', JSON.stringify(objects)),
  ];
})();

/** JSON-like values with hostile keys and numbers, and now and then a huge one. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 40, arbitrary: fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      hostileNumber,
      fc.string({ maxLength: 8 }),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(hostileName, tie('value'), { maxKeys: 4 }),
    ),
  })).value },
  { weight: 1, arbitrary: fc.constantFrom(...hugeValues) },
  // Look-alikes that break code (or a library) comparing `.length` or converting to a primitive.
  { weight: 2, arbitrary: fc.constantFrom<unknown>({ length: Object.create(null) as object }, { length: { valueOf: null } }, { toString: 1, valueOf: 2 }, Object.create(null) as object) },
);

/** A record whose own keys are hostile (an object literal with `__proto__` as an own key included). */
export function recordOf(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  return record;
}

/** Text that is hostile as YAML or JSON: deep brackets, alias bombs, odd keys, or arbitrary. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom('['.repeat(10_000), '{"a":'.repeat(10_000), '['.repeat(10_000) + ']'.repeat(10_000), 'a: &a [1]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b]', '__proto__: {polluted: 1}', 'constructor: {prototype: {polluted: 1}}', 'x'.repeat(2_000_000)),
  hostileJson.map((value) => jsonText(value)),
);

/** `JSON.stringify(value)` for plain data of any depth, written without recursion (the test's own tool). */
export function jsonText(value: unknown): string {
  const out: string[] = [];
  // A frame is a value to write, or a literal piece of text (the closing brackets and separators).
  const stack: ({ value: unknown } | { text: string })[] = [{ value }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if ('text' in frame) {
      out.push(frame.text);
      continue;
    }
    const current = frame.value;
    const known = typeof current === 'object' && current !== null ? KNOWN_TEXT.get(current) : undefined;
    if (known !== undefined) {
      out.push(known);
      continue;
    }
    if (typeof current !== 'object' || current === null) {
      out.push(JSON.stringify(current) ?? 'null');
      continue;
    }
    const entries: [string | undefined, unknown][] = Array.isArray(current) ? current.map((v) => [undefined, v]) : Object.entries(current).filter(([, v]) => v !== undefined);
    const [open, close] = Array.isArray(current) ? ['[', ']'] : ['{', '}'];
    out.push(open);
    stack.push({ text: close });
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, member] = entries[i]!;
      stack.push({ value: member });
      stack.push({ text: `${i > 0 ? ',' : ''}${key === undefined ? '' : `${JSON.stringify(key)}:`}` });
    }
  }
  return out.join('');
}
