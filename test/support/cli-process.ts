/** The `archspace` command as a child process, for end-to-end tests: its output kept, its end awaited. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `archspace` command's entry point. */
export const CLI = fileURLToPath(new URL('../../packages/experiment/bin/archspace.mjs', import.meta.url));

/** A running `archspace` process with everything it printed so far (stdout and stderr together). */
export type CliProcess = ChildProcess & { output: () => string };

/** Starts `archspace ...args` in `cwd`. */
export function startCli(args: readonly string[], cwd: string): CliProcess {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (chunk) => (text += chunk));
  child.stderr!.on('data', (chunk) => (text += chunk));
  return Object.assign(child, { output: () => text });
}

/** Resolves once `condition()` holds; throws naming `what` after `ms`. */
export async function waitFor(condition: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Resolves with the exit code once `child` has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}
