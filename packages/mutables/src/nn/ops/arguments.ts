/**
 * Arguments of the op catalogue. Sizes may be value choices or expressions until the space is
 * frozen; arguments that decide which layers exist (a stride that switches between two designs,
 * whether input and output widths differ) must be known when the module is built.
 */
import { SearchSpaceError } from '@archspace/ir';
import { SymbolicMutable } from '../../expression.js';
import { isMutable, type Mutable, sameMember } from '../../mutable.js';

/** A number, or a value choice / expression that decides it when the space is frozen. */
export type NumberOrChoice = number | Mutable;

function show(value: unknown): string {
  return isMutable(value) ? String(value) : JSON.stringify(value);
}

/**
 * Whether two widths differ. Equal numbers and the same choice are equal; two different numbers
 * differ; anything else cannot be decided while building, so it throws naming `where`.
 */
export function widthsDiffer(where: string, a: NumberOrChoice, b: NumberOrChoice): boolean {
  if (sameMember(a, b)) return false;
  if (typeof a === 'number' && typeof b === 'number') return true;
  throw new SearchSpaceError({
    code: 'structural-choice',
    path: [where],
    message:
      `${where} builds different layers depending on whether its input width (${show(a)}) equals its output width (${show(b)}); ` +
      'pass fixed numbers or the same value choice for both',
  });
}

/** A structural integer argument: a plain number among `allowed`, else a clear error naming `where`. */
export function fixedInteger(where: string, what: string, value: NumberOrChoice, allowed: readonly number[]): number {
  if (typeof value === 'number' && allowed.includes(value)) return value;
  throw new SearchSpaceError({
    code: isMutable(value) ? 'structural-choice' : 'invalid-parameter',
    path: [where],
    expected: `${what} to be a fixed number among ${allowed.join(', ')} (it decides which layers ${where} builds)`,
    received: isMutable(value) ? String(value) : value,
  });
}

/** `⌊c / 2⌋` and `c − ⌊c / 2⌋`, lazily when `c` is a choice. */
export function splitInHalves(where: string, c: NumberOrChoice): [NumberOrChoice, NumberOrChoice] {
  if (typeof c === 'number') {
    const half = Math.floor(c / 2);
    return [half, c - half];
  }
  if (c instanceof SymbolicMutable) {
    const half = c.floorDiv(2);
    return [half, c.sub(half)];
  }
  throw new SearchSpaceError({ code: 'invalid-parameter', path: [where], expected: 'a number or a value choice for the output width', received: String(c) });
}
