/**
 * Reads the file `searchSpaceFile` names. Its errors never quote what a file that is not a search
 * space holds: `searchSpaceFile: /etc/passwd` reads as one long YAML string, and an error that
 * showed the value would print the file. Internal: not exported from the package.
 */
import { ConfigError, type SourceLocation } from './config-error.js';
import type { ConfigLimits } from './config-limits.js';
import { readConfigFile } from './read-config-file.js';
import { readConfigText } from './config-text.js';

/** A search-space file's mapping, and where each key path of it is written. */
export interface SearchSpaceFile {
  readonly value: Readonly<Record<string, unknown>>;
  locate(path: readonly PropertyKey[]): SourceLocation | undefined;
}

/** What a value is, in words, without its content: "a string of 1402 characters", "a list of 3 items". */
function shapeOf(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (it is empty, or holds only null)';
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (Array.isArray(value)) return `a list of ${value.length} items`;
  return `a ${typeof value}`;
}

/**
 * The search space in `file` (absolute), JSON or YAML, held to `limits`. Every error's path starts
 * with `searchSpaceFile`; one inside the file has its location there.
 */
export function readSearchSpaceFile(file: string, limits: ConfigLimits): SearchSpaceFile {
  let parsed: ReturnType<typeof readConfigText>;
  try {
    parsed = readConfigText(readConfigFile(file, 'search-space file', limits), file, limits);
  } catch (error) {
    throw (error as ConfigError).withPathPrefix('searchSpaceFile');
  }
  const { value } = parsed;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const shape = shapeOf(value);
    throw new ConfigError({
      code: 'invalid-search-space',
      path: ['searchSpaceFile'],
      expected: 'a mapping of parameter names to { _type, _value } specs',
      received: shape,
      message: `the search-space file "${file}" holds ${shape}, not a mapping of parameter names to { _type, _value } specs`,
    });
  }
  return { value: value as Record<string, unknown>, locate: (path) => parsed.locate(path) };
}
