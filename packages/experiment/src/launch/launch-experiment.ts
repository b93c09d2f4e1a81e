/**
 * Starting, resuming and viewing experiments in this process: the experiment's folder under the
 * working directory, its SQLite store, the manager and its REST server, wired from a config. What
 * the CLI and `Experiment.startExperiment` run.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArchspaceError } from '@archspace/ir';
import { annotateTree } from '../annotation/annotate-tree.js';
import { fromSearchSpaceJson, type Mutable, type Sample } from '@archspace/mutables';
import { Random, type Strategy } from '@archspace/strategies';
import { createAssessor, createTuner } from '../config/create-strategy.js';
import type { ExperimentConfig } from '../config/experiment-config.js';
import { isCheckedConfig, parseExperimentConfig } from '../config/parse-experiment-config.js';
import { ExperimentManager, managerLockAction, type ManagerMode, type ManagerSettings } from '../manager/experiment-manager.js';
import { acquireManagerLock, type ManagerLock } from '../manager/manager-lock.js';
import { objectivesOfConfig } from '../manager/objective-outcome.js';
import { newExperimentId } from '../manager/trial-id.js';
import { checkWorkingDirectory } from '../config/working-directory.js';
import { checkExperimentId } from './experiment-id.js';
import { findDashboardAssets } from './find-dashboard-assets.js';
import { tunerParametersOf } from './tuner-parameters.js';
import type { ExperimentStatus } from '../records.js';
import { generateToken } from '../rest/auth.js';
import { type RestServer, startRestServer } from '../rest/rest-server.js';
import { RedisTrainingService } from '../redis/redis-training-service.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { planGpus } from '../training-service/gpu-plan.js';
import { LocalTrainingService } from '../training-service/local-training-service.js';
import type { TrainingService } from '../training-service/training-service.js';

/** The store's file name in an experiment's folder. */
export const STORE_FILE = 'experiment.db';
/** The folder of an experiment with `useAnnotation` where its rewritten trial code goes (and its trials run). */
export const ANNOTATED_CODE_DIR = 'annotated-code';
/** Where a running manager says how to reach it. */
export const MANAGER_FILE = 'manager.json';

/** How to reach a running manager, as `manager.json` records it. */
export interface ManagerAddress {
  readonly pid: number;
  readonly url: string;
  readonly port: number;
  readonly token?: string;
}

/** Options of the launch functions. */
export interface LaunchOptions {
  /** REST port (default 0: any free port). */
  readonly port?: number;
  /** REST host (default 127.0.0.1; any other host needs a token). */
  readonly host?: string;
  /**
   * The REST API's token. Default: a fresh random one, written with the address to `manager.json`
   * (readable by its owner only) for the CLI. Requests that change the experiment always need it;
   * reads need it too off loopback.
   */
  readonly token?: string;
  /** Don't serve the REST API. */
  readonly noServer?: boolean;
  /**
   * The built dashboard to serve at the server's root (a folder with `index.html` and `assets/`).
   * Default: the `@archspace/dashboard` package's `dist` (`findDashboardAssets()`), when installed.
   */
  readonly dashboardDir?: string;
}

/** Parts an experiment defined in code brings (a NAS experiment's model space, say). */
export interface CodeDefinedParts {
  readonly space: Mutable;
  readonly strategy: Strategy;
  readonly parametersOf: (sample: Sample) => Readonly<Record<string, unknown>>;
  /** Extra environment variables for every trial. */
  readonly env?: Readonly<Record<string, string>>;
}

/** An experiment opened in this process. */
export interface LaunchedExperiment {
  readonly id: string;
  readonly dir: string;
  readonly manager: ExperimentManager;
  readonly server: RestServer | undefined;
  /** The REST API's token (given, or generated): clients need it to change the experiment. */
  readonly token: string;
  /** Resolves when the manager stops running (at once for a viewed experiment). */
  readonly done: Promise<ExperimentStatus>;
  /**
   * Stops serving and closes the store: after `done`, or to abandon a view. Called while the
   * experiment still runs, it stops it first (as `manager.stop()` does) and waits for the end.
   */
  close(): Promise<void>;
}

function settingsOf(id: string, dir: string, config: ExperimentConfig, codeEnv?: Readonly<Record<string, string>>): ManagerSettings {
  // trialGpuNumber 0: trials are hidden every GPU, as the reference does.
  const env = config.trialGpuNumber === 0 ? { CUDA_VISIBLE_DEVICES: '', ...codeEnv } : codeEnv;
  return {
    id,
    dir,
    trialCommand: config.trialCommand,
    trialCodeDirectory: config.useAnnotation ? join(dir, ANNOTATED_CODE_DIR) : config.trialCodeDirectory,
    trialConcurrency: config.trialConcurrency,
    ...(config.maxTrialNumber !== undefined ? { maxTrialNumber: config.maxTrialNumber } : {}),
    ...(config.maxExperimentDuration !== undefined ? { maxExperimentDurationSeconds: config.maxExperimentDuration } : {}),
    ...(config.maxTrialDuration !== undefined ? { maxTrialDurationSeconds: config.maxTrialDuration } : {}),
    seed: config.seed ?? 0,
    direction: config.objectives?.[0]?.direction ?? config.tuner?.classArgs.direction ?? 'maximize',
    ...(config.objectives !== undefined ? { goals: objectivesOfConfig(config)! } : {}),
    config: config as unknown as Record<string, unknown>,
    ...(env !== undefined ? { env } : {}),
  };
}

/** Writes `manager.json` so that only its owner can read it (it holds the token), replacing it atomically. */
function writeManagerAddress(dir: string, address: ManagerAddress): void {
  const file = join(dir, MANAGER_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  rmSync(temporary, { force: true });
  writeFileSync(temporary, JSON.stringify(address), { mode: 0o600, flag: 'wx' });
  renameSync(temporary, file);
}

/**
 * The training service a config names; a viewed experiment runs nothing and connects to nothing.
 * Trials that need GPUs get them from a scheduler planned here (refused when none can be found).
 */
async function trainingServiceOf(mode: ManagerMode, config: ExperimentConfig): Promise<TrainingService | undefined> {
  const service = config.trainingService;
  if (mode === 'view') return undefined;
  if (service.platform === 'local') {
    const gpuScheduler = await planGpus({ ...service, ...(config.trialGpuNumber !== undefined ? { trialGpuNumber: config.trialGpuNumber } : {}) });
    return gpuScheduler === undefined ? undefined : new LocalTrainingService({ gpuScheduler, trialGpuNumber: config.trialGpuNumber! });
  }
  const { platform: _platform, ...redis } = service;
  return RedisTrainingService.open(redis);
}

async function open(mode: ManagerMode, id: string, dir: string, config: ExperimentConfig, options: LaunchOptions, code?: CodeDefinedParts): Promise<LaunchedExperiment> {
  // The lock comes before the store: `archspace list` then never finds a new store without its
  // manager (it would show it UNREADABLE), and a second manager is refused before it opens anything.
  let lock: ManagerLock | undefined;
  if (mode !== 'view') {
    mkdirSync(dir, { recursive: true });
    lock = acquireManagerLock(dir, { action: managerLockAction(mode, id) });
  }
  let trainingService: TrainingService | undefined;
  let store: SqliteStore;
  try {
    trainingService = await trainingServiceOf(mode, config);
    store = SqliteStore.open(join(dir, STORE_FILE), { readonly: mode === 'view' });
  } catch (error) {
    await trainingService?.close();
    lock?.release();
    throw error;
  }
  let manager: ExperimentManager;
  try {
    const space = code?.space ?? fromSearchSpaceJson(config.searchSpace ?? {});
    if (!code && !config.tuner && mode !== 'view') throw new ArchspaceError({ code: 'no-tuner', path: ['tuner'], message: 'an HPO experiment needs a tuner' });
    // A viewed experiment never asks its strategy for anything.
    const strategy = code?.strategy ?? (config.tuner ? createTuner(config.tuner) : new Random());
    manager = ExperimentManager.open(mode, settingsOf(id, dir, config, code?.env), {
      store,
      space,
      strategy,
      ...(config.assessor ? { assessor: createAssessor(config.assessor) } : {}),
      ...(code ? { parametersOf: code.parametersOf } : { spaceFromJson: (json: unknown) => fromSearchSpaceJson(json) }),
      ...(!code && tunerParametersOf(config.tuner) ? { parametersOf: tunerParametersOf(config.tuner)! } : {}),
      ...(trainingService !== undefined ? { trainingService } : {}),
      ...(lock !== undefined ? { lock } : {}),
    });
  } catch (error) {
    store.close();
    await trainingService?.close();
    // Released by the manager when it was made (its close), here when it was not.
    lock?.release();
    throw error;
  }
  // Every manager has a token: changes through the API (stop, update, cancel) need it, also on loopback.
  const token = options.token ?? generateToken();
  let server: RestServer | undefined;
  try {
    const dashboardDir = options.dashboardDir ?? findDashboardAssets();
    server = options.noServer
      ? undefined
      : await startRestServer(manager, { port: options.port ?? 0, host: options.host ?? '127.0.0.1', token, warmUp: true, ...(dashboardDir !== undefined ? { dashboardDir } : {}) });
    if (server && mode !== 'view') writeManagerAddress(dir, { pid: process.pid, url: server.url, port: server.port, token });
  } catch (error) {
    await server?.close();
    store.close();
    manager.close();
    throw error;
  }
  const done = mode === 'view' ? Promise.resolve<ExperimentStatus>('VIEWED') : manager.run();
  let settled = false;
  void done.then(
    () => (settled = true),
    () => (settled = true),
  );
  let closed = false;
  return {
    id,
    dir,
    manager,
    server,
    token,
    done,
    async close() {
      if (closed) return;
      closed = true;
      // Closed while it still runs: stop it first (its trials end SYS_CANCELED, resumable), so that no
      // late trial result meets a closed store.
      if (!settled) {
        await manager.stop();
        await done.catch(() => undefined);
      }
      await server?.close();
      if (mode !== 'view') rmSync(join(dir, MANAGER_FILE), { force: true });
      store.close();
      manager.close();
    },
  };
}

/**
 * Creates and starts a new experiment from a config (a canonical one, a YAML/JSON text or a plain
 * object), in a new folder under its working directory.
 *
 * @example
 * ```ts
 * const experiment = await startExperiment(loadExperimentConfig('config.yml'));
 * console.log(experiment.server?.url);
 * await experiment.done; // 'DONE'
 * await experiment.close();
 * ```
 */
export async function startExperiment(config: ExperimentConfig | string | object, options: LaunchOptions & { id?: string } = {}, code?: CodeDefinedParts): Promise<LaunchedExperiment> {
  // Only a config parseExperimentConfig returned skips the checks: a look-alike object is checked.
  const canonical = isCheckedConfig(config) ? config : parseExperimentConfig(config);
  const id = checkExperimentId(options.id ?? newExperimentId());
  // A canonical config skips parsing, where the working directory is checked: check it here too
  // (a folder under /proc would make mkdir spin forever).
  const dir = join(checkWorkingDirectory(canonical.experimentWorkingDirectory), id);
  if (existsSync(join(dir, STORE_FILE))) throw new ArchspaceError({ code: 'experiment-exists', path: ['id'], message: `experiment ${id} already exists in ${dir}; resume it instead` });
  const created = !existsSync(dir);
  mkdirSync(dir, { recursive: true });
  if (!canonical.useAnnotation) return removedOnFailure(created, dir, () => open('new', id, dir, canonical, options, code));
  let searchSpace: ExperimentConfig['searchSpace'];
  try {
    // Before the first trial: the annotated code, rewritten into the experiment's folder, declares the search space.
    searchSpace = annotateTree(canonical.trialCodeDirectory, join(dir, ANNOTATED_CODE_DIR)).searchSpace;
    if (Object.keys(searchSpace).length === 0) {
      throw new ArchspaceError({ code: 'no-annotations', path: ['useAnnotation'], message: `useAnnotation is set but the code in ${canonical.trialCodeDirectory} annotates no variable: add @archspace.variable / @nni.variable annotations, or give a searchSpace` });
    }
  } catch (error) {
    if (created) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return removedOnFailure(created, dir, () => open('new', id, dir, { ...canonical, searchSpace }, options, code));
}

/** Runs `opening`; when it fails, a folder made for the new experiment (`created`) goes with it. */
async function removedOnFailure<T>(created: boolean, dir: string, opening: () => Promise<T>): Promise<T> {
  try {
    return await opening();
  } catch (error) {
    if (created) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The folder of experiment `id` under `workingDirectory`, checked to hold a store. */
export function experimentDir(id: string, workingDirectory: string): string {
  const dir = join(workingDirectory, checkExperimentId(id));
  if (!existsSync(join(dir, STORE_FILE))) {
    throw new ArchspaceError({ code: 'no-experiment', path: ['id'], message: `there is no experiment ${id} in ${workingDirectory}` });
  }
  return dir;
}

function storedConfig(dir: string): { id: string; config: ExperimentConfig } {
  const store = SqliteStore.open(join(dir, STORE_FILE), { readonly: true });
  try {
    const row = store.getExperiment();
    if (!row) throw new ArchspaceError({ code: 'no-experiment', message: `the store in ${dir} holds no experiment` });
    return { id: row.id, config: row.config as unknown as ExperimentConfig };
  } finally {
    store.close();
  }
}

/** Resumes a stopped or killed experiment: finished trials are kept, unfinished ones canceled, the search goes on. */
export async function resumeExperiment(dir: string, options: LaunchOptions = {}, code?: CodeDefinedParts): Promise<LaunchedExperiment> {
  const { id, config } = storedConfig(dir);
  return open('resume', id, dir, config, options, code);
}

/** Opens an experiment read-only and serves its REST API. */
export async function viewExperiment(dir: string, options: LaunchOptions = {}): Promise<LaunchedExperiment> {
  const { id, config } = storedConfig(dir);
  return open('view', id, dir, config, options);
}

/** The experiments under `workingDirectory`: their ids. */
export function listExperimentIds(workingDirectory: string): string[] {
  if (!existsSync(workingDirectory)) return [];
  return readdirSync(workingDirectory).filter((name) => existsSync(join(workingDirectory, name, STORE_FILE)));
}
