/**
 * The reference's legacy (v1) config keys, rewritten to the v2 keys archspace reads, so that a v1
 * `config.yml` runs unchanged: `authorName`, `trialConcurrency`, `maxExecDuration`, `maxTrialNum`,
 * `searchSpacePath`, `trainingServicePlatform`, `localConfig`, `logDir`, `trial: {command, codeDir,
 * gpuNum}`, `tuner: {builtinTunerName, classArgs}`, `assessor: {builtinAssessorName, classArgs}`,
 * `advisor: {builtinAdvisorName, classArgs}`. v2 keys pass through as they are, so v1 and v2 keys can
 * be mixed, but one setting given both ways is an error naming both keys. A v1 key archspace cannot
 * honour (another platform, a custom tuner, cluster resources) is an error naming it and what is
 * allowed. Internal: not exported from the package.
 *
 * | v1 key                            | v2 key (archspace)                    |
 * |-----------------------------------|---------------------------------------|
 * | `authorName`                      | — (accepted, not kept)                |
 * | `maxExecDuration`                 | `maxExperimentDuration`               |
 * | `maxTrialNum`                     | `maxTrialNumber`                      |
 * | `searchSpacePath`                 | `searchSpaceFile`                     |
 * | `trainingServicePlatform: local`  | `trainingService: {platform: local}`  |
 * | `localConfig: {gpuIndices, maxTrialNumPerGpu, useActiveGpu}` | `trainingService: {gpuIndices, maxTrialNumberPerGpu, useActiveGpu}` |
 * | `logDir`                          | `experimentWorkingDirectory`          |
 * | `useAnnotation: false`            | — (the default)                       |
 * | `versionCheck`, `multiThread`, `logCollection` | — (no effect on local trials: accepted, not kept) |
 * | `trial: {command, codeDir, gpuNum}` | `trialCommand`, `trialCodeDirectory`, `trialGpuNumber` |
 * | `tuner: {builtinTunerName}`, `assessor: {builtinAssessorName}`, `advisor: {builtinAdvisorName}` | `{name}` |
 * | TPE, Anneal, Random `classArgs: {parallel_optimize, constant_liar_type: min \| max \| mean}` (also v2) | dropped; TPE's liar `best`, `worst`, `mean` |
 */
import { ConfigError } from './config-error.js';

type Path = readonly (string | number)[];

/** A config with its v1 keys rewritten, and where each rewritten v2 key was written. */
export interface LegacyRewrite {
  readonly value: unknown;
  /** Pairs `[v2 path, path as written]`, for errors about a rewritten key. */
  readonly renamed: readonly (readonly [Path, Path])[];
}

/** The platforms of the reference that archspace does not have. */
const OTHER_PLATFORMS = ['remote', 'pai', 'paiYarn', 'kubeflow', 'frameworkcontroller', 'aml', 'adl', 'dlc', 'dlts', 'hybrid', 'openpai'];

/** Per-platform sections of a v1 config, all refused. */
const PLATFORM_SECTIONS = ['machineList', 'remoteConfig', 'paiConfig', 'paiYarnConfig', 'kubeflowConfig', 'frameworkcontrollerConfig', 'amlConfig', 'adlConfig', 'dlcConfig', 'hybridConfig', 'sharedStorage'];

const PLATFORM_ALLOWED = 'archspace runs trials as processes on this machine (trainingServicePlatform: local) or through Redis workers (trainingService: {platform: redis, ...})';

/** Top-level v1 keys renamed to a v2 key. */
const RENAMED: Readonly<Record<string, string>> = {
  maxExecDuration: 'maxExperimentDuration',
  maxTrialNum: 'maxTrialNumber',
  searchSpacePath: 'searchSpaceFile',
  logDir: 'experimentWorkingDirectory',
};

/** Top-level v1 keys accepted and dropped: they change nothing for trials on this machine. */
const IGNORED: ReadonlySet<string> = new Set(['authorName', 'versionCheck', 'multiThread', 'logCollection']);

/** `trial` keys and their v2 names. */
const TRIAL_KEYS: Readonly<Record<string, string>> = { command: 'trialCommand', codeDir: 'trialCodeDirectory', gpuNum: 'trialGpuNumber' };

/** `localConfig` keys and their v2 names in `trainingService`. */
const LOCAL_CONFIG_KEYS: Readonly<Record<string, string>> = { gpuIndices: 'gpuIndices', maxTrialNumPerGpu: 'maxTrialNumberPerGpu', useActiveGpu: 'useActiveGpu' };

/** The v1 name key of each algorithm section. */
const BUILTIN_NAME: Readonly<Record<string, string>> = { tuner: 'builtinTunerName', assessor: 'builtinAssessorName', advisor: 'builtinAdvisorName' };

/** v1 algorithm keys archspace refuses, and why. */
const ALGORITHM_REFUSED: Readonly<Record<string, string>> = {
  // className, shared with v2, is refused by the schema.
  codeDir: 'custom tuners and assessors are not supported: name a built-in one',
  classFileName: 'custom tuners and assessors are not supported: name a built-in one',
  gpuIndices: 'strategies run inside the manager, on the CPU',
  gpuNum: 'strategies run inside the manager, on the CPU',
  includeIntermediateResults: 'tuners learn from final results; an assessor judges intermediate ones',
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refused(path: Path, key: string, why: string, received?: unknown): ConfigError {
  return new ConfigError({
    code: 'unsupported-key',
    path,
    expected: why,
    ...(received !== undefined ? { received } : {}),
    message: `the key "${key}" is not supported: ${why}`,
  });
}

/** Builds the rewritten config: own keys only (a key such as `__proto__` stays data). */
class Rewriter {
  readonly entries = new Map<string, unknown>();
  readonly renamed: [Path, Path][] = [];
  readonly #writtenAs = new Map<string, string>();

  set(key: string, value: unknown, writtenAs: Path): void {
    const earlier = this.#writtenAs.get(key);
    if (earlier !== undefined) {
      throw new ConfigError({
        code: 'conflicting-keys',
        path: writtenAs,
        message: `"${earlier}" and "${writtenAs.join('.')}" both set ${key}: keep one`,
      });
    }
    this.#writtenAs.set(key, writtenAs.join('.'));
    this.entries.set(key, value);
    if (writtenAs.length !== 1 || writtenAs[0] !== key) this.renamed.push([[key], writtenAs]);
  }
}

function trialSection(value: unknown, out: Rewriter): void {
  if (!isPlainObject(value)) {
    throw new ConfigError({ code: 'invalid-value', path: ['trial'], expected: 'an object {command, codeDir, gpuNum?} (the v1 trial section)', received: value });
  }
  for (const [key, inner] of Object.entries(value)) {
    const v2 = TRIAL_KEYS[key];
    if (v2 === undefined) {
      throw refused(['trial', key], `trial.${key}`, `a trial section has only command, codeDir and gpuNum here; ${PLATFORM_ALLOWED}`);
    }
    out.set(v2, inner, ['trial', key]);
  }
}

function platformOf(value: unknown): void {
  if (value === 'local') return;
  const other = typeof value === 'string' && OTHER_PLATFORMS.some((p) => p.toLowerCase() === value.toLowerCase());
  throw new ConfigError({
    code: 'unsupported-platform',
    path: ['trainingServicePlatform'],
    expected: `"local" (${PLATFORM_ALLOWED})`,
    received: value,
    message: `trainingServicePlatform ${JSON.stringify(value)} is ${other ? 'not supported' : 'not a platform'}: expected "local"; ${PLATFORM_ALLOWED}`,
  });
}

function localConfig(value: unknown): [string, unknown][] {
  if (!isPlainObject(value)) {
    throw new ConfigError({ code: 'invalid-value', path: ['localConfig'], expected: 'an object {gpuIndices?, maxTrialNumPerGpu?, useActiveGpu?}', received: value });
  }
  return Object.entries(value).map(([key, inner]) => {
    const v2 = LOCAL_CONFIG_KEYS[key];
    if (v2 === undefined) throw refused(['localConfig', key], `localConfig.${key}`, `localConfig has only ${Object.keys(LOCAL_CONFIG_KEYS).join(', ')}`);
    return [v2, inner];
  });
}

/** The reference's tuners built on hyperopt, by normalised name: they took `parallel_optimize` and `constant_liar_type`. */
const HYPEROPT_TUNERS: ReadonlySet<string> = new Set(['tpe', 'anneal', 'random', 'randomsearch']);

/** The hyperopt tuners' constant liars of NNI 1.x–2.6 (on losses: `min` is the best result). */
const OLD_CONSTANT_LIARS: Readonly<Record<string, string>> = { min: 'best', max: 'worst' };

/**
 * A hyperopt tuner's `classArgs` as archspace takes them: `parallel_optimize` dropped (archspace's TPE
 * always allows for running trials), an old `constant_liar_type` (`min`, `max`) renamed for TPE
 * and dropped for the others, which have no liar.
 */
function hyperoptClassArgs(name: unknown, classArgs: unknown): unknown {
  if (typeof name !== 'string' || !isPlainObject(classArgs)) return classArgs;
  const normalized = name.toLowerCase().replace(/[_\-\s]/g, '');
  if (!HYPEROPT_TUNERS.has(normalized)) return classArgs;
  const entries: [string, unknown][] = [];
  for (const [key, value] of Object.entries(classArgs)) {
    if (key === 'parallel_optimize' && typeof value === 'boolean') continue;
    if (key === 'constant_liar_type' && normalized !== 'tpe' && (typeof value === 'string' || value === null)) continue;
    const liar = key === 'constant_liar_type' && typeof value === 'string' && Object.hasOwn(OLD_CONSTANT_LIARS, value) ? OLD_CONSTANT_LIARS[value] : undefined;
    entries.push([key, liar ?? value]);
  }
  return Object.fromEntries(entries);
}

/**
 * An algorithm section with `builtin…Name` renamed to `name` (v2 sections keep theirs), and a
 * hyperopt tuner's old `classArgs` made current.
 */
function algorithmSection(section: string, value: unknown, renamed: [Path, Path][]): unknown {
  if (!isPlainObject(value)) return value;
  const builtin = BUILTIN_NAME[section]!;
  const entries: [string, unknown][] = [];
  for (const [key, inner] of Object.entries(value)) {
    const why = ALGORITHM_REFUSED[key];
    if (why !== undefined) throw refused([section, key], `${section}.${key}`, why, inner);
    if (key !== builtin) {
      entries.push([key, inner]);
      continue;
    }
    if (Object.hasOwn(value, 'name')) {
      throw new ConfigError({ code: 'conflicting-keys', path: [section, key], message: `"${section}.name" and "${section}.${key}" both name the ${section}: keep one` });
    }
    entries.push(['name', inner]);
    renamed.push([[section, 'name'], [section, key]]);
  }
  if (section !== 'tuner') return Object.fromEntries(entries);
  const name = entries.find(([key]) => key === 'name')?.[1];
  return Object.fromEntries(entries.map(([key, inner]) => [key, key === 'classArgs' ? hyperoptClassArgs(name, inner) : inner]));
}

/**
 * Rewrites the v1 keys of `config` (a parsed config document) to v2 keys. Anything that is not a
 * plain object is returned as is, for the schema to refuse.
 *
 * @example
 * ```ts
 * fromLegacyKeys({ authorName: 'me', trialConcurrency: 1, trial: { command: 'python3 mnist.py', codeDir: '.' } }).value;
 * // { trialConcurrency: 1, trialCommand: 'python3 mnist.py', trialCodeDirectory: '.' }
 * ```
 */
export function fromLegacyKeys(config: unknown): LegacyRewrite {
  if (!isPlainObject(config)) return { value: config, renamed: [] };
  const out = new Rewriter();
  // trainingServicePlatform and localConfig together make one v2 trainingService.
  let service: { writtenAs: string; local: [string, unknown][] } | undefined;
  for (const [key, value] of Object.entries(config)) {
    // An object config may spell "not set" as undefined, as the schema allows.
    if (value === undefined || IGNORED.has(key) || (key === 'useAnnotation' && value === false)) continue;
    if (PLATFORM_SECTIONS.includes(key)) throw refused([key], key, PLATFORM_ALLOWED);
    if (key === 'trial') trialSection(value, out);
    else if (Object.hasOwn(RENAMED, key)) out.set(RENAMED[key]!, value, [key]);
    else if (key === 'trainingServicePlatform') {
      platformOf(value);
      service = { writtenAs: key, local: service?.local ?? [] };
    } else if (key === 'localConfig') {
      service = { writtenAs: service?.writtenAs ?? key, local: localConfig(value) };
    } else if (key === 'tuner' || key === 'assessor' || key === 'advisor') out.set(key, algorithmSection(key, value, out.renamed), [key]);
    else out.set(key, value, [key]);
  }
  if (service !== undefined) {
    for (const [v2] of service.local) {
      const v1 = Object.keys(LOCAL_CONFIG_KEYS).find((k) => LOCAL_CONFIG_KEYS[k] === v2)!;
      out.renamed.push([['trainingService', v2], ['localConfig', v1]]);
    }
    out.set('trainingService', Object.fromEntries([['platform', 'local'], ...service.local]), [service.writtenAs]);
  }
  return { value: Object.fromEntries(out.entries), renamed: out.renamed };
}

/**
 * `error` about a key {@link fromLegacyKeys} rewrote, pointed at the key as the config wrote it (so
 * that its location in the file is found); other errors are returned as they are.
 */
export function atLegacyPath(error: unknown, renamed: LegacyRewrite['renamed']): unknown {
  if (!(error instanceof ConfigError) || renamed.length === 0) return error;
  const path = error.path;
  for (const [v2, written] of renamed) {
    if (v2.length <= path.length && v2.every((segment, i) => path[i] === segment)) {
      return new ConfigError({ ...error.details, path: [...written, ...path.slice(v2.length)] });
    }
  }
  return error;
}
