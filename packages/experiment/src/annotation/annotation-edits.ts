/**
 * The edits that turn a file's annotations into runtime calls, for any target language: a
 * {@link CallSyntax} says how that language writes a call, a literal, a thunk and a statement.
 */
import type { AnnotationUse } from './plan-annotations.js';
import { sameLinesExpression, type TextEdit } from './text-edits.js';

/** How one language writes the runtime's calls. */
export interface CallSyntax {
  /** A call of the runtime's function `name` (`__archspace.choice(...)`, `_archspace.choice(...)`). */
  call(name: string, args: readonly string[]): string;
  /** A JSON value as a literal of the language. */
  literal(value: unknown): string;
  /** A function of no arguments that evaluates `source`. */
  thunk(source: string): string;
  /** A statement made of `call` that replaces `replaced` (an annotation) and keeps its line count. */
  statement(call: string, replaced: string): string;
  /** The runtime's function names, by annotation kind. */
  readonly names: { readonly functionChoice: string; readonly getNextParameter: string; readonly reportIntermediateResult: string; readonly reportFinalResult: string };
}

/** The edits that rewrite `use`, one of the annotations of `text`. */
export function annotationEdits(text: string, use: AnnotationUse, syntax: CallSyntax): TextEdit[] {
  switch (use.kind) {
    case 'variable': {
      const [start, end] = use.value;
      const key = JSON.stringify(use.key);
      let expression: string;
      if (use.spec._type === 'choice') {
        const values = syntax.literal(use.spec._value);
        const literal = use.options.every((option) => 'value' in option);
        expression = syntax.call('choice', literal ? [key, values] : [key, values, `[${use.options.map((o) => `(${o.source})`).join(', ')}]`]);
      } else expression = syntax.call('sample', [key, JSON.stringify(use.spec._type), syntax.literal(use.spec._value)]);
      return [{ start, end, text: sameLinesExpression(expression, text.slice(start, end)) }];
    }
    case 'functionChoice': {
      const thunks = `[${use.alternatives.map((a) => syntax.thunk(a.source)).join(', ')}]`;
      const expression = syntax.call(syntax.names.functionChoice, [JSON.stringify(use.key), syntax.literal(use.spec._value), thunks]);
      return use.calls.map(({ range: [start, end] }) => ({ start, end, text: sameLinesExpression(expression, text.slice(start, end)) }));
    }
    case 'reportIntermediateResult':
    case 'reportFinalResult':
    case 'getNextParameter': {
      const [start, end] = use.range;
      const args = use.kind === 'getNextParameter' ? [] : [`(${use.argument.source})`];
      return [{ start, end, text: syntax.statement(syntax.call(syntax.names[use.kind], args), text.slice(start, end)) }];
    }
  }
}
