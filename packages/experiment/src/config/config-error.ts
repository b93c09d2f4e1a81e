/**
 * The one error the experiment config parser throws: a `code`, the `path` to the offending key (e.g.
 * `['tuner', 'classArgs', 'population_size']`), what was expected and what was found — and, for a
 * config read from text, the line and column.
 */
import { ArchspaceError, type ErrorDetails } from '@archspace/ir';

/** Where in a config file (or text) a problem is. Lines and columns count from 1. */
export interface SourceLocation {
  /** The file, when the config was read from one. */
  readonly file?: string;
  readonly line: number;
  readonly column: number;
}

/** {@link ErrorDetails} plus where the offending value is written. */
export interface ConfigErrorDetails extends ErrorDetails {
  readonly location?: SourceLocation;
}

/** `file:line:column`, or `line L, column C` without a file. */
export function formatLocation(location: SourceLocation): string {
  return location.file !== undefined ? `${location.file}:${location.line}:${location.column}` : `line ${location.line}, column ${location.column}`;
}

/**
 * An experiment config is invalid. Codes: `"config-syntax"` (not YAML/JSON), `"config-file-not-found"`,
 * `"missing-key"`, `"unknown-key"`, `"duplicate-key"`, `"conflicting-keys"`, `"invalid-value"`,
 * `"unknown-tuner"`, `"unknown-assessor"`, `"unsupported-platform"`, `"file-not-found"`; a bad search
 * space keeps the code `fromSearchSpaceJson` gave it (`"invalid-search-space"`, `"duplicate-value"`, …)
 * with the path prefixed by `searchSpace` or `searchSpaceFile`.
 *
 * @example
 * ```ts
 * try { parseExperimentConfig('trialConcurrency: 0'); } catch (e) {
 *   if (e instanceof ConfigError) console.log(e.path, e.expected, e.received); // ['trialCommand'] …
 * }
 * ```
 */
export class ConfigError extends ArchspaceError {
  /** Where the offending value is written, when the config came from text. */
  readonly location: SourceLocation | undefined;

  constructor(details: ConfigErrorDetails) {
    super(details);
    this.location = details.location;
    if (details.location !== undefined) this.message = `${this.message} (${formatLocation(details.location)})`;
  }
}
