/**
 * A real hyper-parameter search run as an experiment with the embedded defaults: trials are local
 * processes (`hpo-trial.js`), results go to SQLite under `~/archspace-experiments/<id>/`, the REST
 * API is served on a free local port, and TPE with a median-stop assessor searches learning rate,
 * momentum, batch size and weight decay. Prints a live progress line and the best trial.
 *
 * Run: `npm run main` (or, after a build, `node examples/dist/hpo-experiment.js`).
 */
import { fileURLToPath } from 'node:url';
import { type LaunchedExperiment, showProgress, startExperiment } from '@archspace/experiment';

/** Runs the experiment and prints its best trial; returns the experiment (closed). */
export async function main(print: (line: string) => void = console.log, overrides: Record<string, unknown> = {}): Promise<LaunchedExperiment> {
  const experiment = await startExperiment({
    experimentName: 'hpo-example',
    searchSpace: {
      lr: { _type: 'loguniform', _value: [1e-4, 0.3] },
      momentum: { _type: 'uniform', _value: [0, 0.99] },
      batch_size: { _type: 'choice', _value: [16, 32, 64, 128] },
      l2: { _type: 'loguniform', _value: [1e-6, 1e-2] },
    },
    trialCommand: `"${process.execPath}" hpo-trial.js`,
    // The compiled trial, whether this file runs from src/ (tests) or dist/.
    trialCodeDirectory: fileURLToPath(new URL('../dist/', import.meta.url)),
    trialConcurrency: 2,
    maxTrialNumber: 24,
    maxTrialDuration: '2m',
    tuner: { name: 'TPE', classArgs: { optimize_mode: 'minimize', n_startup_jobs: 8 } },
    assessor: { name: 'Medianstop', classArgs: { start_step: 3 } },
    seed: 1,
    ...overrides,
  });
  print(`experiment ${experiment.id} in ${experiment.dir}`);
  print(`REST API: ${experiment.server?.url}/api/v1/nni (try: curl ${experiment.server?.url}/api/v1/nni/trial-jobs)`);
  print(`dashboard (while it runs): ${experiment.server?.url}/#token=${experiment.token}`);
  const stop = showProgress(experiment.manager);
  const status = await experiment.done;
  stop();
  const exported = experiment.manager.exportData();
  const best = exported.reduce<(typeof exported)[number] | undefined>((a, b) => (a === undefined || Number(JSON.parse(b.value)) < Number(JSON.parse(a.value)) ? b : a), undefined);
  print(`experiment ended: ${status}; ${exported.length} trials succeeded`);
  if (best) print(`best trial ${best.trialJobId}: validation loss ${Number(JSON.parse(best.value)).toFixed(5)} with ${JSON.stringify(best.parameter)}`);
  await experiment.close();
  return experiment;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
