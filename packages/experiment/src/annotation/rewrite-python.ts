/**
 * Rewrites a Python file's annotations into calls of the `_archspace` runtime class, which one
 * prelude line defines (the text of `python/archspace_annotation_runtime.py`, run with `exec`), and
 * which fetches parameters and reports results through the `nni` module. Every line stays where it
 * was: the prelude shares a line with the first statement, or with the docstring or the last
 * `from __future__` import; only a file that starts with a compound statement gets a line of its own.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PythonPreludeSite } from './python-annotations.js';
import { annotationEdits, type CallSyntax } from './annotation-edits.js';
import type { AnnotationUse } from './plan-annotations.js';
import { applyEdits, sameLinesExpression } from './text-edits.js';

/** The runtime's source file. */
export const PYTHON_RUNTIME = fileURLToPath(new URL('../../python/archspace_annotation_runtime.py', import.meta.url));

let runtimeText: string | undefined;

/** The prelude statement: `exec("<runtime source>")`, on one line. */
export function pythonPrelude(): string {
  runtimeText ??= readFileSync(PYTHON_RUNTIME, 'utf8');
  return `exec(${JSON.stringify(runtimeText)})`;
}

/** A JSON value as a Python literal: `true` → `True`, `null` → `None`; strings and numbers read the same in both. */
export function pythonLiteral(value: unknown): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${JSON.stringify(k)}: ${pythonLiteral(v)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value);
}

const PYTHON_CALLS: CallSyntax = {
  call: (name, args) => `_archspace.${name}(${args.join(', ')})`,
  literal: pythonLiteral,
  thunk: (source) => `lambda: (${source})`,
  // An expression statement in parentheses may hold the replaced annotation's line breaks.
  statement: (call, replaced) => sameLinesExpression(call, replaced),
  names: { functionChoice: 'function_choice', getNextParameter: 'get_next_parameter', reportIntermediateResult: 'report_intermediate_result', reportFinalResult: 'report_final_result' },
};

/** `text` with its annotations `uses` rewritten and the runtime's prelude at `prelude`. */
export function rewritePython(text: string, uses: readonly AnnotationUse[], prelude: PythonPreludeSite): string {
  const line = pythonPrelude();
  const preludeText = prelude.mode === 'before' ? `${line}; ` : prelude.mode === 'after' ? `; ${line}` : `${line}\n`;
  return applyEdits(text, [{ start: prelude.offset, end: prelude.offset, text: preludeText }, ...uses.flatMap((use) => annotationEdits(text, use, PYTHON_CALLS))]);
}
