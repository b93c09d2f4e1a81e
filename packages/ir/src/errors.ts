/**
 * The error vocabulary shared by every archspace package. Each error carries a machine-readable
 * `code`, the `path` to the offending value, what was `expected` and what was `received`; its
 * message is built from them so that it reads as a sentence a person can act on.
 *
 * @example
 * ```ts
 * try { space.validate({ lr: -1 }); } catch (e) {
 *   if (e instanceof SampleValidationError) console.log(e.code, e.path, e.expected, e.received);
 * }
 * ```
 */

/** What an archspace error knows about the problem. */
export interface ErrorDetails {
  /** A stable, machine-readable identifier such as `"value-not-allowed"`. */
  readonly code: string;
  /** Where the problem is: label segments, JSON keys or indices, outermost first. */
  readonly path?: readonly (string | number)[];
  /** What would have been accepted, in words. */
  readonly expected?: string;
  /** The value that was found instead. */
  readonly received?: unknown;
  /** A sentence that replaces the generated one when the details alone do not say enough. */
  readonly message?: string;
}

/** Renders a value for an error message: short, unambiguous and never throwing. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    // A message quotes the start of a long string and says how long it is, never all of it.
    return value.length > 200 ? `${JSON.stringify(value.slice(0, 160))}... (${value.length} characters)` : JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return String(value);
    return text.length > 200 ? `${text.slice(0, 197)}...` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Joins a path into the form users see: `a/b[2].c`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `/${segment}`;
  }
  return out;
}

function composeMessage(details: ErrorDetails): string {
  const where = details.path && details.path.length > 0 ? ` at "${formatPath(details.path)}"` : '';
  if (details.message !== undefined) return where ? `${details.message} (${where.trim()})` : details.message;
  const expected = details.expected !== undefined ? `expected ${details.expected}` : 'invalid value';
  const received = 'received' in details ? `, received ${describeValue(details.received)}` : '';
  return `${details.code}${where}: ${expected}${received}`;
}

/** Base class of every error archspace throws on purpose. */
export class ArchspaceError extends Error {
  /** Stable machine-readable identifier of the problem. */
  readonly code: string;
  /** Path to the offending value, outermost first. */
  readonly path: readonly (string | number)[];
  /** What would have been accepted. */
  readonly expected: string | undefined;
  /** What was found. */
  readonly received: unknown;
  /** The details this error was built from. */
  readonly details: ErrorDetails;

  constructor(details: ErrorDetails) {
    super(composeMessage(details));
    this.details = details;
    this.name = new.target.name;
    this.code = details.code;
    this.path = details.path ?? [];
    this.expected = details.expected;
    this.received = details.received;
  }

  /** Returns a copy of this error whose path starts with `segments`, keeping its class and details. */
  withPathPrefix(...segments: (string | number)[]): this {
    const Ctor = this.constructor as new (d: ErrorDetails) => this;
    return new Ctor({ ...this.details, path: [...segments, ...this.path] });
  }
}

/** A sample does not belong to the space: a value is not allowed, has the wrong type or shape. */
export class SampleValidationError extends ArchspaceError {}

/** A sample lacks a label that the space needs. */
export class SampleMissingError extends SampleValidationError {}

/** A sample satisfies every choice but breaks a constraint of the space. */
export class ConstraintViolation extends SampleValidationError {}

/**
 * One label names two different decisions (for example the same label with different candidates),
 * or a strategy proposed a sample it had already proposed.
 */
export class DuplicationError extends SampleValidationError {}

/** A mutator refuses to apply a sample to a model (for example it would create a cycle). */
export class InvalidMutation extends SampleValidationError {}

/** A search space, model space or search-space document is malformed. */
export class SearchSpaceError extends ArchspaceError {}

/**
 * A model's graph breaks an invariant of the IR: a reference does not resolve, a slot is fed twice,
 * a node name is used twice, the graph has a cycle. `Model.lint()` throws it.
 */
export class GraphError extends ArchspaceError {}

/** A JSON IR document (the format of `dumpModel`) is malformed; `path` names the offending key. */
export class IrFormatError extends ArchspaceError {}

/**
 * A model's lifecycle forbids the request: an illegal status transition, or a change to a model that
 * is no longer mutating (fork it first).
 */
export class ModelStatusError extends ArchspaceError {}
