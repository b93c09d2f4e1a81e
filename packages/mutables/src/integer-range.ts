/**
 * The integers of a half-open range as a read-only array that costs nothing to make: entries are
 * computed when read, so a grid walk over `[0, 2^40)` starts at once instead of allocating.
 */

/** Ranges of at most this many integers are plain frozen arrays (faster to read). */
const LISTED_RANGE_LENGTH = 2 ** 16;

const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

function readOnly(): never {
  throw new TypeError('an integer range is read-only');
}

/**
 * The integers `low, low + 1, …, high − 1`. Short ranges are frozen arrays; longer ones are views
 * that array methods, `for…of` and indexing read like arrays.
 *
 * @example
 * ```ts
 * const all = integerRange(0, 2 ** 40);
 * all.length;      // 1099511627776
 * all[5];          // 5
 * for (const i of all) if (i > 2) break; // reads 0, 1, 2, 3
 * ```
 */
export function integerRange(low: number, high: number): readonly number[] {
  const length = Math.max(high - low, 0);
  if (length <= LISTED_RANGE_LENGTH) return Object.freeze(Array.from({ length }, (_, i) => low + i));
  const indexOf = (key: string | symbol): number | undefined => {
    if (typeof key !== 'string' || !ARRAY_INDEX.test(key)) return undefined;
    const index = Number(key);
    return index < length ? index : undefined;
  };
  return new Proxy<number[]>([], {
    get(target, key, receiver) {
      if (key === 'length') return length;
      const index = indexOf(key);
      return index === undefined ? Reflect.get(target, key, receiver) : low + index;
    },
    has(target, key) {
      return key === 'length' || indexOf(key) !== undefined || Reflect.has(target, key);
    },
    set: readOnly,
    defineProperty: readOnly,
    deleteProperty: readOnly,
  });
}
