/**
 * Checks each annotation of a file against the statement that follows it and gives it its
 * search-space key, `<module path>/<name>/<function>` as in the reference; an unnamed function
 * choice is named `__line<N>` after its line.
 */
import type { ParameterSpec } from '@archspace/mutables';
import { AnnotationError, type SourcePosition } from './annotation-error.js';
import type { AnnotationExpr, Dialect, FoundAnnotation, NextStatement, TextRange } from './annotation-syntax.js';
import { readAnnotation } from './read-annotation.js';

/** One annotation, checked, with what the rewriter replaces. */
export type AnnotationUse =
  | {
      readonly kind: 'variable';
      readonly at: SourcePosition;
      readonly key: string;
      readonly name: string;
      readonly spec: ParameterSpec;
      /** For `choice`: the options as written. */
      readonly options: readonly AnnotationExpr[];
      /** The assigned value's range, which the rewriter replaces. */
      readonly value: TextRange;
    }
  | {
      readonly kind: 'functionChoice';
      readonly at: SourcePosition;
      readonly key: string;
      readonly name: string;
      readonly spec: ParameterSpec;
      readonly alternatives: readonly AnnotationExpr[];
      readonly calls: NextStatement['calls'];
    }
  | { readonly kind: 'reportIntermediateResult' | 'reportFinalResult'; readonly at: SourcePosition; readonly range: TextRange; readonly argument: AnnotationExpr }
  | { readonly kind: 'getNextParameter'; readonly at: SourcePosition; readonly range: TextRange };

/** `models/net.ts` → `models.net`: the reference's dotted module path of a file, relative to the tree's root. */
export function modulePathOf(relativeFile: string): string {
  const parts = relativeFile.split(/[\\/]/);
  const last = parts.pop()!;
  const dot = last.lastIndexOf('.');
  parts.push(dot > 0 ? last.slice(0, dot) : last);
  return parts.join('.');
}

/** The search-space key of an annotation: `<module path>/<name>/<function>`. */
export function annotationKey(modulePath: string, name: string, fn: string): string {
  return `${modulePath}/${name}/${fn}`;
}

function nextProblem(next: NextStatement | undefined): string {
  if (next === undefined) return 'no statement follows it in its block';
  if (next.kind === 'annotation') return `it is followed by another annotation (${next.at.line}:${next.at.column})`;
  return '';
}

/**
 * Checks the annotations of one file and names their keys. Throws {@link AnnotationError}: a
 * variable without an assignment to its name right after it, a function choice whose statement
 * calls none of its alternatives, two unnamed annotations on one line.
 */
export function planAnnotations(found: readonly FoundAnnotation[], dialect: Dialect, modulePath: string): AnnotationUse[] {
  const uses: AnnotationUse[] = [];
  const unnamedLines = new Map<number, SourcePosition>();
  for (const annotation of found) {
    const read = readAnnotation(annotation, dialect);
    const at = annotation.at;
    const label = `@${dialect.prefix}.${dialect.names[read.kind]}`;
    switch (read.kind) {
      case 'variable': {
        const next = annotation.next;
        const problem = nextProblem(next);
        const expected = `an assignment to ${read.name} as the next statement`;
        if (problem !== '') throw new AnnotationError({ code: 'annotation-no-assignment', at, problem: `${label}(…, name=${read.name}) has no assignment to annotate: ${problem}`, expected });
        if (next!.kind !== 'assignment') {
          throw new AnnotationError({ code: 'annotation-no-assignment', at, problem: `${label}(…, name=${read.name}) is followed by a statement that is not an assignment (${next!.at.line}:${next!.at.column})`, expected });
        }
        if (next!.target !== read.name) {
          throw new AnnotationError({ code: 'annotation-name-mismatch', at, problem: `${label} names "${read.name}" but the next statement (${next!.at.line}:${next!.at.column}) assigns "${next!.target}"`, expected });
        }
        uses.push({ kind: 'variable', at, key: annotationKey(modulePath, read.name, read.distribution), name: read.name, spec: read.spec, options: read.options, value: next!.value! });
        break;
      }
      case 'functionChoice': {
        const next = annotation.next;
        const sources = read.alternatives.map((a) => a.source.trim());
        const expected = `a statement right after it that calls one of ${sources.join(', ')}`;
        const problem = nextProblem(next);
        if (problem !== '') throw new AnnotationError({ code: 'annotation-no-statement', at, problem: `${label} has no statement to annotate: ${problem}`, expected });
        if (next!.calls.length === 0) throw new AnnotationError({ code: 'annotation-no-call', at, problem: `the statement after ${label} (${next!.at.line}:${next!.at.column}) calls none of its alternatives`, expected });
        let name = read.name;
        if (name === undefined) {
          const clash = unnamedLines.get(at.line);
          if (clash !== undefined) {
            throw new AnnotationError({ code: 'annotation-unnamed-clash', at, problem: `two unnamed annotations on line ${at.line} (columns ${clash.column} and ${at.column}) would share the name __line${at.line}`, expected: 'a name for at least one of them' });
          }
          unnamedLines.set(at.line, at);
          name = `__line${at.line}`;
        }
        uses.push({ kind: 'functionChoice', at, key: annotationKey(modulePath, name, dialect.names.functionChoice), name, spec: { _type: 'choice', _value: sources }, alternatives: read.alternatives, calls: next!.calls });
        break;
      }
      case 'reportIntermediateResult':
      case 'reportFinalResult':
        uses.push({ kind: read.kind, at, range: annotation.range, argument: read.argument });
        break;
      case 'getNextParameter':
        uses.push({ kind: 'getNextParameter', at, range: annotation.range });
        break;
    }
  }
  return uses;
}
