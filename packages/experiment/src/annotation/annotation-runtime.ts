/**
 * What annotated TypeScript and JavaScript trial code calls once the precompiler has rewritten it.
 * Under an experiment each value is the trial's parameter of the annotation's key; standalone (no
 * manager, no parameters) each value is drawn at random from the annotation's distribution, seeded
 * by `ARCHSPACE_ANNOTATION_SEED` (default 0) and the key, so a run repeats. A key is drawn once per
 * process: an annotated line run twice gets the same value, as a trial's parameter does.
 */
import { ArchspaceError } from '@archspace/ir';
import { createRng, fromSearchSpaceJson, type SearchSpaceType } from '@archspace/mutables';
import type { Metric } from '../records.js';
import * as trial from '../trial/trial-api.js';

/** The environment variable that seeds standalone draws. */
export const ANNOTATION_SEED_ENV = 'ARCHSPACE_ANNOTATION_SEED';

const drawn = new Map<string, unknown>();
let fetched = false;

/** The trial's parameters, fetched once (standalone and without a parameters file: none). */
function parameters(): Readonly<Record<string, unknown>> {
  if (!fetched) {
    fetched = true;
    if (trial.getCurrentParameter() === undefined) trial.getNextParameter();
  }
  return (trial.getCurrentParameter() as Readonly<Record<string, unknown>> | undefined) ?? {};
}

/** The value of `key`: the trial's parameter, or (standalone) a seeded draw from `{ _type, _value }`. */
function valueOf(key: string, type: SearchSpaceType, values: readonly unknown[]): unknown {
  const given = parameters();
  if (Object.hasOwn(given, key)) return given[key];
  if (trial.isUnderExperiment()) {
    throw new ArchspaceError({ code: 'missing-parameter', path: [key], message: `the trial's parameters have no "${key}": the experiment's search space does not match the annotated code` });
  }
  if (!drawn.has(key)) {
    const space = fromSearchSpaceJson({ [key]: { _type: type, _value: values } });
    const seed = process.env[ANNOTATION_SEED_ENV] ?? '0';
    drawn.set(key, space.freeze(space.random(createRng(`${seed}/${key}`)))[key]);
  }
  return drawn.get(key);
}

function indexOf(key: string, values: readonly unknown[], value: unknown): number {
  const text = JSON.stringify(value);
  const index = values.findIndex((v) => JSON.stringify(v) === text);
  if (index < 0) throw new ArchspaceError({ code: 'invalid-parameter', path: [key], expected: `one of ${JSON.stringify(values)}`, received: value });
  return index;
}

/**
 * `@archspace.variable(choice(...))`: one of `values` (as JSON); when some options are expressions
 * rather than literals, `values` holds their source text and `options` what they evaluate to.
 */
export function choice<T>(key: string, values: readonly T[]): T;
export function choice<T>(key: string, values: readonly unknown[], options: readonly T[]): T;
export function choice(key: string, values: readonly unknown[], options?: readonly unknown[]): unknown {
  const value = valueOf(key, 'choice', values);
  return (options ?? values)[indexOf(key, values, value)];
}

/** `@archspace.variable(uniform(...))` and the other numeric distributions: a number. */
export function sample(key: string, type: Exclude<SearchSpaceType, 'choice'>, values: readonly number[]): number {
  const value = valueOf(key, type, values);
  if (typeof value !== 'number') throw new ArchspaceError({ code: 'invalid-parameter', path: [key], expected: `a number drawn from ${type}(${values.join(', ')})`, received: value });
  return value;
}

/** `@archspace.functionChoice(f(x), g(x))`: calls the chosen alternative (named by its source text). */
export function functionChoice<T>(key: string, names: readonly string[], calls: readonly (() => T)[]): T {
  return calls[indexOf(key, names, valueOf(key, 'choice', names))]!();
}

/** `@archspace.getNextParameter()`: fetches the trial's parameters. */
export function getNextParameter(): void {
  parameters();
}

/** `@archspace.reportIntermediateResult(metric)`. */
export function reportIntermediateResult(metric: Metric | number): void {
  parameters();
  trial.reportIntermediateResult(metric);
}

/** `@archspace.reportFinalResult(metric)`. */
export function reportFinalResult(metric: Metric | number): void {
  parameters();
  trial.reportFinalResult(metric);
}
