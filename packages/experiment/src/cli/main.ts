#!/usr/bin/env node
/**
 * The `archspace` command: create, resume, view, stop, list, export and update experiments, print
 * the Pareto front (`front`), kill a trial (`trial kill`), precompile annotated trial code (`annotate`), and
 * `worker`, which runs the trials of experiments on the Redis platform.
 * `create` and `resume` run the experiment in this process, with a live progress line, and serve its
 * REST API while it runs. The exit code is 0 when the experiment ends DONE or STOPPED, 1 otherwise
 * (ERROR: no trial succeeded) and on any refused command.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { ArchspaceError } from '@archspace/ir';
import { annotateTree, SEARCH_SPACE_FILE } from '../annotation/annotate-tree.js';
import { Experiment } from '../client/experiment.js';
import { absolutePath, DEFAULT_WORKING_DIRECTORY, loadExperimentConfig } from '../config/parse-experiment-config.js';
import { checkWorkingDirectory } from '../config/working-directory.js';
import { experimentDir, type LaunchedExperiment, type LaunchOptions, listExperimentIds, MANAGER_FILE, type ManagerAddress, resumeExperiment, startExperiment, STORE_FILE, viewExperiment } from '../launch/launch-experiment.js';
import { isManagerRunning } from '../manager/manager-lock.js';
import { stopInterruptedExperiment } from '../launch/stop-interrupted.js';
import { checkQueueName, checkRedisUrl, redactedUrl } from '../redis/redis-connection.js';
import { TrialWorker } from '../redis/trial-worker.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { exportRecords, toCsv } from './export-format.js';
import { endSummary } from './end-summary.js';
import { paretoFrontOf } from './front-of-experiment.js';
import { frontLines } from './front-lines.js';
import { listLine } from './list-line.js';
import { showProgress } from './progress-line.js';

/** The config's default `experimentWorkingDirectory`, `~` expanded. */
const DEFAULT_DIRECTORY = absolutePath(DEFAULT_WORKING_DIRECTORY, process.cwd());

/** Signals that stop a running experiment: Ctrl-C, `kill`, a closed terminal. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * A closed terminal (SIGHUP) or a closed pipe makes every later write fail (EIO, EPIPE); the
 * experiment must still stop cleanly, so such failures are ignored rather than fatal.
 */
function survivePrintingFailures(): void {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
}

/** `dashboard: http://HOST:PORT/#token=TOKEN`: the dashboard's address, the token in the fragment (never sent to the server). */
function dashboardLine(experiment: LaunchedExperiment): string {
  const token = experiment.token === '' ? '' : `#token=${encodeURIComponent(experiment.token)}`;
  return `dashboard: ${experiment.server!.url}/${token}`;
}

async function runToEnd(experiment: LaunchedExperiment): Promise<void> {
  survivePrintingFailures();
  // Handlers first: until a listener exists the kernel's default action applies, so a signal sent as
  // soon as the address below is read (a script, a test) would kill the manager outright.
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals === 1) {
      process.stderr.write(`\n${signal}: stopping the experiment (trials get SIGTERM, then SIGKILL); ${signal === 'SIGHUP' ? 'send another signal' : 'press Ctrl-C again'} to kill the trials at once\n`);
      void experiment.manager.stop();
    } else {
      void experiment.manager.forceStop();
    }
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  console.log(`experiment ${experiment.id} in ${experiment.dir}`);
  const recovery = experiment.manager.recovery;
  if (recovery !== undefined) {
    const { kept, failed, interrupted, stoppedProcesses } = recovery;
    if (kept.length + failed.length + interrupted.length + stoppedProcesses.length > 0) {
      console.log(`resumed: ${kept.length} finished trials kept from disk, ${interrupted.length} interrupted trials to run again, ${failed.length} failed, ${stoppedProcesses.length} leftover trial processes stopped`);
    }
  }
  if (experiment.server) {
    console.log(`REST API at ${experiment.server.url}/api/v1/nni`);
    console.log(dashboardLine(experiment));
  }
  const stopProgress = showProgress(experiment.manager);
  const status = await experiment.done;
  stopProgress();
  for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  const front = experiment.manager.goals === undefined ? undefined : experiment.manager.paretoFront();
  const summary = endSummary(experiment.id, status, experiment.manager.store, front);
  console.log(summary.text);
  await experiment.close();
  if (summary.failed) process.exitCode = 1;
}

function address(id: string, workingDirectory: string): ManagerAddress {
  const dir = experimentDir(id, workingDirectory);
  if (!isManagerRunning(dir)) {
    throw new ArchspaceError({ code: 'not-running', message: `experiment ${id} is not running (no manager holds it); resume it with: archspace resume ${id}` });
  }
  try {
    return JSON.parse(readFileSync(join(dir, MANAGER_FILE), 'utf8')) as ManagerAddress;
  } catch {
    throw new ArchspaceError({ code: 'no-api', message: `experiment ${id} is running without a REST API (started with noServer), so it cannot be reached from here` });
  }
}

/** A client of the running experiment `id`'s REST API (refused when no manager runs it). */
async function client(id: string, workingDirectory: string): Promise<Experiment> {
  const { url, token } = address(id, workingDirectory);
  return Experiment.connect(url, { ...(token !== undefined ? { token } : {}), readyTimeoutMs: 5000 });
}

/** The REST token: from `--token-file`, else `ARCHSPACE_TOKEN`, else none (one is generated). Never a command-line value. */
function tokenOption(options: { tokenFile?: string }): string | undefined {
  if (options.tokenFile !== undefined) {
    const text = readFileSync(options.tokenFile, 'utf8').trim();
    if (text === '') throw new ArchspaceError({ code: 'invalid-token', path: ['--token-file'], message: `the token file ${options.tokenFile} is empty` });
    return text;
  }
  const fromEnv = process.env['ARCHSPACE_TOKEN'];
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}

function launchOptions(options: { port: number; host: string; tokenFile?: string }): LaunchOptions {
  const token = tokenOption(options);
  return { port: options.port, host: options.host, ...(token !== undefined ? { token } : {}) };
}

const program = new Command();
program.name('archspace').description('Neural architecture and hyper-parameter search experiments').showHelpAfterError();
const workingDirectoryOption = () => new Option('-w, --working-directory <dir>', 'where experiments live').default(DEFAULT_DIRECTORY);
const serverOptions = (command: Command) =>
  command
    .option('-p, --port <port>', 'REST API port (0: any free port)', (v) => Number(v), 0)
    .option('--host <host>', 'REST API host (a host other than loopback needs a token)', '127.0.0.1')
    .option('--token-file <file>', 'a file holding the REST API token (default: $ARCHSPACE_TOKEN, else a random one, saved for the CLI in the experiment folder, readable by you only)');

serverOptions(
  program
    .command('create')
    .description('create an experiment from a config file and run it')
    .requiredOption('-c, --config <file>', 'the experiment config (YAML or JSON)')
    .option('--id <id>', 'the experiment id (letters, digits, "_" and "-")')
    .option('-w, --working-directory <dir>', "where the experiment lives (overrides the config's experimentWorkingDirectory)"),
).action(async (options) => {
  const loaded = loadExperimentConfig(options.config);
  const config = options.workingDirectory ? { ...loaded, experimentWorkingDirectory: checkWorkingDirectory(resolve(options.workingDirectory)) } : loaded;
  await runToEnd(await startExperiment(config, { ...launchOptions(options), ...(options.id ? { id: options.id } : {}) }));
});

serverOptions(program.command('resume').description('resume a stopped or killed experiment').argument('<id>').addOption(workingDirectoryOption())).action(async (id, options) => {
  await runToEnd(await resumeExperiment(experimentDir(id, options.workingDirectory), launchOptions(options)));
});

serverOptions(program.command('view').description('serve an experiment read-only until interrupted').argument('<id>').addOption(workingDirectoryOption())).action(async (id, options) => {
  const experiment = await viewExperiment(experimentDir(id, options.workingDirectory), launchOptions(options));
  console.log(`viewing ${id}: REST API at ${experiment.server!.url}/api/v1/nni (Ctrl-C to stop)`);
  console.log(dashboardLine(experiment));
  await new Promise<void>((resolve) => {
    for (const signal of STOP_SIGNALS) process.once(signal, () => resolve());
  });
  await experiment.close();
});

program.command('stop').description('stop a running experiment').argument('<id>').addOption(workingDirectoryOption()).action(async (id, options) => {
  const dir = experimentDir(id, options.workingDirectory);
  if (!isManagerRunning(dir)) {
    // Its manager died (SIGKILL, a crash, a reboot): settle what it left behind here.
    const report = await stopInterruptedExperiment(dir);
    console.log(`experiment ${id} was not running (its manager had stopped without finishing); marked STOPPED: ${report.kept.length} finished trials kept from disk, ${report.interrupted.length} interrupted, ${report.stoppedProcesses.length} leftover trial processes stopped`);
    return;
  }
  await (await client(id, options.workingDirectory)).stop();
  console.log(`experiment ${id} is stopping`);
});

program
  .command('trial')
  .description('act on one trial of a running experiment')
  .command('kill')
  .description('stop a trial, wherever it runs (a local process or a Redis worker); it ends USER_CANCELED')
  .argument('<id>', 'the experiment id')
  .argument('<trial>', 'the trial job id')
  .addOption(workingDirectoryOption())
  .action(async (id, trial, options) => {
    await (await client(id, options.workingDirectory)).cancelTrialJob(trial);
    console.log(`trial ${trial} of experiment ${id} stopped`);
  });

program.command('list').description('list the experiments of the working directory').addOption(workingDirectoryOption()).action((options) => {
  for (const id of listExperimentIds(options.workingDirectory)) console.log(listLine(id, join(options.workingDirectory, id)));
});

program
  .command('front')
  .description('print the Pareto front: the succeeded trials meeting every constraint that no other one beats in every objective, with each objective value (the best trial(s) when there is one objective)')
  .argument('<id>')
  .addOption(workingDirectoryOption())
  .option('--json', 'print it as GET /pareto-front answers')
  .action(async (id, options) => {
    const front = await paretoFrontOf(id, options.workingDirectory, () => client(id, options.workingDirectory));
    console.log(options.json ? JSON.stringify(front, null, 2) : frontLines(front).join('\n'));
  });

program
  .command('export')
  .description('export the trials of an experiment (with failure reasons) as CSV or JSON')
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

program
  .command('annotate')
  .description('precompile annotated trial code: write the rewritten tree and the search space it declares (search_space.json)')
  .argument('<dir>', 'the annotated trial code')
  .requiredOption('-o, --out <dir>', 'where the rewritten tree goes (a new or empty folder)')
  .option('--runtime <specifier>', "the module rewritten TypeScript/JavaScript imports the runtime from (default: this installation's file; '@archspace/experiment/annotation-runtime' for a tree that installs archspace)")
  .action((dir, options) => {
    const result = annotateTree(dir, options.out, options.runtime !== undefined ? { runtime: options.runtime } : {});
    console.log(`${result.annotatedFiles.length} annotated files rewritten, ${result.copiedFiles} copied; ${Object.keys(result.searchSpace).length} parameters in ${join(resolve(options.out), SEARCH_SPACE_FILE)}`);
  });

/** A count option: an integer ≥ `min`, or an error naming the option. */
function countOption(name: string, min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new ArchspaceError({ code: 'invalid-option', path: [name], expected: `an integer ≥ ${min}`, received: value });
    return n;
  };
}

program
  .command('worker')
  .description('run trials from a Redis queue (for experiments whose trainingService is { platform: redis })')
  .requiredOption('--redis <url>', 'the Redis server: redis://[user[:password]@]host[:port][/db], or rediss:// for TLS (a password may also come from $ARCHSPACE_REDIS_PASSWORD)')
  .requiredOption('--queue <name>', "the experiment config's trainingService.queue")
  .option('--concurrency <n>', 'trials run at once', countOption('--concurrency', 1), 1)
  .option('--work-dir <dir>', 'where trial folders go (default: <tmpdir>/archspace-worker)')
  .option('--code-directory <dir>', "run trials here instead of the config's trialCodeDirectory (the code's path on this machine)")
  .option('--stall-seconds <n>', 'seconds without a sign of life before a job counts as lost', countOption('--stall-seconds', 1), 30)
  .option('--tls', 'connect with TLS')
  .action(async (options) => {
    survivePrintingFailures();
    const password = process.env['ARCHSPACE_REDIS_PASSWORD'];
    const worker = await TrialWorker.start({
      url: checkRedisUrl(options.redis, ['--redis']),
      queue: checkQueueName(options.queue, ['--queue']),
      concurrency: options.concurrency,
      stallSeconds: options.stallSeconds,
      ...(options.workDir !== undefined ? { workDir: resolve(options.workDir) } : {}),
      ...(options.codeDirectory !== undefined ? { codeDirectory: resolve(options.codeDirectory) } : {}),
      ...(password !== undefined && password !== '' ? { password } : {}),
      ...(options.tls ? { tls: true } : {}),
      log: (line) => console.log(line),
    });
    let signals = 0;
    // Handlers before the ready line: a signal sent as soon as it is read must not meet the default action.
    const closed = new Promise<void>((resolveClosed) => {
      const onSignal = () => {
        signals += 1;
        void worker.close(signals > 1).then(resolveClosed);
      };
      for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
    });
    console.log(`worker ready: queue "${options.queue}" at ${redactedUrl(options.redis)}, ${options.concurrency} trial(s) at once (Ctrl-C to stop after the running trials, twice to stop them)`);
    await closed;
  });

try {
  await program.parseAsync();
} catch (error) {
  console.error(`archspace: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
