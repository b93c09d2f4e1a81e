/**
 * The shape of an experiment config as a user writes it (the reference's camelCase keys), in zod:
 * types, ranges and unknown keys. What zod cannot know — files, paths, tuner options, the search
 * space itself — `parseExperimentConfig` checks afterwards. Every message is the "expected" half of
 * an error; `configIssue` turns a zod issue into a {@link ConfigError}. Internal: not exported from
 * the package.
 */
import { z } from 'zod';
import { ConfigError, shortText, type SourceLocation } from './config-error.js';
import { DURATION_EXPECTED, durationSeconds } from './duration.js';
import { LOG_LEVELS } from './experiment-config.js';
import { suggestKey } from './suggest-key.js';

/**
 * A non-empty string. The length is checked by a refinement, which runs only on strings: zod's own
 * length checks also run on any non-string with a `length` key, and throw on `{ length: {} }`.
 */
const nonEmpty = (expected: string) => z.string({ error: expected }).refine((value) => value.length > 0, { error: expected });
const text = nonEmpty;
const integer = (expected: string, min: number) => z.number({ error: expected }).int({ error: expected }).min(min, { error: expected });
const bool = (expected: string) => z.boolean({ error: expected });

const duration = z.union([z.number(), z.string()], { error: DURATION_EXPECTED }).transform((value, ctx) => {
  const seconds = durationSeconds(value);
  if (seconds === undefined) {
    ctx.issues.push({ code: 'custom', message: DURATION_EXPECTED, input: value });
    return z.NEVER;
  }
  return seconds;
});

function strict<S extends z.core.$ZodLooseShape>(shape: S, expected: string) {
  return z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? 'a known key' : expected) });
}

const algorithmShape = (kind: string, example: string) =>
  strict(
    {
      name: text(`the name of a built-in ${kind}, such as "${example}"`),
      classArgs: z.record(z.string(), z.unknown(), { error: `an object of the ${kind}'s options` }).nullish(),
    },
    `an object { name, classArgs } naming a built-in ${kind}`,
  );

const metricName = text('the name of a metric of the trials\' final result, such as "default" or "flops"');
const finiteBound = z.number({ error: 'a finite number' }).nullish();

/** `objectives`: the metrics a multi-objective experiment searches, each with its direction. */
const objectivesSchema = z
  .array(strict({ name: metricName, direction: z.enum(['maximize', 'minimize'], { error: '"maximize" or "minimize"' }) }, 'an objective { name, direction }'), {
    error: 'a list of objectives { name, direction }',
  })
  .min(1, { error: 'a non-empty list of objectives { name, direction }' });

/** `constraints`: bounds on metrics of the final result; a trial that breaks one is infeasible. */
const constraintsSchema = z.array(strict({ name: metricName, min: finiteBound, max: finiteBound }, 'a constraint { name, min?, max? }'), {
  error: 'a list of constraints { name, min?, max? }',
});

/** The top-level config as written. `null` stands for "not set" wherever a key is optional. */
export const rawConfigSchema = strict(
  {
    experimentName: z.string({ error: 'a string' }).nullish(),
    experimentType: z.enum(['hpo', 'nas'], { error: '"hpo" or "nas"' }).nullish(),
    searchSpace: z.unknown().optional(),
    searchSpaceFile: text('the path of a JSON or YAML search-space file').nullish(),
    trialCommand: text('the command that runs a trial, as a non-empty string (such as "python3 trial.py")'),
    trialCodeDirectory: text('the path of the folder trials run in').nullish(),
    useAnnotation: bool('true or false (whether the trial code declares its search space in annotations)').nullish(),
    trialConcurrency: integer('an integer > 0 (how many trials run at once)', 1),
    trialGpuNumber: integer('an integer ≥ 0 (GPUs per trial)', 0).nullish(),
    maxTrialNumber: integer('an integer > 0', 1).nullish(),
    maxExperimentDuration: duration.nullish(),
    maxTrialDuration: duration.nullish(),
    tuner: algorithmShape('tuner', 'TPE').nullish(),
    advisor: algorithmShape('tuner', 'BOHB').nullish(),
    assessor: algorithmShape('assessor', 'Medianstop').nullish(),
    trainingService: z.unknown().optional(),
    experimentWorkingDirectory: text('the path of the folder experiments are kept in').nullish(),
    seed: z.union([z.number().int(), nonEmpty('a non-empty string')], { error: 'an integer or a non-empty string' }).nullish(),
    debug: bool('true or false').nullish(),
    logLevel: z.enum(LOG_LEVELS as [string, ...string[]], { error: `one of ${LOG_LEVELS.join(', ')}` }).nullish(),
    objectives: objectivesSchema.nullish(),
    constraints: constraintsSchema.nullish(),
  },
  'an object of experiment settings (a YAML or JSON mapping)',
);

/** The config after {@link rawConfigSchema}. */
export type RawConfig = z.output<typeof rawConfigSchema>;

/** `trainingService` for the local platform, as written. */
export const localTrainingServiceSchema = strict(
  {
    platform: z.literal('local'),
    useActiveGpu: bool('true or false').nullish(),
    maxTrialNumberPerGpu: integer('an integer > 0', 1).nullish(),
    gpuIndices: z
      .union([z.number().int().min(0), z.array(z.number().int().min(0)), z.string().regex(/^\s*\d+(\s*,\s*\d+)*\s*$/)], {
        error: 'GPU indices: an integer ≥ 0, a list of them, or a string such as "0,1"',
      })
      .nullish(),
  },
  'an object { platform: "local", useActiveGpu?, maxTrialNumberPerGpu?, gpuIndices? }',
);

/** `trainingService` for the Redis platform (trials run by `archspace worker` processes), as written. */
export const redisTrainingServiceSchema = strict(
  {
    platform: z.literal('redis'),
    url: text('a Redis URL such as redis://127.0.0.1:6379 (rediss:// for TLS)'),
    queue: z.string({ error: 'a queue name' }).regex(/^[A-Za-z0-9_.-]{1,100}$/, { error: 'a queue name of 1 to 100 letters, digits, "_", "-" or "."' }),
    password: z.string({ error: 'a string' }).nullish(),
    username: z.string({ error: 'a string' }).nullish(),
    tls: z
      .union([z.boolean(), strict({ rejectUnauthorized: z.boolean().optional(), ca: z.string().optional(), servername: z.string().optional() }, 'TLS options { rejectUnauthorized?, ca?, servername? }')], {
        error: 'true, false, or TLS options { rejectUnauthorized?, ca?, servername? }',
      })
      .nullish(),
    maxTrialRetries: integer('an integer ≥ 0 (runs of a trial whose worker was lost, after the first)', 0).nullish(),
  },
  'an object { platform: "redis", url, queue, password?, username?, tls?, maxTrialRetries? }',
);

/** The keys each object of the config may have, by the object's path. */
const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(rawConfigSchema.shape),
  tuner: ['name', 'classArgs'],
  advisor: ['name', 'classArgs'],
  assessor: ['name', 'classArgs'],
  trainingService: Object.keys(localTrainingServiceSchema.shape),
  'trainingService@redis': Object.keys(redisTrainingServiceSchema.shape),
  objectives: ['name', 'direction'],
  constraints: ['name', 'min', 'max'],
};

/** Keys of the reference's config that archspace leaves out on purpose, and why. */
const NOT_SUPPORTED: Readonly<Record<string, string>> = {
  className: 'custom tuners and assessors are not supported: give the "name" of a built-in one',
  codeDirectory: 'custom tuners and assessors are not supported: give the "name" of a built-in one',
  nniManagerIp: 'archspace runs trials on this machine only',
  tunerGpuIndices: 'strategies run inside the manager, on the CPU',
  sharedStorage: 'archspace runs trials on this machine only',
  reuseMode: 'archspace runs trials on this machine only',
};

function segment(key: PropertyKey): string | number {
  return typeof key === 'number' ? key : String(key);
}

/** The {@link ConfigError} for a zod issue of the config, located by `locate` when it came from text. */
export function configIssue(issue: z.core.$ZodIssue, locate: (path: readonly (string | number)[]) => SourceLocation | undefined, variant?: string): ConfigError {
  const path = issue.path.map(segment);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    // A list's items share their keys: `objectives.0` has the keys of `objectives`.
    const shape = path.filter((s) => typeof s === 'string').join('.');
    const known = KNOWN_KEYS[`${shape}${variant !== undefined ? `@${variant}` : ''}`] ?? KNOWN_KEYS[shape] ?? [];
    const guess = suggestKey(key, known);
    const why = NOT_SUPPORTED[key];
    const keyPath = [...path, key];
    const location = locate(keyPath);
    return new ConfigError({
      code: 'unknown-key',
      path: keyPath,
      expected: `one of ${known.join(', ')}`,
      received: key,
      message: `unknown key "${shortText(key)}"${why ? ` (${why})` : guess ? ` (did you mean "${guess}"?)` : ''}; the known keys are ${known.join(', ')}`,
      ...(location ? { location } : {}),
    });
  }
  const location = locate(path);
  // A required enum (an objective's direction) reports a missing key as an invalid value.
  const missing = (issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined;
  if (missing) {
    return new ConfigError({
      code: 'missing-key',
      path,
      expected: issue.message,
      message: `the required key "${path.at(-1) ?? ''}" is missing: expected ${issue.message}`,
      ...(location ? { location } : {}),
    });
  }
  return new ConfigError({ code: 'invalid-value', path, expected: issue.message, received: issue.input, ...(location ? { location } : {}) });
}

/** Parses `value` with `schema`, throwing the first problem (unknown keys first) as a {@link ConfigError}. */
export function parseWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  basePath: readonly (string | number)[],
  locate: (path: readonly (string | number)[]) => SourceLocation | undefined,
  variant?: string,
): z.output<T> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issues = [...result.error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
  const first = issues[0]!;
  throw configIssue({ ...first, path: [...basePath, ...first.path] } as z.core.$ZodIssue, locate, variant);
}
