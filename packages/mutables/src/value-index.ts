/**
 * Finding a value's position in a list of choice values without scanning the list: primitives by
 * one map lookup; other values by a canonical hash that deep-equal values always share, then deep
 * equality only among the values with that hash. Checking that 10,000 object values are all
 * different is thus linear, not quadratic, and gives the same answers as comparing every pair.
 */
import { isDeepStrictEqual } from 'node:util';

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

/** How many parts of one value {@link canonicalHash} visits before it gives up on a structural hash. */
const HASH_PART_BUDGET = 100_000;

/**
 * The hash of every value that refers to itself or has more than {@link HASH_PART_BUDGET} parts. One
 * hash for both: two deep-equal cyclic values may unfold differently far, so one could run out of
 * budget where the other finds its cycle.
 */
const UNHASHABLE = 0;

// One seed per kind of value, so that `1`, `"1"` and `[1]` start apart.
const Seed = {
  Number: 0x1b873593,
  NaN: 0x2c1b3c6d,
  String: 0x297a2d39,
  True: 0x6b43a9b5,
  False: 0x165667b1,
  Undefined: 0x27d4eb2f,
  Null: 0x7feb352d,
  BigInt: 0x4cf5ad43,
  Symbol: 0x68e31da4,
  Function: 0x3c6ef372,
  Array: 0x5bd1e995,
  Record: 0x61c88647,
  Other: 0x32c2b2ae,
} as const;

/** Mixes `word` into the running hash `hash` (a 32-bit multiply–xorshift step). */
function mix(hash: number, word: number): number {
  let h = Math.imul(hash ^ word, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function hashString(seed: number, text: string): number {
  let h = mix(seed, text.length);
  for (let i = 0; i < text.length; i++) h = mix(h, text.charCodeAt(i));
  return h;
}

const FLOAT = new Float64Array(1);
const FLOAT_WORDS = new Int32Array(FLOAT.buffer);

/** The two 32-bit halves of the number's bits: `-0` and `0` differ; every NaN hashes alike. */
function hashNumber(value: number): number {
  if (Number.isNaN(value)) return Seed.NaN;
  FLOAT[0] = value;
  return mix(mix(Seed.Number, FLOAT_WORDS[0]!), FLOAT_WORDS[1]!);
}

/**
 * The hash of a value that is not hashed part by part, or `undefined` for a plain object or an
 * array. Other objects (Maps, Dates, class instances...) have equality rules of their own: one hash
 * for all of them leaves the decision to deep equality.
 */
function hashWhole(value: unknown): number | undefined {
  switch (typeof value) {
    case 'number':
      return hashNumber(value);
    case 'string':
      return hashString(Seed.String, value);
    case 'boolean':
      return value ? Seed.True : Seed.False;
    case 'undefined':
      return Seed.Undefined;
    case 'bigint':
      return hashString(Seed.BigInt, value.toString());
    case 'symbol':
      return hashString(Seed.Symbol, value.description ?? '');
    case 'function':
      return hashString(Seed.Function, value.name);
  }
  if (value === null) return Seed.Null;
  if (Array.isArray(value)) return undefined;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null ? undefined : Seed.Other;
}

/**
 * A plain object or array being hashed: its parts are hashed one after the other (a record's keys
 * in `keys`; an array's when `keys` is undefined) and folded into `hash`. A record sums its
 * entries, so that key order (which deep equality ignores) does not matter.
 */
interface OpenValue {
  readonly value: Readonly<Record<string, unknown>> | readonly unknown[];
  readonly keys: readonly string[] | undefined;
  readonly size: number;
  next: number;
  hash: number;
}

function open(value: Readonly<Record<string, unknown>> | readonly unknown[]): OpenValue {
  if (Array.isArray(value)) return { value, keys: undefined, size: value.length, next: 0, hash: mix(Seed.Array, value.length) };
  const keys = Object.keys(value);
  return { value, keys, size: keys.length, next: 0, hash: 0 };
}

function nextPart(open: OpenValue): unknown {
  return open.keys === undefined ? (open.value as readonly unknown[])[open.next] : (open.value as Readonly<Record<string, unknown>>)[open.keys[open.next]!];
}

function foldPart(open: OpenValue, partHash: number): void {
  open.hash = open.keys === undefined ? mix(open.hash, partHash) : (open.hash + mix(hashString(Seed.String, open.keys[open.next]!), partHash)) | 0;
  open.next++;
}

function close(open: OpenValue): number {
  return open.keys === undefined ? open.hash : mix(mix(Seed.Record, open.size), open.hash);
}

/** How many enclosing values are searched for a cycle; a longer cycle runs out of {@link HASH_PART_BUDGET}. */
const CYCLE_SEARCH_DEPTH = 64;

/** Whether `object` is among the nearest {@link CYCLE_SEARCH_DEPTH} values being hashed around the current one. */
function isOpen(stack: readonly OpenValue[], object: object): boolean {
  const last = Math.max(0, stack.length - CYCLE_SEARCH_DEPTH);
  for (let i = stack.length - 1; i >= last; i--) if (stack[i]!.value === object) return true;
  return false;
}

/**
 * A 32-bit hash that two values share whenever `isDeepStrictEqual` says they are equal (values
 * with one hash may still differ). Plain objects (whatever their key order) and arrays are hashed
 * structurally, at any depth (the walk keeps its own stack); numbers tell `-0` from `0` and every
 * `NaN` hashes alike, as deep equality has it. Values that refer to themselves or are very large
 * all get one hash.
 */
export function canonicalHash(value: unknown): number {
  const stack: OpenValue[] = [];
  let budget = HASH_PART_BUDGET;
  let current = value;
  for (;;) {
    if (--budget < 0) return UNHASHABLE;
    let hash = hashWhole(current);
    if (hash === undefined) {
      const object = current as Readonly<Record<string, unknown>> | readonly unknown[];
      if (isOpen(stack, object)) return UNHASHABLE;
      const opened = open(object);
      if (opened.size > 0) {
        stack.push(opened);
        current = nextPart(opened);
        continue;
      }
      hash = close(opened);
    }
    // `hash` is complete: fold it into the values it is part of, closing those it completes.
    for (;;) {
      const parent = stack[stack.length - 1];
      if (parent === undefined) return hash;
      foldPart(parent, hash);
      if (parent.next < parent.size) {
        current = nextPart(parent);
        break;
      }
      stack.pop();
      hash = close(parent);
    }
  }
}

/**
 * The positions of the values added so far. With `signedZero`, `0` and `-0` are different values
 * (as `isDeepStrictEqual` has it); without, they are one value (as a `Map` key has it). Values
 * other than primitives are equal when `isDeepStrictEqual` says so.
 */
export class ValueIndex {
  readonly #primitives = new Map<unknown, number>();
  /** Positions of the values compared by deep equality (objects, and zeros when their sign counts), by canonical hash. */
  readonly #byHash = new Map<number, number[]>();

  constructor(
    private readonly values: readonly unknown[],
    private readonly signedZero = false,
  ) {}

  private byMap(value: unknown): boolean {
    return isPrimitive(value) && !(this.signedZero && value === 0);
  }

  /**
   * Makes `values[i]` findable unless an equal value already is. Returns the position of that
   * equal value, or -1 when `values[i]` was new (and is now added).
   */
  addUnlessPresent(i: number): number {
    const value = this.values[i];
    if (this.byMap(value)) {
      const existing = this.#primitives.get(value);
      if (existing !== undefined) return existing;
      this.#primitives.set(value, i);
      return -1;
    }
    const hash = canonicalHash(value);
    const bucket = this.#byHash.get(hash);
    if (bucket === undefined) {
      this.#byHash.set(hash, [i]);
      return -1;
    }
    const existing = this.#find(bucket, value);
    if (existing === -1) bucket.push(i);
    return existing;
  }

  /** The position of `value` among the added values, or -1. */
  indexOf(value: unknown): number {
    if (this.byMap(value)) return this.#primitives.get(value) ?? -1;
    const bucket = this.#byHash.get(canonicalHash(value));
    return bucket === undefined ? -1 : this.#find(bucket, value);
  }

  #find(bucket: readonly number[], value: unknown): number {
    for (const i of bucket) if (isDeepStrictEqual(this.values[i], value)) return i;
    return -1;
  }
}
