#!/usr/bin/env node
/**
 * The `archspace` command: create, resume, view, stop, list, export and update experiments.
 * `create` and `resume` run the experiment in this process, with a live progress line, and serve its
 * REST API while it runs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { ArchspaceError } from '@archspace/ir';
import { Experiment } from '../client/experiment.js';
import { absolutePath, DEFAULT_WORKING_DIRECTORY, loadExperimentConfig } from '../config/parse-experiment-config.js';
import { experimentDir, type LaunchedExperiment, listExperimentIds, MANAGER_FILE, type ManagerAddress, resumeExperiment, startExperiment, STORE_FILE, viewExperiment } from '../launch/launch-experiment.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { exportRecords, toCsv } from './export-format.js';
import { showProgress } from './progress-line.js';

/** The config's default `experimentWorkingDirectory`, `~` expanded. */
const DEFAULT_DIRECTORY = absolutePath(DEFAULT_WORKING_DIRECTORY, process.cwd());

async function runToEnd(experiment: LaunchedExperiment): Promise<void> {
  console.log(`experiment ${experiment.id} in ${experiment.dir}`);
  if (experiment.server) console.log(`REST API at ${experiment.server.url}/api/v1/nni`);
  const stopProgress = showProgress(experiment.manager);
  const onSignal = () => void experiment.manager.stop();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const status = await experiment.done;
  stopProgress();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  console.log(`experiment ${experiment.id} ended: ${status}`);
  await experiment.close();
}

function address(id: string, workingDirectory: string): ManagerAddress {
  const dir = experimentDir(id, workingDirectory);
  try {
    return JSON.parse(readFileSync(join(dir, MANAGER_FILE), 'utf8')) as ManagerAddress;
  } catch {
    throw new ArchspaceError({ code: 'not-running', message: `experiment ${id} is not running (no ${MANAGER_FILE} in ${dir})` });
  }
}

async function client(id: string, workingDirectory: string): Promise<Experiment> {
  const { url, token } = address(id, workingDirectory);
  return Experiment.connect(url, { ...(token !== undefined ? { token } : {}), readyTimeoutMs: 5000 });
}

const program = new Command();
program.name('archspace').description('Neural architecture and hyper-parameter search experiments').showHelpAfterError();
const workingDirectoryOption = () => new Option('-w, --working-directory <dir>', 'where experiments live').default(DEFAULT_DIRECTORY);
const serverOptions = (command: Command) =>
  command
    .option('-p, --port <port>', 'REST API port (0: any free port)', (v) => Number(v), 0)
    .option('--host <host>', 'REST API host (a host other than loopback needs --token)', '127.0.0.1')
    .option('--token <token>', 'REST API token');

serverOptions(
  program
    .command('create')
    .description('create an experiment from a config file and run it')
    .requiredOption('-c, --config <file>', 'the experiment config (YAML or JSON)')
    .option('--id <id>', 'the experiment id')
    .option('-w, --working-directory <dir>', "where the experiment lives (overrides the config's experimentWorkingDirectory)"),
).action(async (options) => {
  const loaded = loadExperimentConfig(options.config);
  const config = options.workingDirectory ? { ...loaded, experimentWorkingDirectory: resolve(options.workingDirectory) } : loaded;
  await runToEnd(await startExperiment(config, { port: options.port, host: options.host, ...(options.token ? { token: options.token } : {}), ...(options.id ? { id: options.id } : {}) }));
});

serverOptions(program.command('resume').description('resume a stopped or killed experiment').argument('<id>').addOption(workingDirectoryOption())).action(async (id, options) => {
  await runToEnd(await resumeExperiment(experimentDir(id, options.workingDirectory), { port: options.port, host: options.host, ...(options.token ? { token: options.token } : {}) }));
});

serverOptions(program.command('view').description('serve a finished experiment read-only until interrupted').argument('<id>').addOption(workingDirectoryOption())).action(async (id, options) => {
  const experiment = await viewExperiment(experimentDir(id, options.workingDirectory), { port: options.port, host: options.host, ...(options.token ? { token: options.token } : {}) });
  console.log(`viewing ${id}: REST API at ${experiment.server!.url}/api/v1/nni (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => process.once('SIGINT', resolve));
  await experiment.close();
});

program.command('stop').description('stop a running experiment').argument('<id>').addOption(workingDirectoryOption()).action(async (id, options) => {
  await (await client(id, options.workingDirectory)).stop();
  console.log(`experiment ${id} is stopping`);
});

program.command('list').description('list the experiments of the working directory').addOption(workingDirectoryOption()).action((options) => {
  for (const id of listExperimentIds(options.workingDirectory)) {
    const store = SqliteStore.open(join(options.workingDirectory, id, STORE_FILE), { readonly: true });
    try {
      const row = store.getExperiment();
      const stats = store.trialStatistics();
      console.log(`${id}  ${row?.status ?? '?'}  ${String(row?.config['experimentName'] ?? '')}  trials: ${stats.SUCCEEDED} succeeded, ${stats.FAILED} failed, ${stats.RUNNING} running`);
    } finally {
      store.close();
    }
  }
});

program
  .command('export')
  .description('export the trials of an experiment as CSV or JSON')
  .argument('<id>')
  .addOption(workingDirectoryOption())
  .addOption(new Option('-f, --format <format>', 'output format').choices(['csv', 'json']).default('json'))
  .option('-o, --output <file>', 'write to a file instead of stdout')
  .action((id, options) => {
    const store = SqliteStore.open(join(experimentDir(id, options.workingDirectory), STORE_FILE), { readonly: true });
    try {
      const records = exportRecords(store);
      const text = options.format === 'csv' ? toCsv(records) : `${JSON.stringify(records, null, 2)}\n`;
      if (options.output) writeFileSync(options.output, text);
      else process.stdout.write(text);
    } finally {
      store.close();
    }
  });

program
  .command('update')
  .description('change a running experiment')
  .argument('<id>')
  .addOption(workingDirectoryOption())
  .option('--concurrency <n>', 'trials run at once', (v) => Number(v))
  .option('--duration <duration>', 'maximum experiment duration (seconds, or e.g. 2h)')
  .option('--max-trial-number <n>', 'maximum number of trials', (v) => Number(v))
  .option('--search-space <file>', 'a new search space (JSON or YAML)')
  .action(async (id, options) => {
    const experiment = await client(id, options.workingDirectory);
    if (options.concurrency !== undefined) await experiment.updateConcurrency(options.concurrency);
    if (options.duration !== undefined) await experiment.updateDuration(options.duration);
    if (options.maxTrialNumber !== undefined) await experiment.updateMaxTrialNumber(options.maxTrialNumber);
    if (options.searchSpace !== undefined) await experiment.updateSearchSpace(options.searchSpace);
    console.log(`experiment ${id} updated`);
  });

try {
  await program.parseAsync();
} catch (error) {
  console.error(`archspace: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
