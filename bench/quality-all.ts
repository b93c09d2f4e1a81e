/**
 * `npm run bench:quality [names…]`: every search-quality benchmark on NAS-Bench-201, each in a process
 * of its own, with the same strategy-name filters: one objective (`quality.ts`), several objectives
 * (`quality-multi-objective.ts`) and a FLOPs constraint (`quality-constrained.ts`); then, when no names
 * are given or one is `Optuna`, Optuna's TPESampler on the one-objective protocol as the reference
 * (`quality-optuna.ts`).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let failed = false;
const names = process.argv.slice(2);
const files = ['quality.ts', 'quality-multi-objective.ts', 'quality-constrained.ts'];
if (names.length === 0 || names.includes('Optuna')) files.push('quality-optuna.ts');
for (const file of files) {
  console.log(`\n# ${file}`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(here, file), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (child.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
