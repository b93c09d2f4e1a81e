/**
 * `archspace annotate <dir> --out <dir>`: writes the rewritten tree and search_space.json, and
 * refuses a bad annotation with its file:line:column and exit code 1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeTree } from './test-support/annotated-tree.js';

const CLI = fileURLToPath(new URL('../../bin/archspace.mjs', import.meta.url));

function annotate(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'archspace-annotate-command-'));
  writeTree(join(root, 'code'), files);
  const run = spawnSync(process.execPath, [CLI, 'annotate', join(root, 'code'), '--out', join(root, 'out')], { encoding: 'utf8', timeout: 60_000 });
  return { ...run, out: join(root, 'out') };
}

describe('archspace annotate', () => {
  it('writes the rewritten tree and its search space', () => {
    const run = annotate({ 'trial.mjs': '/** @archspace.variable(choice(1, 2), name = a) */\nconst a = 1;\nconsole.log(a);\n', 'notes.md': '# notes\n' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('1 annotated files rewritten, 1 copied; 1 parameters in');
    expect(JSON.parse(readFileSync(join(run.out, 'search_space.json'), 'utf8'))).toEqual({ 'trial/a/choice': { _type: 'choice', _value: [1, 2] } });
    expect(readFileSync(join(run.out, 'notes.md'), 'utf8')).toBe('# notes\n');
  });

  it('names the place of a bad annotation and exits with 1, writing nothing', () => {
    const run = annotate({ 'trial.mjs': 'let b = 0;\n/** @archspace.variable(choice(1, 2), name = a) */\nb = 1;\n' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('archspace: trial.mjs:2:1: @archspace.variable names "a" but the next statement (3:1) assigns "b"');
    expect(existsSync(run.out)).toBe(false);
  });
});
