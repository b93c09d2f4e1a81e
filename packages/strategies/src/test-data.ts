/** Where tests and benchmarks find `../shared/data` (beside the repository root). */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The absolute path of a file under `../shared/data`, and whether it exists. */
export function sharedData(relative: string): { path: string; present: boolean } {
  const path = fileURLToPath(new URL(`../../../../shared/data/${relative}`, import.meta.url));
  return { path, present: existsSync(path) };
}
