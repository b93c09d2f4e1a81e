/**
 * Labels are the identity of a decision: two mutables with the same label are one decision.
 * Automatic labels come from nested {@link labelScope}s and are deterministic — the same program
 * gives the same labels — which is what lets a trial rebuild a space and find its sample's keys.
 */
import { SearchSpaceError } from '@archspace/ir';

/** A resolved label: a `/`-separated path such as `"model/cell/op_2_0"`. */
export class Label {
  /** @internal Use {@link autoLabel} or {@link Label.absolute}. */
  private constructor(readonly path: string) {}

  /**
   * A label taken exactly as written, ignoring the current scope; any string is allowed, `/` and
   * the empty string included. Used for labels that come from outside the program, such as
   * search-space JSON keys, where every key is a parameter name.
   */
  static absolute(path: string): Label {
    if (typeof path !== 'string') {
      throw new SearchSpaceError({ code: 'invalid-label', expected: 'a string', received: path });
    }
    return new Label(path);
  }

  /** @internal Builds a label from an already validated path. */
  static fromPath(path: string): Label {
    return new Label(path);
  }

  /** The label as it appears in samples. */
  toString(): string {
    return this.path;
  }
}

/** What mutable constructors accept as a label: a short name (scoped) or a resolved {@link Label}. */
export type LabelLike = string | Label;

const scopePaths: string[] = [];
const counters = new Map<string, number>();
const GLOBAL_SCOPE = 'global';

function nextNumber(scope: string): number {
  const n = (counters.get(scope) ?? 0) + 1;
  counters.set(scope, n);
  return n;
}

/** Checks a user-written label name: a non-empty string without `/`. */
export function validateLabelName(name: unknown): string {
  if (typeof name !== 'string') {
    throw new SearchSpaceError({ code: 'invalid-label', expected: 'a label name that is a string', received: name });
  }
  if (name.length === 0) {
    throw new SearchSpaceError({ code: 'invalid-label', expected: 'a non-empty label name', received: name });
  }
  if (name.includes('/')) {
    throw new SearchSpaceError({
      code: 'invalid-label',
      expected: 'a label name without "/" ("/" separates scopes; use labelScope() to nest)',
      received: name,
    });
  }
  return name;
}

/** The path of the innermost active scope, or `undefined` outside every scope. */
export function currentScopePath(): string | undefined {
  return scopePaths[scopePaths.length - 1];
}

/**
 * The path of a new scope: `name` under the parent, or the parent's next number when `name` is
 * omitted. An unnamed scope outside every scope sits under `global`, as automatic labels do there.
 */
function childScopePath(parent: string | undefined, name: string | undefined): string {
  if (name === undefined) {
    const base = parent ?? GLOBAL_SCOPE;
    return `${base}/${nextNumber(base)}`;
  }
  const segment = validateLabelName(name);
  return parent === undefined ? segment : `${parent}/${segment}`;
}

/**
 * Runs `fn` inside a label scope named `name` (or the parent's next number when `name` is omitted;
 * `global/<n>` outside every scope). Labels made inside are prefixed with the scope's path, and
 * automatic numbering restarts at 1. The enclosing scope is back in force when `fn` returns or
 * throws. `fn` must be synchronous: scopes do not follow `await`.
 *
 * @example
 * ```ts
 * const [a, b] = labelScope('block', () => [new Categorical([1, 2]), new Categorical([3, 4], { label: 'width' })]);
 * a.label; // "block/1"
 * b.label; // "block/width"
 * labelScope(undefined, () => new Categorical([1, 2]).label); // "global/1/1" (outside every scope)
 * ```
 */
export function labelScope<T>(name: string | undefined, fn: () => T): T {
  const path = childScopePath(currentScopePath(), name);
  counters.set(path, 0);
  const depth = scopePaths.length;
  scopePaths.push(path);
  try {
    const result = fn();
    if (result instanceof Promise) {
      throw new SearchSpaceError({
        code: 'async-label-scope',
        message: `labelScope("${path}") was given an async function; scopes do not follow await, so build the space synchronously`,
      });
    }
    return result;
  } finally {
    scopePaths.length = depth;
  }
}

/**
 * Resolves a label for a new mutable: a {@link Label} is returned unchanged; a name is prefixed with
 * the current scope; no name gives the scope's next number (`"scope/3"`, or `"global/3"` outside
 * every scope).
 */
export function autoLabel(label?: LabelLike): Label {
  if (label instanceof Label) return label;
  const scope = currentScopePath();
  if (label === undefined) {
    const base = scope ?? GLOBAL_SCOPE;
    return Label.fromPath(`${base}/${nextNumber(base)}`);
  }
  const name = validateLabelName(label);
  return Label.fromPath(scope === undefined ? name : `${scope}/${name}`);
}
