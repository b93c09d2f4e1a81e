/**
 * Runs every `*.bench.ts` file in this folder (or those whose names contain one of the arguments),
 * each in a process of its own so that one benchmark's heap and loaded backends cannot slow another,
 * and prints a summary. Exit code 0 even when a goal is missed: a benchmark reports, it does not gate.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

let met = 0;
const missed: string[] = [];
for (const file of files) {
  console.log(`\n# ${file.replace(/\.bench\.ts$/, '')}`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'run-one.ts'), join(here, file)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(child.stdout);
  for (const line of child.stdout.split('\n')) {
    if (line.startsWith('PASS')) met++;
    const miss = /^MISS {2}(.+?): /.exec(line);
    if (miss) missed.push(miss[1]!);
  }
  if (child.status !== 0) missed.push(`${file} (exited with ${child.status})`);
}
console.log(`\n${met}/${met + missed.length} goals met${missed.length ? `; missed: ${missed.join(', ')}` : ''}`);
