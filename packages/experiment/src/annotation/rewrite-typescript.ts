/**
 * Rewrites a TypeScript or JavaScript file's annotations into calls of archspace's annotation
 * runtime (`annotation-runtime.ts`), keeping every line in place, and embeds a source map. The
 * runtime is imported once, after the shebang and directive prologue: with `import` in an ES module,
 * with `require` in a CommonJS file.
 */
import { annotationEdits, type CallSyntax } from './annotation-edits.js';
import type { AnnotationUse } from './plan-annotations.js';
import { inlineSourceMapComment, sourceMapOf } from './source-map.js';
import { applyEdits, lineBreaks, type TextEdit } from './text-edits.js';

/** The name the rewritten code calls the runtime by. */
export const TS_RUNTIME_NAME = '__archspace';

/** How to rewrite one TypeScript or JavaScript file. */
export interface TypeScriptRewriteOptions {
  /** The module specifier of the runtime, as the rewritten file imports it. */
  readonly runtime: string;
  /** Whether the file is an ES module (`import`) or CommonJS (`require`). */
  readonly esm: boolean;
  /** Where the import goes. */
  readonly importOffset: number;
  /** The user's file as the rewritten file's source map names it, and the rewritten file's name. */
  readonly sourceMap?: { readonly source: string; readonly file: string };
}

const TYPESCRIPT_CALLS: CallSyntax = {
  call: (name, args) => `${TS_RUNTIME_NAME}.${name}(${args.join(', ')})`,
  literal: (value) => JSON.stringify(value),
  thunk: (source) => `() => (${source})`,
  statement: (call, replaced) => `${call};${'\n'.repeat(lineBreaks(replaced))}`,
  names: { functionChoice: 'functionChoice', getNextParameter: 'getNextParameter', reportIntermediateResult: 'reportIntermediateResult', reportFinalResult: 'reportFinalResult' },
};

/** `text` with its annotations `uses` rewritten (see the module's description). */
export function rewriteTypeScript(text: string, uses: readonly AnnotationUse[], options: TypeScriptRewriteOptions): string {
  const runtime = JSON.stringify(options.runtime);
  const importText = options.esm ? `import * as ${TS_RUNTIME_NAME} from ${runtime};` : `const ${TS_RUNTIME_NAME} = require(${runtime});`;
  const edit: TextEdit = { start: options.importOffset, end: options.importOffset, text: options.importOffset > 0 ? ` ${importText}` : `${importText} ` };
  const edits = [edit, ...uses.flatMap((use) => annotationEdits(text, use, TYPESCRIPT_CALLS))];
  const rewritten = applyEdits(text, edits);
  // A file that already points at a source map (compiled code) keeps its own.
  if (options.sourceMap === undefined || text.includes('//# sourceMappingURL=')) return rewritten;
  const map = sourceMapOf(text, edits, options.sourceMap.source, options.sourceMap.file);
  return `${rewritten}${rewritten.endsWith('\n') ? '' : '\n'}${inlineSourceMapComment(map)}\n`;
}
