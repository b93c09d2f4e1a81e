/**
 * Stack traces of rewritten code point at the user's lines: every line keeps its number, and the
 * embedded source map gives the user's file and column even on a line an annotation rewrote.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotateTree } from './annotate-tree.js';
import { writeTree } from './test-support/annotated-tree.js';
import { runFile } from './test-support/run-file.js';

describe('rewritten code', () => {
  it('throws at the user line and column, in the user file', () => {
    const root = mkdtempSync(join(tmpdir(), 'archspace-annotation-lines-'));
    const code = [
      '/** @archspace.variable(choice(1, 2),',
      '    name = width) */',
      'const width = 1; if (width > 0) throw new Error("boom");',
      '',
    ].join('\n');
    writeTree(join(root, 'code'), { 'trial.cjs': code, 'python.py': '"""@nni.get_next_parameter()"""\n\n\nraise ValueError("boom")\n' });
    annotateTree(join(root, 'code'), join(root, 'out'));
    const js = runFile(join(root, 'out'), 'trial.cjs');
    expect(js.status).not.toBe(0);
    // `node --enable-source-maps` reads the embedded map: the user's file, line 3, the column of `new Error` there.
    expect(js.stderr).toContain(`${join(root, 'code', 'trial.cjs')}:3:39`);
    const python = runFile(join(root, 'out'), 'python.py');
    expect(python.stderr).toMatch(/python\.py", line 4/);
  });
});
