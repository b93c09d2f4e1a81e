/**
 * The trial API for trial code in TypeScript/JavaScript: get the parameters, report intermediate and
 * final results. Under an experiment it talks to the manager through the files the manager named;
 * run as a plain script, it works standalone — parameters come from `ARCHSPACE_PARAMETERS_FILE` when
 * set, or from the defaults the script passes, and results are printed.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { ArchspaceError } from '@archspace/ir';
import type { Metric } from '../records.js';
import { type MetricLine, type ParameterRecord, TRIAL_ENV } from './trial-env.js';

let current: ParameterRecord | undefined;
let periodicalSequence = 0;
let finalReported = false;

function env(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** Whether this process runs as a trial of an experiment. */
export function isUnderExperiment(): boolean {
  return env(TRIAL_ENV.trialJobId) !== undefined && env(TRIAL_ENV.metricsFile) !== undefined;
}

/** The experiment's id, or `"STANDALONE"`. */
export function getExperimentId(): string {
  return env(TRIAL_ENV.experimentId) ?? 'STANDALONE';
}

/** The trial's id, or `"STANDALONE"`. */
export function getTrialId(): string {
  return env(TRIAL_ENV.trialJobId) ?? 'STANDALONE';
}

/** The trial's sequence number in its experiment (0 standalone). */
export function getSequenceId(): number {
  const value = Number(env(TRIAL_ENV.sequenceId) ?? 0);
  return Number.isInteger(value) ? value : 0;
}

function readParameters(file: string): ParameterRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ArchspaceError({ code: 'unreadable-parameters', path: [file], message: `Cannot read the trial parameters from ${file}: ${(error as Error).message}` });
  }
  const record = parsed as Partial<ParameterRecord>;
  if (record === null || typeof record !== 'object' || typeof record.parameters !== 'object' || record.parameters === null) {
    // A plain parameter dict (standalone use) is accepted too.
    return { parameter_id: 0, parameter_source: 'customized', parameters: parsed as Record<string, unknown>, parameter_index: 0 };
  }
  return record as ParameterRecord;
}

/**
 * The parameters of this trial: call once, at the start. Standalone, returns the parameters of
 * `ARCHSPACE_PARAMETERS_FILE` when set, else `defaults` (an empty record when none are given).
 *
 * @example
 * ```ts
 * const { lr = 0.01, batch = 32 } = getNextParameter({ lr: 0.01, batch: 32 });
 * ```
 */
export function getNextParameter<T extends Record<string, unknown> = Record<string, unknown>>(defaults: T = {} as T): T {
  const file = env(TRIAL_ENV.parametersFile);
  if (file !== undefined) current = readParameters(file);
  else {
    if (isUnderExperiment()) {
      throw new ArchspaceError({ code: 'no-parameters', message: `${TRIAL_ENV.parametersFile} is not set although this process runs as a trial` });
    }
    current = { parameter_id: 0, parameter_source: 'customized', parameters: defaults, parameter_index: 0 };
  }
  return current.parameters as T;
}

/** The reference's alias of {@link getNextParameter}. */
export const getNextParameters = getNextParameter;

/** The parameters received so far (or one of them by name), `undefined` before {@link getNextParameter}. */
export function getCurrentParameter(tag?: string): unknown {
  if (current === undefined) return undefined;
  return tag === undefined ? current.parameters : current.parameters[tag];
}

/** Checks a metric: a finite number, or a record with a finite numeric `default`. */
export function checkMetric(metric: unknown): Metric {
  const ok = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (ok(metric)) return metric as number;
  if (metric !== null && typeof metric === 'object' && !Array.isArray(metric) && ok((metric as { default?: unknown }).default)) return metric as Metric;
  throw new ArchspaceError({ code: 'invalid-metric', expected: 'a finite number, or a record with a finite numeric "default"', received: metric });
}

function emit(type: MetricLine['type'], sequence: number, metric: Metric): void {
  const file = env(TRIAL_ENV.metricsFile);
  const value = JSON.stringify(metric);
  if (file === undefined) {
    console.log(`[archspace] ${type === 'FINAL' ? 'final' : `intermediate #${sequence}`} result: ${value}`);
    return;
  }
  if (current === undefined) {
    throw new ArchspaceError({ code: 'no-parameters-yet', message: 'Call getNextParameter() before reporting results, as the reference requires' });
  }
  const line: MetricLine = { type, sequence, parameter_id: current.parameter_id, value, timestamp: Date.now() };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}

/** Reports an intermediate result (one per epoch, say); assessors judge the trial by them. */
export function reportIntermediateResult(metric: Metric | number): void {
  emit('PERIODICAL', periodicalSequence++, checkMetric(metric));
}

/**
 * Reports the trial's final result; the strategy learns from it. Call once. When the experiment's
 * config names `objectives` (and `constraints`), report a record holding each of their metrics, such
 * as `{ default: 0.93, flops: 41.2 }`: a missing one fails the trial.
 */
export function reportFinalResult(metric: Metric | number): void {
  if (finalReported) throw new ArchspaceError({ code: 'final-reported-twice', message: 'reportFinalResult() was already called in this trial' });
  emit('FINAL', 0, checkMetric(metric));
  finalReported = true;
}
