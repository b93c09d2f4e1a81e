/**
 * Reads an experiment config — YAML or JSON text, a file, or an object — the way the reference's
 * `ExperimentConfig` does, and returns the canonical {@link ExperimentConfig}. Every problem is a
 * {@link ConfigError} naming the key, what was expected and what was found (and, for text, the line).
 *
 * The reference's legacy (v1) keys are accepted too (`nni-legacy-config.ts`). Stricter than the
 * reference in three ways: an unknown key anywhere (top level, `tuner`, `assessor`,
 * `trainingService`, `classArgs`) is an error naming it; the search space itself is validated; and
 * platforms other than `local` are refused rather than half-supported.
 */
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { ArchspaceError } from '@archspace/ir';
import { fromSearchSpaceJson } from '@archspace/mutables';
import type { Direction } from '@archspace/strategies';
import { isRedisUrl, redactedUrl } from '../redis/redis-connection.js';
import { encodeJson } from '../store/row-checks.js';
import { type ResolvedAlgorithm, resolveAlgorithm } from './class-args.js';
import { checkGpuKeys } from './gpu-keys.js';
import { ConfigError, type SourceLocation } from './config-error.js';
import { type ConfigLimits, resolveConfigLimits } from './config-limits.js';
import { localTrainingServiceSchema, parseWith, rawConfigSchema, redisTrainingServiceSchema } from './config-schema.js';
import { findSizeViolation, PLAIN_VALUE_SHAPE, sizeViolationError } from './config-size.js';
import { readConfigText } from './config-text.js';
import type { AssessorConfig, ExperimentConfig, TrainingServiceConfig, TunerConfig } from './experiment-config.js';
import { resolveObjectives } from './objectives-config.js';
import { readConfigFile } from './read-config-file.js';
import { atLegacyPath, fromLegacyKeys, type LegacyRewrite } from './nni-legacy-config.js';
import { checkTunerFitsSpace } from './nni-tuners.js';
import { readSearchSpaceFile } from './search-space-file.js';
import { ASSESSORS, TUNERS } from './strategy-catalogue.js';
import { checkWorkingDirectory } from './working-directory.js';

type Path = readonly (string | number)[];
type Locate = (path: Path) => SourceLocation | undefined;

/** Where the config came from, for relative paths and error locations. */
export interface ParseConfigOptions {
  /**
   * The folder relative paths (`searchSpaceFile`, `trialCodeDirectory`, `experimentWorkingDirectory`)
   * are resolved against: the config file's folder. Default: the current directory.
   */
  readonly baseDir?: string;
  /** The config file's name, shown in error locations. */
  readonly file?: string;
  /**
   * Bounds on the config and its search-space file, each field defaulting to
   * {@link DEFAULT_CONFIG_LIMITS}; a config given as an object is held to them too.
   */
  readonly limits?: Partial<ConfigLimits>;
}

/** Options of {@link loadExperimentConfig}. */
export interface LoadConfigOptions {
  /** As in {@link ParseConfigOptions}: bounds on the config file and its search-space file. */
  readonly limits?: Partial<ConfigLimits>;
}

/** The default `experimentWorkingDirectory` (the reference's is `~/nni-experiments`). */
export const DEFAULT_WORKING_DIRECTORY = '~/archspace-experiments';

const noLocation: Locate = () => undefined;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `~` expanded, then made absolute against `baseDir`. */
export function absolutePath(path: string, baseDir: string): string {
  const expanded = path === '~' || path.startsWith('~/') || path.startsWith('~\\') ? homedir() + path.slice(1) : path;
  return resolve(baseDir, expanded);
}

/** Re-throws `error` with its location when it has none and `locate` knows one. */
function located(error: unknown, locate: Locate): unknown {
  if (!(error instanceof ConfigError) || error.location !== undefined) return error;
  const location = locate(error.path);
  return location ? new ConfigError({ ...error.details, location }) : error;
}

/** The search-space document: inline, or read from `searchSpaceFile` (JSON or YAML). */
function loadSearchSpace(raw: { searchSpace?: unknown; searchSpaceFile?: string | null }, required: boolean, baseDir: string, limits: ConfigLimits, locate: Locate) {
  const inline = raw.searchSpace !== undefined && raw.searchSpace !== null;
  const file = raw.searchSpaceFile ?? undefined;
  if (inline && file !== undefined) {
    throw new ConfigError({ code: 'conflicting-keys', path: ['searchSpaceFile'], message: 'searchSpace and searchSpaceFile are both set: keep exactly one' });
  }
  if (file !== undefined) {
    const parsed = readSearchSpaceFile(absolutePath(file, baseDir), limits);
    return { key: 'searchSpaceFile', value: parsed.value, locate: (path: Path) => parsed.locate(path.slice(1)) };
  }
  if (inline) return { key: 'searchSpace', value: raw.searchSpace, locate };
  if (required) {
    throw new ConfigError({
      code: 'missing-key',
      path: ['searchSpace'],
      expected: 'exactly one of searchSpace (the search-space JSON) or searchSpaceFile (a JSON or YAML file)',
      message: 'the search space is missing: set searchSpace (the search-space JSON) or searchSpaceFile (a JSON or YAML file)',
    });
  }
  return undefined;
}

/**
 * Checks a search-space document with the same rules as the strategies use, and that it is plain
 * JSON; returns a fresh JSON copy of it (plain objects, no `undefined`), which the store keeps as is.
 */
function checkSearchSpace(space: { key: string; value: unknown; locate: Locate }): Readonly<Record<string, unknown>> {
  try {
    fromSearchSpaceJson(space.value);
    return JSON.parse(encodeJson(space.value, [])) as Readonly<Record<string, unknown>>;
  } catch (error) {
    if (!(error instanceof ArchspaceError)) throw error;
    const path = [space.key, ...error.path];
    const location = space.locate(path);
    throw new ConfigError({ ...error.details, code: error.code === 'invalid-row' ? 'invalid-search-space' : error.code, path, ...(location ? { location } : {}) });
  }
}

function trainingService(value: unknown, locate: Locate): TrainingServiceConfig {
  const path = ['trainingService'];
  if (value === undefined || value === null) return { platform: 'local', maxTrialNumberPerGpu: 1 };
  if (!isPlainObject(value)) {
    const list = Array.isArray(value);
    throw new ConfigError({
      code: 'invalid-value',
      path,
      expected: list ? 'one training service, not a list (archspace has no hybrid mode)' : 'an object { platform: "local" | "redis", ... }',
      received: value,
    });
  }
  if (value.platform === undefined || value.platform === null) {
    throw new ConfigError({ code: 'missing-key', path: [...path, 'platform'], expected: '"local" or "redis"', message: 'the required key "platform" is missing: expected "local" or "redis"' });
  }
  if (value.platform === 'redis') {
    const redis = parseWith(redisTrainingServiceSchema, value, path, locate, 'redis');
    if (!isRedisUrl(redis.url)) {
      throw new ConfigError({ code: 'invalid-value', path: [...path, 'url'], expected: 'a URL redis://[user[:password]@]host[:port][/db] or rediss://… (TLS)', received: redactedUrl(redis.url) });
    }
    return {
      platform: 'redis',
      url: redis.url,
      queue: redis.queue,
      ...(redis.password != null ? { password: redis.password } : {}),
      ...(redis.username != null ? { username: redis.username } : {}),
      ...(redis.tls != null ? { tls: redis.tls } : {}),
      maxTrialRetries: redis.maxTrialRetries ?? 0,
    };
  }
  if (value.platform !== 'local') {
    throw new ConfigError({
      code: 'unsupported-platform',
      path: [...path, 'platform'],
      expected: '"local" (processes on this machine) or "redis" (archspace worker processes fed by a Redis queue); remote, cluster and cloud platforms are not supported',
      received: value.platform,
    });
  }
  const local = parseWith(localTrainingServiceSchema, value, path, locate);
  const gpus = local.gpuIndices ?? undefined;
  const gpuIndices = gpus === undefined ? undefined : typeof gpus === 'number' ? [gpus] : typeof gpus === 'string' ? gpus.split(',').map((s) => Number(s.trim())) : gpus;
  return {
    platform: 'local',
    ...(local.useActiveGpu != null ? { useActiveGpu: local.useActiveGpu } : {}),
    maxTrialNumberPerGpu: local.maxTrialNumberPerGpu ?? 1,
    ...(gpuIndices !== undefined ? { gpuIndices } : {}),
  };
}

function tunerOf(raw: { tuner?: { name: string; classArgs?: unknown } | null; advisor?: { name: string; classArgs?: unknown } | null }, required: boolean) {
  if (raw.tuner != null && raw.advisor != null) {
    throw new ConfigError({ code: 'conflicting-keys', path: ['advisor'], message: 'tuner and advisor are both set: an advisor is a tuner here, keep exactly one' });
  }
  const key = raw.tuner != null ? 'tuner' : 'advisor';
  const input = raw.tuner ?? raw.advisor ?? undefined;
  if (input === undefined) {
    if (!required) return undefined;
    throw new ConfigError({
      code: 'missing-key',
      path: ['tuner'],
      expected: `a tuner { name, classArgs? }; names: ${TUNERS.map((t) => t.name).join(', ')}`,
      message: `the required key "tuner" is missing: name one of ${TUNERS.map((t) => t.name).join(', ')}, such as tuner: { name: TPE }`,
    });
  }
  return resolveAlgorithm(input, TUNERS, 'tuner', [key]);
}

function canonicalize(value: unknown, baseDirOption: string | undefined, limits: ConfigLimits, locate: Locate): ExperimentConfig {
  const raw = parseWith(rawConfigSchema, value, [], locate);
  const baseDir = resolve(baseDirOption ?? process.cwd());
  const experimentType = raw.experimentType ?? 'hpo';
  const hpo = experimentType === 'hpo';

  const annotated = raw.useAnnotation === true;
  if (annotated && (!hpo || (raw.searchSpace ?? raw.searchSpaceFile ?? undefined) !== undefined)) {
    throw new ConfigError({ code: 'conflicting-keys', path: ['useAnnotation'], message: `useAnnotation generates the search space of an hpo experiment from the trial code: ${hpo ? 'remove searchSpace and searchSpaceFile' : 'it does not apply to nas experiments'}` });
  }
  const space = loadSearchSpace(raw, hpo && !annotated, baseDir, limits, locate);
  const searchSpace = space && checkSearchSpace(space);

  const tuner: ResolvedAlgorithm | undefined = tunerOf(raw, hpo);
  if (tuner !== undefined && space !== undefined && searchSpace !== undefined) checkTunerFitsSpace(tuner.name, searchSpace, space.key);
  const goals = resolveObjectives(raw, tuner, [raw.tuner != null ? 'tuner' : 'advisor', 'name']);
  const direction: Direction = goals?.objectives[0]!.direction ?? tuner?.direction ?? 'maximize';
  let seed = raw.seed ?? undefined;
  if (tuner?.seed !== undefined) {
    if (seed !== undefined && seed !== tuner.seed) {
      throw new ConfigError({
        code: 'conflicting-keys',
        path: tuner.seedPath!,
        message: `the tuner's seed (${JSON.stringify(tuner.seed)}) differs from the experiment's seed (${JSON.stringify(seed)}): keep one`,
      });
    }
    seed = tuner.seed;
  }
  let assessor: ResolvedAlgorithm | undefined;
  if (raw.assessor != null) {
    assessor = resolveAlgorithm(raw.assessor, ASSESSORS, 'assessor', ['assessor']);
    if (assessor.direction !== undefined && assessor.direction !== direction) {
      throw new ConfigError({
        code: 'conflicting-keys',
        path: assessor.directionPath!,
        expected: `"${direction}", the tuner's direction (an experiment has one direction)`,
        received: assessor.direction,
      });
    }
  }
  const debug = raw.debug ?? false;
  const service = trainingService(raw.trainingService, locate);
  checkGpuKeys(raw.trialGpuNumber ?? undefined, service);
  const config: Record<string, unknown> = {
    ...(raw.experimentName != null ? { experimentName: raw.experimentName } : {}),
    experimentType,
    ...(searchSpace !== undefined ? { searchSpace } : {}),
    trialCommand: raw.trialCommand,
    trialCodeDirectory: absolutePath(raw.trialCodeDirectory ?? '.', baseDir),
    ...(annotated ? { useAnnotation: true } : {}),
    trialConcurrency: raw.trialConcurrency,
    ...(raw.trialGpuNumber != null ? { trialGpuNumber: raw.trialGpuNumber } : {}),
    ...(raw.maxTrialNumber != null ? { maxTrialNumber: raw.maxTrialNumber } : {}),
    ...(raw.maxExperimentDuration != null ? { maxExperimentDuration: raw.maxExperimentDuration } : {}),
    ...(raw.maxTrialDuration != null ? { maxTrialDuration: raw.maxTrialDuration } : {}),
    ...(tuner ? { tuner: { name: tuner.name, classArgs: { direction, ...tuner.options } } as TunerConfig } : {}),
    ...(assessor ? { assessor: { name: assessor.name, classArgs: { direction, ...assessor.options } } as AssessorConfig } : {}),
    trainingService: service,
    experimentWorkingDirectory: checkWorkingDirectory(absolutePath(raw.experimentWorkingDirectory ?? DEFAULT_WORKING_DIRECTORY, baseDir)),
    ...(seed !== undefined ? { seed } : {}),
    debug,
    logLevel: raw.logLevel ?? (debug ? 'debug' : 'info'),
    ...(goals ? { objectives: goals.objectives, ...(goals.constraints.length > 0 ? { constraints: goals.constraints } : {}) } : {}),
  };
  return config as unknown as ExperimentConfig;
}

/** The configs this module returned: only these skip checking when handed back (see {@link isCheckedConfig}). */
const checkedConfigs = new WeakSet<object>();

/**
 * Whether `value` is a config `parseExperimentConfig` returned (and so was checked). An object that
 * merely has a canonical config's keys is not: it is checked like any other input.
 */
export function isCheckedConfig(value: unknown): value is ExperimentConfig {
  return typeof value === 'object' && value !== null && checkedConfigs.has(value);
}

/**
 * Validates an experiment config and returns it in canonical form: defaults filled in, paths
 * absolute, durations in seconds, `searchSpaceFile` read into `searchSpace`, the tuner and assessor
 * named and their `classArgs` mapped to archspace's options (see `strategy-catalogue.ts` for the
 * mapping). `input` is YAML or JSON text, or the config as an object, held to `options.limits`
 * (see {@link ConfigLimits}); `experimentWorkingDirectory` may not be on a kernel pseudo-filesystem
 * (see {@link checkWorkingDirectory}). Any problem — including an unknown key at any level — throws
 * a {@link ConfigError} whose `path` names the key. Parsing a canonical config again gives the same
 * config.
 *
 * @example
 * ```ts
 * const config = parseExperimentConfig(`
 * searchSpace: { lr: { _type: loguniform, _value: [0.0001, 0.1] } }
 * trialCommand: python3 train.py
 * trialConcurrency: 2
 * maxExperimentDuration: 1.5h
 * tuner: { name: RegularizedEvolution, classArgs: { optimize_mode: minimize, population_size: 20 } }
 * `, { baseDir: '/home/me/project' });
 * config.maxExperimentDuration;   // 5400
 * config.tuner;                   // { name: 'RegularizedEvolution', classArgs: { direction: 'minimize', populationSize: 20, sampleSize: 5, … } }
 * config.trialCodeDirectory;      // '/home/me/project'
 * ```
 */
export function parseExperimentConfig(input: unknown, options: ParseConfigOptions = {}): ExperimentConfig {
  const limits = resolveConfigLimits(options.limits);
  let value = input;
  let locate = noLocation;
  if (typeof input === 'string') {
    const text = readConfigText(input, options.file, limits);
    value = text.value;
    locate = (path) => text.locate(path);
  } else {
    const violation = findSizeViolation(input, PLAIN_VALUE_SHAPE, limits);
    if (violation !== undefined) throw sizeViolationError(violation, limits, 'the config', false);
  }
  // The reference's v1 keys are rewritten first; errors about them name the key as written.
  let renamed: LegacyRewrite['renamed'] = [];
  try {
    const legacy = fromLegacyKeys(value);
    renamed = legacy.renamed;
    const config = canonicalize(legacy.value, options.baseDir, limits, locate);
    checkedConfigs.add(config);
    return config;
  } catch (error) {
    throw located(atLegacyPath(error, renamed), locate);
  }
}

/**
 * Reads and validates the config file `file` (YAML or JSON); relative paths in it are resolved
 * against the file's folder. Only a regular file of at most `limits.maxBytes` is read. Throws
 * {@link ConfigError} (code `"config-file-not-found"` when it cannot be read, `"not-a-regular-file"`,
 * `"config-too-large"`).
 *
 * @example
 * ```ts
 * const config = loadExperimentConfig('examples/hpo/config.yml');
 * ```
 */
export function loadExperimentConfig(file: string, options: LoadConfigOptions = {}): ExperimentConfig {
  const absolute = resolve(file);
  const text = readConfigFile(absolute, 'config file', resolveConfigLimits(options.limits));
  return parseExperimentConfig(text, { baseDir: dirname(absolute), file, limits: options.limits });
}
