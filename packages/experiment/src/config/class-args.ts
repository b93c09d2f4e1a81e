/**
 * Turns a config's `{ name, classArgs }` into a canonical tuner or assessor: the catalogue's name,
 * and `classArgs` with archspace's option names, checked one by one (errors name the key as the
 * config wrote it) and then by the class itself, whose filled-in options become the canonical ones.
 * Internal: not exported from the package.
 */
import type { Direction } from '@archspace/strategies';
import { ConfigError } from './config-error.js';
import { refuseReferenceTuner } from './nni-tuners.js';
import { type AlgorithmSpec, DIRECTION_OPTION, findAlgorithm, normalizeName, type OptionSpec, SEED_OPTION } from './strategy-catalogue.js';
import { suggestKey } from './suggest-key.js';

type Path = readonly (string | number)[];

/** A tuner or assessor after resolution. */
export interface ResolvedAlgorithm {
  readonly name: string;
  /** The class's options, defaults filled in, without `direction`. */
  readonly options: Record<string, unknown>;
  /** The `optimize_mode`/`direction` the config gave, if it gave one. */
  readonly direction?: Direction;
  /** Where the config gave the direction. */
  readonly directionPath?: Path;
  /** A `seed` the config gave in `classArgs` (tuners only), and where. */
  readonly seed?: number | string;
  readonly seedPath?: Path;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeOptions(options: readonly OptionSpec[]): string {
  return options.map((o) => [...o.aliases, o.key].join(' / ')).join(', ');
}

/**
 * Resolves `{ name, classArgs }` at `path` (`['tuner']` or `['assessor']`) against `specs`.
 * `kind` names the thing in messages and error codes (`"unknown-tuner"`).
 */
export function resolveAlgorithm(
  input: { readonly name: string; readonly classArgs?: unknown },
  specs: readonly AlgorithmSpec[],
  kind: 'tuner' | 'assessor',
  path: Path,
): ResolvedAlgorithm {
  const spec = findAlgorithm(specs, input.name);
  if (spec === undefined) {
    if (kind === 'tuner') refuseReferenceTuner(normalizeName(input.name), input.name, [...path, 'name']);
    throw new ConfigError({
      code: `unknown-${kind}`,
      path: [...path, 'name'],
      expected: `the name of a ${kind} archspace has: ${specs.map((s) => s.name).join(', ')} (in any case${kind === 'tuner' ? '; "Evolution" is NaiveEvolution, "BatchTuner" is Batch' : ''})`,
      received: input.name,
    });
  }
  const argsPath = [...path, 'classArgs'];
  const known = [DIRECTION_OPTION, ...(kind === 'tuner' ? [SEED_OPTION] : []), ...spec.options];
  const given = new Map<string, { value: unknown; path: Path }>();

  const take = (key: string, value: unknown, keyPath: Path): void => {
    const option = known.find((o) => o.key === key || o.aliases.includes(key));
    if (option === undefined) {
      const spellings = known.flatMap((o) => [o.key, ...o.aliases]);
      const guess = suggestKey(key, spellings);
      throw new ConfigError({
        code: 'unknown-key',
        path: keyPath,
        expected: `an option of ${spec.name}: ${describeOptions(known)}${spec.group ? ` (or an object "${spec.group}" of them)` : ''}`,
        received: key,
        message: `"${key}" is not an option of ${spec.name}${guess ? ` (did you mean "${guess}"?)` : ''}; its options are ${describeOptions(known)}`,
      });
    }
    const previous = given.get(option.key);
    if (previous !== undefined) {
      throw new ConfigError({
        code: 'duplicate-key',
        path: keyPath,
        message: `"${previous.path.at(-1)}" and "${key}" both set the option ${option.key} of ${spec.name}: keep one`,
      });
    }
    if (value === null && !option.nullable) return;
    const parsed = option.schema.safeParse(value);
    if (!parsed.success) throw new ConfigError({ code: 'invalid-value', path: keyPath, expected: option.expected, received: value });
    given.set(option.key, { value: parsed.data, path: keyPath });
  };

  const args = input.classArgs ?? {};
  if (!isPlainObject(args)) throw new ConfigError({ code: 'invalid-value', path: argsPath, expected: `an object of ${spec.name}'s options`, received: args });
  for (const [key, value] of Object.entries(args)) {
    if (spec.group !== undefined && key === spec.group) {
      if (value === null) continue;
      if (!isPlainObject(value)) throw new ConfigError({ code: 'invalid-value', path: [...argsPath, key], expected: `an object of ${spec.name}'s options`, received: value });
      for (const [inner, innerValue] of Object.entries(value)) take(inner, innerValue, [...argsPath, key, inner]);
    } else {
      take(key, value, [...argsPath, key]);
    }
  }
  for (const key of spec.required ?? []) {
    if (!given.has(key)) {
      const option = spec.options.find((o) => o.key === key)!;
      throw new ConfigError({
        code: 'missing-key',
        path: [...argsPath, option.aliases[0] ?? key],
        expected: `${option.expected} (${[...option.aliases, key].join(' or ')})`,
        message: `${spec.name} needs the option ${[...option.aliases, key].map((k) => `"${k}"`).join(' or ')}: ${option.expected}`,
      });
    }
  }

  let options: Record<string, unknown> = { ...spec.defaults };
  for (const [key, { value }] of given) if (key !== 'direction' && key !== 'seed') options[key] = value;
  if (spec.derive) options = spec.derive(options);
  let filled: Record<string, unknown>;
  try {
    const created = spec.create(options);
    filled = spec.configOptions ? spec.configOptions(created) : (created as { options: Record<string, unknown> }).options;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // The class names the option first ("sampleSize must be …"): point at the key the config used.
    const named = [...given.entries()].find(([key]) => new RegExp(`^(?:\\w+: )?${key}\\b`).test(error.message));
    throw new ConfigError({
      code: 'invalid-value',
      path: named ? named[1].path : argsPath,
      message: `${spec.name} refuses these options: ${error.message}`,
    });
  }
  const canonical: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filled)) if (value !== undefined) canonical[key] = value;
  const direction = given.get('direction');
  const seed = given.get('seed');
  return {
    name: spec.name,
    options: canonical,
    ...(direction ? { direction: direction.value as Direction, directionPath: direction.path } : {}),
    ...(seed ? { seed: seed.value as number | string, seedPath: seed.path } : {}),
  };
}
