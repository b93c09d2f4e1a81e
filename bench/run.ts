/**
 * Runs every `*.bench.ts` file in this folder (or those whose names contain one of the arguments)
 * and prints a summary. Exit code 0 even when a goal is missed: a benchmark reports, it does not gate.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { allResults } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

for (const file of files) {
  console.log(`\n# ${file.replace(/\.bench\.ts$/, '')}`);
  const module = (await import(pathToFileURL(join(here, file)).href)) as { default: () => Promise<void> };
  await module.default();
}

const results = allResults();
const missed = results.filter((r) => !r.met);
console.log(`\n${results.length - missed.length}/${results.length} goals met${missed.length ? `; missed: ${missed.map((r) => r.name).join(', ')}` : ''}`);
