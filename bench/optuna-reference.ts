/**
 * Optuna's TPE, measured in the same run as archspace's (`tpe.bench.ts`): `optuna_tpe_proposal.py`
 * in fresh Python processes, one figure each. The interpreter is `ARCHSPACE_OPTUNA_PYTHON`, else a
 * `python3` that imports Optuna, else a virtual environment the bench makes once in
 * `bench/.venv-optuna` with pip (from the wheel folder `ARCHSPACE_PIP_FIND_LINKS`, default
 * `/opt/pypi/files` where it exists, since this machine kind reaches no package index for Python).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const SCRIPT = join(here, 'optuna_tpe_proposal.py');
const VENV = join(here, '.venv-optuna');
const RESULT_PREFIX = 'OPTUNA_TPE_MS ';

/** What the reference measured, or why it could not be measured. */
export type OptunaReference = { readonly version: string; readonly valuesMs: readonly number[] } | { readonly skipped: string };

const importsOptuna = (python: string): boolean => spawnSync(python, ['-c', 'import optuna'], { timeout: 120_000 }).status === 0;

/** An interpreter that imports Optuna, making the bench's own environment when needed; or why there is none. */
export function optunaPython(): string | { readonly skipped: string } {
  const named = process.env['ARCHSPACE_OPTUNA_PYTHON'];
  if (named !== undefined && named !== '') return importsOptuna(named) ? named : { skipped: `ARCHSPACE_OPTUNA_PYTHON=${named} does not import optuna` };
  if (importsOptuna('python3')) return 'python3';
  const venvPython = join(VENV, 'bin', 'python');
  if (existsSync(venvPython) && importsOptuna(venvPython)) return venvPython;
  const made = spawnSync('python3', ['-m', 'venv', VENV], { encoding: 'utf8', timeout: 120_000 });
  if (made.status !== 0) return { skipped: `python3 -m venv failed: ${(made.stderr ?? made.error?.message ?? '').trim()}` };
  const wheels = process.env['ARCHSPACE_PIP_FIND_LINKS'] ?? (existsSync('/opt/pypi/files') ? '/opt/pypi/files' : undefined);
  const pipArgs = ['-m', 'pip', 'install', '--quiet', ...(wheels !== undefined ? ['--no-index', '--find-links', wheels] : []), 'optuna'];
  const installed = spawnSync(venvPython, pipArgs, { encoding: 'utf8', timeout: 600_000 });
  if (installed.status !== 0 || !importsOptuna(venvPython)) return { skipped: `pip could not install optuna: ${(installed.stderr ?? '').trim().split('\n').at(-1) ?? ''}` };
  return venvPython;
}

/**
 * Optuna's TPE proposal in `runs` fresh processes (seeds 0, 1, …), in milliseconds: at 300 trials, or
 * with `multi` at 200 trials of two objectives.
 */
export function measureOptunaReference(runs: number, multi = false): OptunaReference {
  const python = optunaPython();
  if (typeof python !== 'string') return python;
  const valuesMs: number[] = [];
  let version = '';
  for (let seed = 0; seed < runs; seed++) {
    const run = spawnSync(python, [SCRIPT, String(seed), ...(multi ? ['multi'] : [])], { encoding: 'utf8', timeout: 600_000 });
    const line = (run.stdout ?? '').split('\n').find((l) => l.startsWith(RESULT_PREFIX));
    if (run.status !== 0 || line === undefined) return { skipped: `the Optuna script failed: ${(run.stderr ?? '').trim().split('\n').at(-1) ?? ''}` };
    const [ms, v] = line.slice(RESULT_PREFIX.length).split(' ');
    valuesMs.push(Number(ms));
    version = v ?? '';
  }
  return { version, valuesMs };
}
