/**
 * `npm run bench:quality [names…]`: every search-quality benchmark on NAS-Bench-201, each in a process
 * of its own, with the same strategy-name filters: one objective (`quality.ts`), several objectives
 * (`quality-multi-objective.ts`) and a FLOPs constraint (`quality-constrained.ts`).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let failed = false;
for (const file of ['quality.ts', 'quality-multi-objective.ts', 'quality-constrained.ts']) {
  console.log(`\n# ${file}`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(here, file), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (child.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
