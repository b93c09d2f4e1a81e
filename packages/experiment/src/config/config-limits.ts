/**
 * How much reading one config document may cost: its size, how deep it nests, and how large it
 * becomes once YAML aliases are expanded. Each of the config file, its search-space file and config
 * given as text or as an object is held to them, so that no input can exhaust memory, hang the parser
 * or overflow the stack of a later walk (zod, the search-space check, the store's JSON encoding).
 */
import { ConfigError } from './config-error.js';

/**
 * Bounds on one config document. A real config with an inline search space is a few KB and nests
 * fewer than ten levels; the defaults leave room for search spaces a hundred times that large.
 *
 * @example
 * ```ts
 * parseExperimentConfig(text, { limits: { maxBytes: 8 * 1024 * 1024 } }); // an 8 MiB search space
 * ```
 */
export interface ConfigLimits {
  /**
   * The most bytes a config file, a search-space file or config text may hold, and the most
   * characters of text (keys and strings) the document may stand for once its aliases are expanded.
   * Default 1 MiB.
   */
  readonly maxBytes: number;
  /**
   * How deep lists and mappings may nest: `{ a: [1] }` is 2 deep. Default 64; at most
   * {@link DEEPEST_ALLOWED_DEPTH}.
   */
  readonly maxDepth: number;
  /**
   * The most values (lists, mappings and scalars) the document may stand for once its aliases are
   * expanded — a document without aliases stands for the values it is written with. Default 100,000.
   */
  readonly maxExpandedNodes: number;
}

/**
 * The largest `maxDepth` allowed: the steps after the depth check (the YAML composer, zod, the
 * search-space check) recurse once or more per level and run out of stack near 1,000 levels.
 */
export const DEEPEST_ALLOWED_DEPTH = 256;

/** The limits used when none are given. */
export const DEFAULT_CONFIG_LIMITS: ConfigLimits = Object.freeze({ maxBytes: 1024 * 1024, maxDepth: 64, maxExpandedNodes: 100_000 });

/** The words that tell a user how to allow more: `raise limits.maxBytes (now 1048576)`. */
export function raiseLimitHint(limits: ConfigLimits, name: keyof ConfigLimits): string {
  return `raise limits.${name} (now ${limits[name]}) to allow more`;
}

/**
 * `limits` with every unset field taken from {@link DEFAULT_CONFIG_LIMITS}. Throws
 * {@link ConfigError} (code `"invalid-value"`, path `['limits', name]`) for a field that is not an
 * integer > 0, or a `maxDepth` above {@link DEEPEST_ALLOWED_DEPTH}.
 */
export function resolveConfigLimits(limits: Partial<ConfigLimits> = {}): ConfigLimits {
  const limit = (name: keyof ConfigLimits): number => {
    const value = limits[name] ?? DEFAULT_CONFIG_LIMITS[name];
    const most = name === 'maxDepth' ? DEEPEST_ALLOWED_DEPTH : Number.MAX_SAFE_INTEGER;
    if (!Number.isSafeInteger(value) || value < 1 || value > most) {
      const expected = name === 'maxDepth' ? `an integer from 1 to ${DEEPEST_ALLOWED_DEPTH}` : 'an integer > 0';
      throw new ConfigError({ code: 'invalid-value', path: ['limits', name], expected, received: value });
    }
    return value;
  };
  return { maxBytes: limit('maxBytes'), maxDepth: limit('maxDepth'), maxExpandedNodes: limit('maxExpandedNodes') };
}
