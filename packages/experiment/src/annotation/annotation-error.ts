/**
 * The error the annotation precompiler throws: where the problem is (file, line, column) and what
 * was expected there, in a message of the form `trial.ts:12:5: <what>; expected <rule>`.
 */
import { ArchspaceError } from '@archspace/ir';

/** Where an annotation (or a problem with one) is: a file, a 1-based line and a 1-based column. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** What went wrong with an annotation, and where. */
export interface AnnotationErrorDetails {
  /** A stable identifier such as `"annotation-name-mismatch"`. */
  readonly code: string;
  readonly at: SourcePosition;
  /** What is wrong, as a sentence fragment. */
  readonly problem: string;
  /** What would have been accepted. */
  readonly expected?: string;
}

/** `file:line:column`, the form editors and terminals turn into links. */
export function formatPosition(at: SourcePosition): string {
  return `${at.file}:${at.line}:${at.column}`;
}

/** A malformed or misplaced annotation, or a file the precompiler cannot parse. */
export class AnnotationError extends ArchspaceError {
  /** Where the problem is. */
  readonly at: SourcePosition;

  constructor(details: AnnotationErrorDetails) {
    super({
      code: details.code,
      ...(details.expected !== undefined ? { expected: details.expected } : {}),
      message: `${formatPosition(details.at)}: ${details.problem}${details.expected !== undefined ? `; expected ${details.expected}` : ''}`,
    });
    this.at = details.at;
  }
}
