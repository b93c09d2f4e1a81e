/**
 * The trial side of a multi-trial NAS experiment: receives the frozen architecture (IR JSON) and the
 * serialized evaluator as parameters, imports only the modules the experiment named
 * (`ARCHSPACE_TRIAL_IMPORTS`, so that their `trace()` registrations exist), re-creates the
 * evaluator with `load()` — which refuses any symbol not registered — and reports its results.
 */
import { createRequire } from 'node:module';
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ArchspaceError, loadModel, type ModelIr } from '@archspace/ir';
import { load } from '../serializer/index.js';
import { getNextParameter, reportFinalResult, reportIntermediateResult } from '../trial/trial-api.js';
import { TRIAL_ENV } from '../trial/trial-env.js';
import { isModelEvaluator } from './evaluator.js';

/** The parameters of a NAS trial. */
export interface NasTrialParameters extends Record<string, unknown> {
  /** The frozen architecture in the JSON IR. */
  readonly model: ModelIr;
  /** The evaluator, as `dump()` wrote it. */
  readonly evaluator: string;
  /** The sample the architecture was frozen from. */
  readonly sample: Record<string, unknown>;
}

/** The modules a trial may import, from `ARCHSPACE_TRIAL_IMPORTS` (comma separated). */
export function allowedImports(): string[] {
  return (process.env[TRIAL_ENV.imports] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Imports a module named by the experiment: a path, or a package resolved from the trial's directory. */
async function importAllowed(specifier: string): Promise<void> {
  const path = isAbsolute(specifier) ? specifier : createRequire(join(process.cwd(), 'trial.js')).resolve(specifier);
  await import(pathToFileURL(path).href);
}

/** Runs one NAS trial in this process: import, load, evaluate, report. Returns the final value. */
export async function runNasTrial(): Promise<number> {
  const parameters = getNextParameter<NasTrialParameters>();
  for (const specifier of allowedImports()) await importAllowed(specifier);
  const evaluator = load(parameters.evaluator);
  if (!isModelEvaluator(evaluator)) {
    throw new ArchspaceError({ code: 'not-an-evaluator', message: 'the loaded evaluator has no evaluate(model, context) method' });
  }
  const model = loadModel(parameters.model);
  const budgetText = process.env['ARCHSPACE_TRIAL_BUDGET'];
  const value = await evaluator.evaluate(model, {
    report: (v) => reportIntermediateResult(v),
    budget: budgetText === undefined ? undefined : Number(budgetText),
  });
  reportFinalResult(value);
  return value;
}
