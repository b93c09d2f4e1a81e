/**
 * A config's `objectives` and `constraints`: checked against each other and against the tuner that
 * will search them, the way `search()` checks its own (several objectives need a tuner that searches
 * several; the first objective's direction is the experiment's). Internal: not exported from the package.
 */
import type { Direction, MetricConstraint, Objective, Strategy } from '@archspace/strategies';
import type { ResolvedAlgorithm } from './class-args.js';
import { ConfigError, shortText } from './config-error.js';
import { TUNERS } from './strategy-catalogue.js';

type Path = readonly (string | number)[];

/** `objectives` and `constraints` as the schema leaves them (`null` for "not set"). */
export interface RawObjectives {
  readonly objectives?: readonly { readonly name: string; readonly direction: Direction }[] | null;
  readonly constraints?: readonly { readonly name: string; readonly min?: number | null; readonly max?: number | null }[] | null;
}

/** The canonical objectives and constraints of a config. */
export interface ResolvedObjectives {
  readonly objectives: readonly Objective[];
  readonly constraints: readonly MetricConstraint[];
}

let multiObjectiveNames: readonly string[] | undefined;

/** The catalogue's tuners whose strategy searches several objectives at once. */
export function multiObjectiveTuners(): readonly string[] {
  multiObjectiveNames ??= TUNERS.filter((spec) => (spec.create({ ...spec.defaults }) as Strategy).multiObjective === true).map((spec) => spec.name);
  return multiObjectiveNames;
}

function checkConstraints(constraints: RawObjectives['constraints']): MetricConstraint[] {
  return (constraints ?? []).map(({ name, min, max }, i) => {
    if (min == null && max == null) {
      throw new ConfigError({ code: 'missing-key', path: ['constraints', i], message: `the constraint on "${shortText(name)}" has neither min nor max: give at least one bound` });
    }
    if (min != null && max != null && min > max) {
      throw new ConfigError({ code: 'invalid-value', path: ['constraints', i, 'min'], message: `the constraint on "${shortText(name)}" has min ${min} above max ${max}: no value meets it` });
    }
    return { name, ...(min != null ? { min } : {}), ...(max != null ? { max } : {}) };
  });
}

/**
 * The config's objectives and constraints, or `undefined` when it names none. `tuner` is the resolved
 * tuner (if any) and `tunerPath` where the config names it; throws a {@link ConfigError} for
 * constraints without objectives, an objective named twice, a constraint without bounds or with
 * min > max, several objectives for a tuner that searches one value, and a tuner direction that
 * disagrees with the first objective's.
 */
export function resolveObjectives(raw: RawObjectives, tuner: ResolvedAlgorithm | undefined, tunerPath: Path): ResolvedObjectives | undefined {
  const constraints = checkConstraints(raw.constraints);
  if (raw.objectives == null) {
    if (constraints.length === 0) return undefined;
    throw new ConfigError({
      code: 'missing-key',
      path: ['objectives'],
      message: 'constraints need objectives: name the metrics to search in "objectives" (a list of { name, direction }), then bound metrics in "constraints"',
    });
  }
  const seen = new Map<string, number>();
  const objectives = raw.objectives.map(({ name, direction }, i) => {
    const first = seen.get(name);
    if (first !== undefined) {
      throw new ConfigError({ code: 'duplicate-value', path: ['objectives', i, 'name'], message: `the objective "${shortText(name)}" is named twice (objectives ${first} and ${i}): each objective names a different metric` });
    }
    seen.set(name, i);
    return { name, direction };
  });
  if (tuner !== undefined && objectives.length > 1 && !multiObjectiveTuners().includes(tuner.name)) {
    throw new ConfigError({
      code: 'conflicting-keys',
      path: tunerPath,
      message: `the tuner ${tuner.name} searches one value, not ${objectives.length} objectives; the tuners that search several are ${multiObjectiveTuners().join(', ')}`,
    });
  }
  const first = objectives[0]!;
  if (tuner?.direction !== undefined && tuner.direction !== first.direction) {
    throw new ConfigError({
      code: 'conflicting-keys',
      path: tuner.directionPath!,
      message: `the tuner's direction "${tuner.direction}" disagrees with the first objective's ("${shortText(first.name)}": "${first.direction}"): give the direction in the objectives only`,
    });
  }
  return { objectives, constraints };
}
