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

/** The most characters of a string value, or of a key in a path, that an error message shows. */
const SHOWN_CHARS = 80;
/** The most characters of an error message, before its location. */
const MESSAGE_CHARS = 1000;

/**
 * `text` if it is short, else its start, an ellipsis and its length: an error message may quote a
 * value from the config, but never a whole file or a megabyte-long string.
 *
 * @example
 * ```ts
 * shortText('a'.repeat(1000)); // the first 80 "a"s, then '… (1000 characters)'
 * ```
 */
export function shortText(text: string): string {
  return text.length <= SHOWN_CHARS ? text : `${text.slice(0, SHOWN_CHARS)}… (${text.length} characters)`;
}

/** `details` as the message shows them: long strings in `received` and `path` shortened. */
function shownDetails(details: ConfigErrorDetails): ConfigErrorDetails {
  return {
    ...details,
    ...(details.path ? { path: details.path.map((segment) => (typeof segment === 'string' ? shortText(segment) : segment)) } : {}),
    ...(typeof details.received === 'string' ? { received: shortText(details.received) } : {}),
  };
}

/** `file:line:column`, or `line L, column C` without a file. */
export function formatLocation(location: SourceLocation): string {
  return location.file !== undefined ? `${location.file}:${location.line}:${location.column}` : `line ${location.line}, column ${location.column}`;
}

/**
 * An experiment config is invalid. Codes: `"config-syntax"` (not YAML/JSON), `"config-file-not-found"`,
 * `"missing-key"`, `"unknown-key"`, `"duplicate-key"`, `"conflicting-keys"`, `"invalid-value"`,
 * `"unknown-tuner"`, `"unknown-assessor"`, `"unsupported-platform"`, `"file-not-found"`,
 * `"not-a-regular-file"`, `"config-too-large"` and `"config-too-deep"` (past its `ConfigLimits`),
 * `"invalid-working-directory"`; a bad search space keeps the code
 * `fromSearchSpaceJson` gave it (`"invalid-search-space"`, `"duplicate-value"`, …) with the path
 * prefixed by `searchSpace` or `searchSpaceFile`. The message shortens long values it quotes; the
 * fields keep them whole.
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
    super(shownDetails(details));
    // The fields keep the values as found; only the message shortens them.
    Object.assign(this, { details, path: details.path ?? [], received: details.received });
    this.location = details.location;
    if (this.message.length > MESSAGE_CHARS) this.message = `${this.message.slice(0, MESSAGE_CHARS)}…`;
    if (details.location !== undefined) this.message = `${this.message} (${formatLocation(details.location)})`;
  }
}
