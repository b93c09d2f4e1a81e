/**
 * Checks of what users hand to strategies: option objects (an unknown option is a mistake to name,
 * not to ignore: `new Random({ seed: 1 })` used to run unseeded without a word) and outcomes told to
 * a session (a bare number or a record without a status used to be accepted and learnt from as
 * nothing).
 */
import type { Outcome } from './strategy.js';

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    return `an object with ${keys.length === 0 ? 'no keys' : `keys ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}`}`;
  }
  return typeof value;
}

/**
 * Throws a TypeError naming an option `owner` does not have, and the ones it has; or saying that
 * `options` is not an object (`undefined` included: constructors whose options are optional default
 * them to `{}`, so `undefined` only gets here where options are required).
 */
export function checkOptionNames(owner: string, options: unknown, known: readonly string[]): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${owner}: the options must be an object with some of ${known.join(', ')}; got ${shown(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const hint = key === 'seed' ? ' (a seed goes to search(…, { seed }) or to the rng a session starts with)' : '';
    throw new TypeError(`${owner}: unknown option ${JSON.stringify(key)}${hint}; the options are ${known.join(', ')}`);
  }
}

const OUTCOME_FORMS = "{ status: 'succeeded', value: number, objectives?: number[], violation?: number }, { status: 'failed', error?: string } or { status: 'stopped', intermediates: number[], value?: number }";

function isNumberList(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === 'number');
}

/** Returns `outcome` when it is an {@link Outcome}; throws a TypeError saying what it got otherwise. */
export function checkOutcome(outcome: unknown, where: string): Outcome {
  const fail = (why: string): never => {
    throw new TypeError(`${where}: the outcome must be ${OUTCOME_FORMS}; got ${shown(outcome)}${why}`);
  };
  if (typeof outcome !== 'object' || outcome === null || Array.isArray(outcome)) return fail('');
  const { status, value, intermediates, error, objectives, violation } = outcome as Record<string, unknown>;
  if (intermediates !== undefined && !isNumberList(intermediates)) fail(' (intermediates is not a list of numbers)');
  if (status === 'succeeded') {
    if (typeof value !== 'number' || Number.isNaN(value)) fail(` (value is ${shown(value)}, not a number)`);
    if (objectives !== undefined && !(isNumberList(objectives) && (objectives as number[]).every(Number.isFinite))) fail(' (objectives is not a list of finite numbers)');
    if (violation !== undefined && !(typeof violation === 'number' && violation >= 0)) fail(` (violation is ${shown(violation)}, not a number ≥ 0)`);
  } else if (status === 'failed') {
    if (error !== undefined && typeof error !== 'string') fail(' (error is not a string)');
  } else if (status === 'stopped') {
    if (intermediates === undefined) fail(' (a stopped trial needs its intermediates)');
    if (value !== undefined && typeof value !== 'number') fail(' (value is not a number)');
  } else {
    fail(` (status is ${shown(status)})`);
  }
  return outcome as Outcome;
}
