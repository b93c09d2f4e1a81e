/**
 * Every annotation error names file:line:column and what was expected there, for TypeScript,
 * JavaScript and Python alike; and a failed precompile writes nothing.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotateTree } from './annotate-tree.js';
import { AnnotationError } from './annotation-error.js';
import { writeTree } from './test-support/annotated-tree.js';

function errorOf(files: Record<string, string>): AnnotationError {
  const root = mkdtempSync(join(tmpdir(), 'archspace-annotation-error-'));
  writeTree(join(root, 'code'), files);
  try {
    annotateTree(join(root, 'code'), join(root, 'out'));
  } catch (error) {
    expect(existsSync(join(root, 'out'))).toBe(false);
    if (error instanceof AnnotationError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('annotation errors', () => {
  it.each([
    ['an annotation with no statement after it', { 't.ts': 'function f() {\n  /** @archspace.variable(choice(1, 2), name = a) */\n}\n' }, 'annotation-no-assignment', 't.ts:2:3', 'expected an assignment to a'],
    ['an annotation before a statement that assigns nothing', { 't.js': '/** @archspace.variable(choice(1, 2), name = a) */\nconsole.log(1);\n' }, 'annotation-no-assignment', 't.js:1:1', 'not an assignment (2:1)'],
    ['a Python annotation at the end of a block', { 'p.py': 'def f():\n    """@nni.variable(nni.choice(1, 2), name=a)"""\n' }, 'annotation-no-assignment', 'p.py:2:5', 'expected an assignment to a'],
    ['a name mismatch', { 't.ts': 'let b = 0;\n/** @archspace.variable(choice(1, 2), name = a) */\nb = 1;\n' }, 'annotation-name-mismatch', 't.ts:2:1', 'assigns "b"'],
    ['a Python name mismatch', { 'p.py': 'x = 1\n"""@nni.variable(nni.choice(1, 2), name=self.a)"""\nself.b = 1\n' }, 'annotation-name-mismatch', 'p.py:2:1', 'expected an assignment to self.a'],
    [
      'two unnamed annotations on one line',
      { 't.ts': 'const f = (v: number) => v, g = (v: number) => -v;\n/** @archspace.functionChoice(f(1), g(1)) */ const a = f(1); /** @archspace.functionChoice(f(2), g(2)) */ const b = g(2);\n' },
      'annotation-unnamed-clash',
      't.ts:2:62',
      'a name for at least one of them',
    ],
    ['two unnamed Python annotations on one line', { 'p.py': '"""@nni.function_choice(f(1), g(1))"""; a = f(1); """@nni.function_choice(f(2), g(2))"""; b = g(2)\n' }, 'annotation-unnamed-clash', 'p.py:1:51', 'share the name __line1'],
    ['an unknown @archspace. function', { 't.ts': 'let a = 0;\n  /** @archspace.varible(choice(1), name = a) */\na = 1;\n' }, 'annotation-unknown-function', 't.ts:2:3', 'expected one of @archspace.variable, @archspace.functionChoice'],
    ['an unknown @nni. function', { 'p.py': 'x = 1\n"""@nni.report_result(x)"""\n' }, 'annotation-unknown-function', 'p.py:2:1', 'expected one of @nni.variable, @nni.function_choice'],
    ['an unknown distribution', { 'p.py': '"""@nni.variable(nni.gamma(1, 2), name=a)"""\na = 1\n' }, 'annotation-unknown-distribution', 'p.py:1:1', 'nni.choice(...), nni.randint(...)'],
    ['an invalid distribution', { 't.ts': '/** @archspace.variable(uniform(5, 1), name = a) */\nconst a = 1;\n' }, 'annotation-invalid-distribution', 't.ts:1:1', 'low < high'],
    [
      'the same name with two specs',
      { 't.ts': '/** @archspace.variable(choice(1, 2), name = a) */\nlet a = 1;\n/** @archspace.variable(choice(1, 3), name = a) */\na = 2;\n' },
      'annotation-conflicting-specs',
      't.ts:3:1',
      'here but as choice(1, 2) at t.ts:1:1',
    ],
    ['the same name with two distributions', { 'p.py': '"""@nni.variable(nni.choice(1, 2), name=a)"""\na = 1\n"""@nni.variable(nni.uniform(1, 2), name=a)"""\na = 2\n' }, 'annotation-conflicting-specs', 'p.py:3:1', 'as uniform(1, 2) here'],
    ['a Python file with a syntax error', { 'ok.py': 'x = 1\n', 'bad.py': '"""@nni.report_final_result(1)"""\ndef f(:\n    pass\n' }, 'python-syntax-error', 'bad.py:2:7', 'Python syntax error'],
    ['an annotation inside an expression', { 't.ts': 'const a = [1, /** @archspace.reportFinalResult(1) */ 2];\n' }, 'annotation-misplaced', 't.ts:1:15', 'expected an annotation on its own, before a statement'],
    ['an annotation of an annotation', { 't.ts': '/** @archspace.variable(choice(1, 2), name = a) */\n/** @archspace.reportFinalResult(1) */\nconst a = 1;\n' }, 'annotation-no-assignment', 't.ts:1:1', 'followed by another annotation (2:1)'],
    ['a variable without a name', { 't.ts': '/** @archspace.variable(choice(1, 2)) */\nconst a = 1;\n' }, 'annotation-missing-name', 't.ts:1:1', 'expected name = <the assigned variable>'],
    ['a function choice whose statement calls none of its alternatives', { 'p.py': '"""@nni.function_choice(f(x), g(x), name=h)"""\ny = k(x)\n' }, 'annotation-no-call', 'p.py:1:1', 'calls one of f(x), g(x)'],
    ['an annotation that does not parse', { 't.ts': '/** @archspace.reportFinalResult(acc */\n' }, 'annotation-syntax', 't.ts:1:1', 'does not parse'],
  ])('%s', (_what, files, code, place, expected) => {
    const error = errorOf(files);
    expect(error.code).toBe(code);
    expect(error.message.startsWith(`${place}: `)).toBe(true);
    expect(error.message).toContain(expected);
  });
});
