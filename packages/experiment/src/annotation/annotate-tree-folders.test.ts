/**
 * Which folders the precompiler accepts and what it copies: an output folder inside the code is
 * left out of the copy, `node_modules` is linked, and it refuses an output folder that holds the
 * code, one that is not empty, or a code folder that already has a search_space.json.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArchspaceError } from '@archspace/ir';
import { describe, expect, it } from 'vitest';
import { annotateTree } from './annotate-tree.js';
import { writeTree } from './test-support/annotated-tree.js';

const TRIAL = { 'trial.mjs': '/** @archspace.variable(choice(1, 2), name = a) */\nconst a = 1;\n', 'node_modules/pkg/index.js': 'module.exports = 1;\n' };

function codeFolder(): string {
  const code = join(mkdtempSync(join(tmpdir(), 'archspace-annotate-folders-')), 'code');
  writeTree(code, TRIAL);
  return code;
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ArchspaceError);
    return (error as ArchspaceError).code;
  }
  throw new Error('no error');
}

describe('annotateTree folders', () => {
  it('leaves an output folder inside the code out of the copy, and links node_modules', () => {
    const code = codeFolder();
    const out = join(code, 'experiments', 'e1', 'annotated-code');
    const result = annotateTree(code, out);
    expect(result.annotatedFiles).toEqual(['trial.mjs']);
    expect(existsSync(join(out, 'experiments'))).toBe(false);
    expect(lstatSync(join(out, 'node_modules')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(out, 'node_modules'))).toBe(join(code, 'node_modules'));
  });

  it('refuses an output folder that holds the code, or is not empty', () => {
    const code = codeFolder();
    expect(codeOf(() => annotateTree(code, join(code, '..')))).toBe('invalid-output-folder');
    const full = join(code, '..', 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'x'), '');
    expect(codeOf(() => annotateTree(code, full))).toBe('output-folder-not-empty');
  });

  it('refuses a code folder that already has a search_space.json, and a missing one', () => {
    const code = codeFolder();
    writeFileSync(join(code, 'search_space.json'), '{}');
    expect(codeOf(() => annotateTree(code, join(code, '..', 'out')))).toBe('search-space-file-exists');
    expect(codeOf(() => annotateTree(join(code, 'missing'), join(code, '..', 'out2')))).toBe('no-code-directory');
  });
});
