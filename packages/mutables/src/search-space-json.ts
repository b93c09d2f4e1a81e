/**
 * The reference's search-space JSON (`{name: {_type, _value}}`) in both directions, with its exact
 * sampling rules: `randint`'s upper bound is exclusive; `quniform`/`qloguniform` round then clip to
 * the bounds; `qnormal`/`qlognormal` round without clipping; rounding is half to even. Nested
 * choices (options that are dicts with `_name`) activate their own parameters only when chosen.
 *
 * Validation is stricter than the reference's: empty choices, NaN or infinite numbers, booleans used
 * as numbers, `q <= 0` and malformed nested branches are rejected with the JSON path and the rule.
 */
import { SearchSpaceError } from '@archspace/ir';
import { Categorical } from './categorical.js';
import { emptyRecord } from './decision.js';
import { Label } from './label.js';
import { isMutable } from './mutable.js';
import { MutableDict } from './mutable-dict.js';
import { NestedChoice } from './nested-choice.js';
import { Numerical, type NumericalOptions } from './numerical.js';
import { RandomInteger } from './random-integer.js';

/** The ten parameter types of the search-space JSON. */
export const SEARCH_SPACE_TYPES = [
  'choice',
  'randint',
  'uniform',
  'quniform',
  'loguniform',
  'qloguniform',
  'normal',
  'qnormal',
  'lognormal',
  'qlognormal',
] as const;

/** One of {@link SEARCH_SPACE_TYPES}. */
export type SearchSpaceType = (typeof SEARCH_SPACE_TYPES)[number];

/** One parameter of a search-space document. */
export interface ParameterSpec {
  readonly _type: SearchSpaceType;
  readonly _value: readonly unknown[];
}

/** A search-space document: parameter name → spec. */
export type SearchSpaceJson = Readonly<Record<string, ParameterSpec>>;

type Path = readonly (string | number)[];

function invalid(path: Path, rule: string, ...received: [unknown?]): never {
  throw new SearchSpaceError({ code: 'invalid-search-space', path, expected: rule, ...(received.length > 0 ? { received: received[0] } : {}) });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finiteNumber(value: unknown, path: Path): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) invalid(path, 'a finite number (not a boolean, string, NaN or infinity)', value);
  return value;
}

function isNestedOption(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && Object.hasOwn(value, '_name');
}

/** A path kept as a chain of links from a starting path, so that a deep walk does not copy it at every level. */
type PathLink = { readonly start: Path } | { readonly parent: PathLink; readonly key: string | number };

function pathOf(link: PathLink): Path {
  const keys: (string | number)[] = [];
  let current = link;
  while ('parent' in current) {
    keys.push(current.key);
    current = current.parent;
  }
  return [...current.start, ...keys.reverse()];
}

/**
 * Checks that a choice's option is JSON data: finite numbers, strings, booleans, null, lists and
 * dicts, without cycles. Walks with its own stack, so that data nested 10,000 deep is fine.
 */
function checkPlainValue(root: unknown, rootPath: Path): void {
  const pending: { readonly value: unknown; readonly at: PathLink; readonly leaving?: true }[] = [{ value: root, at: { start: rootPath } }];
  const open = new Set<object>();
  while (pending.length > 0) {
    const { value, at, leaving } = pending.pop()!;
    if (leaving) {
      open.delete(value as object);
      continue;
    }
    if (typeof value === 'number' && !Number.isFinite(value)) invalid(pathOf(at), 'a finite number', value);
    if (value === undefined || typeof value === 'function' || typeof value === 'bigint' || typeof value === 'symbol') {
      invalid(pathOf(at), 'a JSON value (number, string, boolean, null, list or dict)', value);
    }
    if (!Array.isArray(value) && !isPlainObject(value)) continue;
    if (open.has(value)) invalid(pathOf(at), 'a JSON value that does not contain itself');
    open.add(value);
    pending.push({ value, at, leaving: true });
    // Array.from visits holes too (as undefined, which is refused); map would skip them.
    const entries: [string | number, unknown][] = Array.isArray(value) ? Array.from(value, (item, i): [number, unknown] => [i, item]) : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) pending.push({ value: entries[i]![1], at: { parent: at, key: entries[i]![0] } });
  }
}

function parseChoice(values: readonly unknown[], label: string, path: Path): Categorical | NestedChoice {
  const valuePath = [...path, '_value'];
  if (values.length === 0) invalid(valuePath, 'a non-empty list of options for "choice"', values);
  const nested = values.filter(isNestedOption).length;
  if (nested === 0) {
    values.forEach((value, i) => checkPlainValue(value, [...valuePath, i]));
    return new Categorical(values, { label: Label.absolute(label) });
  }
  if (nested !== values.length) {
    const i = values.findIndex((v) => !isNestedOption(v));
    invalid([...valuePath, i], 'every option of a nested choice to be a dict with "_name" (or none of them)', values[i]);
  }
  const options = new Map<string, MutableDict>();
  values.forEach((option, i) => {
    const optionPath = [...valuePath, i];
    const record = option as Record<string, unknown>;
    const name = record['_name'];
    if (typeof name !== 'string' && (typeof name !== 'number' || !Number.isFinite(name))) {
      invalid([...optionPath, '_name'], 'a string (or number) naming the option', name);
    }
    const key = String(name);
    if (options.has(key)) invalid([...optionPath, '_name'], 'option names that are all different', name);
    const entries: [string, unknown][] = [['_name', name]];
    for (const [param, spec] of Object.entries(record)) {
      if (param === '_name') continue;
      entries.push([param, parseParameter(spec, `${label}/${key}/${param}`, [...optionPath, param])]);
    }
    options.set(key, new MutableDict(entries));
  });
  return new NestedChoice(options, { label: Label.absolute(label) });
}

function arity(type: SearchSpaceType): number {
  return type.startsWith('q') ? 3 : 2;
}

function parseParameter(spec: unknown, label: string, path: Path): Categorical | NestedChoice | RandomInteger | Numerical {
  if (!isPlainObject(spec)) invalid(path, 'a dict with "_type" and "_value"', spec);
  if (!Object.hasOwn(spec, '_type')) invalid(path, 'a "_type" key', spec);
  if (!Object.hasOwn(spec, '_value')) invalid(path, 'a "_value" key', spec);
  const extra = Object.keys(spec).filter((k) => k !== '_type' && k !== '_value');
  if (extra.length > 0) invalid([...path, extra[0]!], 'only the keys "_type" and "_value"', spec[extra[0]!]);
  const type = spec['_type'];
  if (typeof type !== 'string' || !(SEARCH_SPACE_TYPES as readonly string[]).includes(type)) {
    invalid([...path, '_type'], `one of ${SEARCH_SPACE_TYPES.join(', ')}`, type);
  }
  const t = type as SearchSpaceType;
  const values = spec['_value'];
  if (!Array.isArray(values)) invalid([...path, '_value'], 'a list', values);
  if (t === 'choice') return parseChoice(values, label, path);
  const valuePath = [...path, '_value'];
  if (values.length !== arity(t)) {
    const names = t === 'randint' ? '[lower, upper]' : t.includes('normal') ? '[mu, sigma' : '[low, high';
    const shape = t === 'randint' ? names : `${names}${arity(t) === 3 ? ', q]' : ']'}`;
    invalid(valuePath, `exactly ${arity(t)} numbers ${shape} for "${t}"`, values);
  }
  const numbers = values.map((v, i) => finiteNumber(v, [...valuePath, i]));
  const [first, second, q] = numbers as [number, number, number | undefined];
  if (t === 'randint') {
    numbers.forEach((v, i) => {
      if (!Number.isSafeInteger(v)) invalid([...valuePath, i], 'an integer bound for "randint"', v);
    });
    if (!(first < second)) invalid(valuePath, 'lower < upper for "randint" (upper is exclusive)', values);
    return new RandomInteger(first, second, { label: Label.absolute(label) });
  }
  if (q !== undefined && !(q > 0)) invalid([...valuePath, 2], 'a step q > 0', q);
  const normal = t.includes('normal');
  const log = t.includes('log');
  const options: NumericalOptions = normal
    ? { mu: first, sigma: second, log, ...(q !== undefined ? { quantize: q } : {}), label: Label.absolute(label) }
    : { low: first, high: second, log, ...(q !== undefined ? { quantize: q } : {}), label: Label.absolute(label) };
  if (normal && !(second > 0)) invalid([...valuePath, 1], `sigma > 0 for "${t}"`, second);
  if (!normal && !(first < second)) invalid(valuePath, `low < high for "${t}"`, values);
  if (!normal && log && !(first > 0)) invalid([...valuePath, 0], `low > 0 for "${t}" (it is logarithmic)`, first);
  return new Numerical(options);
}

/**
 * Builds a space from a search-space document. The space's frozen value is the parameter record a
 * trial receives (nested choices appear as `{_name, ...}` dicts).
 *
 * @example
 * ```ts
 * const space = fromSearchSpaceJson({
 *   lr: { _type: 'loguniform', _value: [1e-4, 1e-1] },
 *   batch: { _type: 'choice', _value: [32, 64, 128] },
 * });
 * space.freeze(space.random(createRng(0))); // { lr: 0.0123..., batch: 64 }
 * ```
 */
export function fromSearchSpaceJson(json: unknown): MutableDict {
  if (!isPlainObject(json)) invalid([], 'a search space: a dict of {"_type", "_value"} specs', json);
  const entries: [string, unknown][] = Object.entries(json).map(([name, spec]) => [name, parseParameter(spec, name, [name])]);
  return new MutableDict(entries);
}

function unsupported(path: Path, what: string): never {
  throw new SearchSpaceError({
    code: 'not-expressible-as-json',
    path,
    message: `${what} cannot be written as search-space JSON`,
  });
}

function toSpec(value: unknown, path: Path): ParameterSpec {
  if (value instanceof NestedChoice) {
    if (value.weights) unsupported(path, 'A weighted choice');
    return {
      _type: 'choice',
      _value: value.names.map((name, i) => {
        const option = value.options[i];
        if (!(option instanceof MutableDict) || option.get('_name') === undefined || String(option.get('_name')) !== name) {
          unsupported([...path, '_value', i], `Option "${name}" (not a MutableDict whose "_name" is its name)`);
        }
        const out = emptyRecord();
        for (const [key, member] of option.entries()) out[key] = key === '_name' ? member : toSpec(member, [...path, '_value', i, key]);
        return out;
      }),
    };
  }
  if (value instanceof Categorical) {
    if (value.weights) unsupported(path, 'A weighted choice');
    return { _type: 'choice', _value: [...value.values] };
  }
  if (value instanceof RandomInteger) return { _type: 'randint', _value: [value.low, value.high] };
  if (value instanceof Numerical) {
    const normal = value.mu !== undefined;
    if (normal && (value.low !== -Infinity || value.high !== Infinity)) unsupported(path, 'A bounded normal distribution');
    const base = normal ? 'normal' : 'uniform';
    const type = `${value.quantize !== undefined ? 'q' : ''}${value.log ? 'log' : ''}${base}` as SearchSpaceType;
    const pair = normal ? [value.mu!, value.sigma!] : [value.low, value.high];
    return { _type: type, _value: value.quantize !== undefined ? [...pair, value.quantize] : pair };
  }
  if (isMutable(value)) unsupported(path, `${value.constructor.name}`);
  unsupported(path, `The constant ${JSON.stringify(value)}`);
}

/**
 * Writes a space built from choices, integers and numericals (a {@link MutableDict}) as a search-space
 * document: records with no prototype, so that every parameter name is an own key.
 */
export function toSearchSpaceJson(space: MutableDict): SearchSpaceJson {
  if (!(space instanceof MutableDict)) unsupported([], 'A space that is not a MutableDict');
  const out = emptyRecord<ParameterSpec>();
  for (const [name, value] of space.entries()) out[name] = toSpec(value, [name]);
  return out;
}
