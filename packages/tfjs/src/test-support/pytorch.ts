/**
 * Test support: finds a Python interpreter with PyTorch and runs a script with it. Debian's
 * `python3-torch` (which `npm test` installs when it runs as root) lives under `/usr/bin/python3`,
 * which may not be the `python3` first on the PATH (pyenv, a virtual environment), so both are tried;
 * `ARCHSPACE_PYTHON` names another.
 */
import { spawnSync } from 'node:child_process';

/** An interpreter that imports torch, or why none was found. */
export type TorchPython = { readonly ok: true; readonly python: string; readonly torch: string } | { readonly ok: false; readonly reason: string };

/** The interpreters tried, in order. */
function candidates(): string[] {
  const named = process.env.ARCHSPACE_PYTHON;
  return [...(named ? [named] : []), '/usr/bin/python3', 'python3'];
}

/**
 * The first interpreter of `ARCHSPACE_PYTHON`, `/usr/bin/python3` and `python3` that imports torch,
 * with torch's version; otherwise what each of them said.
 */
export function findTorchPython(): TorchPython {
  const tried: string[] = [];
  for (const python of candidates()) {
    const result = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', timeout: 120_000 });
    if (result.status === 0) return { ok: true, python, torch: result.stdout.trim() };
    const said = result.error ? result.error.message : (result.stderr.trim().split('\n').at(-1) ?? `exit code ${result.status}`);
    tried.push(`${python}: ${said}`);
  }
  return { ok: false, reason: tried.join('; ') };
}

/** Runs `script` with `python` and `args`; throws with its standard error if it fails. */
export function runPython(python: string, script: string, args: readonly string[]): void {
  const result = spawnSync(python, [script, ...args], { encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0) throw new Error(`${python} ${script} failed (${result.error?.message ?? `exit code ${result.status}`}): ${result.stderr}`);
}
