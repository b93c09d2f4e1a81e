#!/usr/bin/env node
// `npm run mutation [-- target...]`: runs StrykerJS (stryker/<target>.config.mjs) on ir, the serializer,
// strategies and mutables, one after another, in incremental mode, then prints the mutation score of
// each target from its incremental report (stryker/incremental/<target>.json). Slow on 2 cores; not
// part of `npm test` or CI. `--scores` prints the scores of the stored reports without running.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const targets = { ir: 'packages/ir/src', serializer: 'packages/experiment/src/serializer', strategies: 'packages/strategies/src', mutables: 'packages/mutables/src' };

const args = process.argv.slice(2);
const scoresOnly = args.includes('--scores');
const named = args.filter((arg) => !arg.startsWith('--'));
const unknown = named.filter((name) => !(name in targets));
if (unknown.length > 0) {
  console.error(`mutation: unknown target ${unknown.join(', ')}; the targets are ${Object.keys(targets).join(', ')}`);
  process.exit(2);
}
const chosen = named.length > 0 ? named : Object.keys(targets);

/** Counts a Stryker JSON report's mutants by status; the score leaves out compile errors and ignored ones. */
function scoreOf(reportFile) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Other: 0 };
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) {
      if (mutant.status in count) count[mutant.status] += 1;
      else count.Other += 1;
    }
  }
  const detected = count.Killed + count.Timeout;
  const valid = detected + count.Survived + count.NoCoverage;
  const percent = (part, whole) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(2)} %`);
  return { ...count, mutants: valid, score: percent(detected, valid), covered: percent(detected, detected + count.Survived) };
}

const failed = [];
if (!scoresOnly) {
  for (const target of chosen) {
    console.log(`\nmutation: ${target} (${targets[target]})`);
    const started = Date.now();
    const result = spawnSync(process.execPath, [join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', `stryker/${target}.config.mjs`], { cwd: root, stdio: 'inherit' });
    console.log(`mutation: ${target} took ${Math.round((Date.now() - started) / 1000)} s`);
    if (result.status !== 0) failed.push(target);
  }
}

const rows = chosen
  .filter((target) => existsSync(join(root, `stryker/incremental/${target}.json`)))
  .map((target) => ({ target, ...scoreOf(join(root, `stryker/incremental/${target}.json`)) }));
console.log('\nmutation scores (killed and timed out / all valid mutants; "covered": of the mutants some test reaches)');
console.table(Object.fromEntries(rows.map(({ target, mutants, Killed, Timeout, Survived, NoCoverage, score, covered }) => [target, { mutants, killed: Killed, timeout: Timeout, survived: Survived, 'no coverage': NoCoverage, score, covered }])));
if (failed.length > 0) {
  console.error(`mutation: Stryker failed for ${failed.join(', ')}`);
  process.exit(1);
}
