/**
 * Finds the annotations of Python files by running a small script that uses Python's own `ast`
 * module (`python/archspace_annotation_scan.py`, shipped with this package) under the system's
 * `python3`: one process for all the files of a tree.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ArchspaceError } from '@archspace/ir';
import { AnnotationError } from './annotation-error.js';
import type { FoundAnnotation, NextStatement, TextRange } from './annotation-syntax.js';

/** Where the one-line prelude of a rewritten Python file goes (see `rewrite-python.ts`). */
export interface PythonPreludeSite {
  /** `before` the first statement (`prelude; statement`), `after` the docstring or future imports, or on a `line` of its own. */
  readonly mode: 'before' | 'after' | 'line';
  readonly offset: number;
}

/** What the rewriter needs to know about a Python file. */
export interface PythonScan {
  readonly annotations: readonly FoundAnnotation[];
  readonly prelude: PythonPreludeSite;
}

/** The scanner script's path. */
export const PYTHON_SCANNER = fileURLToPath(new URL('../../python/archspace_annotation_scan.py', import.meta.url));

const resolved = new Map<string, string>();

/**
 * The Python interpreter the precompiler runs (`ARCHSPACE_PYTHON`, else `python3`), resolved once to
 * its executable: a version manager's shim (pyenv's) costs a second or more per start.
 */
export function pythonCommand(): string {
  const chosen = process.env['ARCHSPACE_PYTHON'];
  const command = chosen === undefined || chosen === '' ? 'python3' : chosen;
  let executable = resolved.get(command);
  if (executable === undefined) {
    const probe = spawnSync(command, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
    const path = probe.status === 0 ? probe.stdout.trim() : '';
    executable = path === '' ? command : path;
    resolved.set(command, executable);
  }
  return executable;
}

interface RawNext {
  readonly line: number;
  readonly column: number;
  readonly kind: NextStatement['kind'];
  readonly target?: string;
  readonly value?: TextRange;
  readonly calls?: NextStatement['calls'];
}

interface RawAnnotation extends Omit<FoundAnnotation, 'at' | 'next'> {
  readonly line: number;
  readonly column: number;
  readonly next: RawNext | null;
}

type RawReport =
  | { readonly file: string; readonly error: { readonly line: number; readonly column: number; readonly message: string } }
  | { readonly file: string; readonly annotations: readonly RawAnnotation[]; readonly prelude: PythonPreludeSite };

/**
 * Scans the Python files `paths` (absolute), naming each in errors by `names[i]`. Throws
 * {@link AnnotationError} for a file with a syntax error, and an `ArchspaceError` when Python
 * cannot be run.
 */
export function scanPython(paths: readonly string[], names: readonly string[]): PythonScan[] {
  if (paths.length === 0) return [];
  const python = pythonCommand();
  const result = spawnSync(python, ['-I', PYTHON_SCANNER], { input: JSON.stringify(paths), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.error !== undefined || result.status !== 0) {
    throw new ArchspaceError({
      code: 'python-unavailable',
      message: `cannot scan the Python files with "${python}" (set ARCHSPACE_PYTHON to another interpreter, Python 3.9 or later): ${result.error?.message ?? result.stderr.trim().split('\n').at(-1) ?? `exit code ${result.status}`}`,
    });
  }
  const reports = JSON.parse(result.stdout) as RawReport[];
  return reports.map((report, i) => {
    const file = names[i]!;
    if ('error' in report) {
      throw new AnnotationError({ code: 'python-syntax-error', at: { file, line: report.error.line, column: report.error.column }, problem: report.error.message });
    }
    return {
      prelude: report.prelude,
      annotations: report.annotations.map(({ line, column, next, ...rest }) => ({
        ...rest,
        at: { file, line, column },
        ...(next !== null ? { next: { kind: next.kind, at: { file, line: next.line, column: next.column }, ...(next.target !== undefined ? { target: next.target } : {}), ...(next.value !== undefined ? { value: next.value } : {}), calls: next.calls ?? [] } } : {}),
      })),
    };
  });
}
