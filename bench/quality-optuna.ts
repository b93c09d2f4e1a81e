/**
 * `npx tsx bench/quality-optuna.ts`: Optuna's TPESampler on NAS-Bench-201 under the protocol of
 * `npm run bench:quality` (`optuna_nasbench201.py`), in the same run and on the same seed ranges, as
 * the reference row beside archspace's strategies: the mean ± standard error of the 200-epoch test
 * accuracy of each run's best-signal architecture at 100 and 200 queries, and how many of the first
 * 100 queries were distinct architectures (Optuna has no duplicate filter). The interpreter is found,
 * or made, as for the TPE speed reference (`optuna-reference.ts`). Log: `quality-optuna.log`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { meanAndError, SEED_RANGES } from './nasbench201-quality.js';
import { optunaPython } from './optuna-reference.js';

const table = fileURLToPath(new URL('../../shared/data/nasbench201/nb201.csv', import.meta.url));
const script = fileURLToPath(new URL('./optuna_nasbench201.py', import.meta.url));

if (!existsSync(table)) console.log(`skipped: ${table} is absent`);
else {
  const python = optunaPython();
  if (typeof python !== 'string') console.log(`SKIP  Optuna's TPESampler: ${python.skipped}`);
  else {
    const version = spawnSync(python, ['-c', 'import optuna; print(optuna.__version__)'], { encoding: 'utf8' }).stdout.trim();
    console.log(`Optuna ${version} TPESampler (default options, seeded), NAS-Bench-201 CIFAR-10, best-signal architecture's 200-epoch test accuracy:`);
    for (const [range, [first, end]] of Object.entries(SEED_RANGES)) {
      const run = spawnSync(python, [script, table, String(first), String(end)], { encoding: 'utf8', timeout: 3_600_000, maxBuffer: 16 << 20 });
      if (run.status !== 0) throw new Error(`the Optuna script failed: ${run.stderr}`);
      const rows = run.stdout.trim().split('\n').map((line) => line.split(' ').map(Number));
      const column = (i: number) => rows.map((row) => row[i]!);
      console.log(
        `  ${range} seeds ${first}–${end - 1}: 100 queries ${meanAndError(column(1))}, 200 queries ${meanAndError(column(2))}; ` +
          `distinct architectures among the first 100 queries ${meanAndError(column(3), 1)}`,
      );
    }
  }
}
