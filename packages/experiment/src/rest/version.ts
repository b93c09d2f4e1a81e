/**
 * The version `GET /version` reports: the `version` of `@archspace/experiment`'s package.json, read
 * once (the file sits two folders up from both `src/rest/` and `dist/rest/`).
 */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/**
 * The package's version, such as `"0.1.0"`; `"unknown"` if its package.json cannot be read.
 *
 * @example
 * ```ts
 * packageVersion(); // "0.1.0"
 * ```
 */
export function packageVersion(): string {
  if (cached === undefined) {
    try {
      const json = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
      cached = typeof json.version === 'string' ? json.version : 'unknown';
    } catch {
      cached = 'unknown';
    }
  }
  return cached;
}
