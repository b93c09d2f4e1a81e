/**
 * A fast-check arbitrary of valid search-space documents, covering all ten `_type`s and nested
 * choices, for property tests of anything that consumes search-space JSON.
 */
import fc from 'fast-check';
import type { ParameterSpec, SearchSpaceJson } from '../search-space-json.js';

/** Options of {@link arbSearchSpaceJson}. */
export interface ArbSearchSpaceJsonOptions {
  /** Most parameters at each level (default 4). */
  readonly maxParameters?: number;
  /** Deepest nesting of `_name` choices (default 2). */
  readonly maxDepth?: number;
}

const finite = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x));

const orderedPair = (min: number, max: number) =>
  fc.tuple(finite(min, max), finite(min, max)).filter(([a, b]) => a !== b).map(([a, b]) => (a < b ? [a, b] : [b, a]));

const step = finite(1e-3, 100).filter((q) => q > 0);
const sigma = finite(1e-3, 10).filter((s) => s > 0);

const choiceValue = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.string({ maxLength: 8 }), finite(-1e6, 1e6), fc.boolean());

const plainChoice: fc.Arbitrary<ParameterSpec> = fc
  .uniqueArray(choiceValue, { minLength: 1, maxLength: 6, selector: (v) => `${typeof v}:${String(v)}` })
  .map((values) => ({ _type: 'choice', _value: values }));

const numericSpecs: fc.Arbitrary<ParameterSpec>[] = [
  fc
    .tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 1000 }))
    .map(([low, width]) => ({ _type: 'randint', _value: [low, low + width] })),
  orderedPair(-1e6, 1e6).map((pair) => ({ _type: 'uniform', _value: pair })),
  fc.tuple(orderedPair(-1e3, 1e3), step).map(([pair, q]) => ({ _type: 'quniform', _value: [...pair, q] })),
  orderedPair(1e-6, 1e4).map((pair) => ({ _type: 'loguniform', _value: pair })),
  fc.tuple(orderedPair(1e-3, 1e4), step).map(([pair, q]) => ({ _type: 'qloguniform', _value: [...pair, q] })),
  fc.tuple(finite(-100, 100), sigma).map(([mu, s]) => ({ _type: 'normal', _value: [mu, s] })),
  fc.tuple(finite(-100, 100), sigma, step).map(([mu, s, q]) => ({ _type: 'qnormal', _value: [mu, s, q] })),
  fc.tuple(finite(-5, 5), finite(1e-3, 2)).map(([mu, s]) => ({ _type: 'lognormal', _value: [mu, s] })),
  fc.tuple(finite(-5, 5), finite(1e-3, 2), step).map(([mu, s, q]) => ({ _type: 'qlognormal', _value: [mu, s, q] })),
];

const parameterName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.]{0,11}$/);

/**
 * Random valid search-space documents.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbSearchSpaceJson(), (doc) => { fromSearchSpaceJson(doc); }));
 * ```
 */
export function arbSearchSpaceJson(options: ArbSearchSpaceJsonOptions = {}): fc.Arbitrary<SearchSpaceJson> {
  const maxParameters = options.maxParameters ?? 4;
  const maxDepth = options.maxDepth ?? 2;
  const document = (depth: number, minKeys: number): fc.Arbitrary<Record<string, ParameterSpec>> =>
    fc.dictionary(parameterName, spec(depth), { minKeys, maxKeys: maxParameters, noNullPrototype: true });
  const spec = (depth: number): fc.Arbitrary<ParameterSpec> => {
    const leaves = [plainChoice, ...numericSpecs];
    if (depth >= maxDepth) return fc.oneof(...leaves);
    const nested: fc.Arbitrary<ParameterSpec> = fc
      .uniqueArray(fc.tuple(parameterName, document(depth + 1, 0)), { minLength: 1, maxLength: 3, selector: ([name]) => name })
      .map((options) => ({ _type: 'choice', _value: options.map(([name, params]) => ({ _name: name, ...params })) }));
    return fc.oneof({ arbitrary: fc.oneof(...leaves), weight: 4 }, { arbitrary: nested, weight: 1 });
  };
  return document(0, 1);
}
