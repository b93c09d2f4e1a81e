/**
 * The draft `Operation.update` hands a recipe when an operation's parameters and attributes hold
 * only scalars. Internal to the IR.
 */
import type { JsonObject } from './json-value.js';

/**
 * Each side (parameters, attributes) is copied when the recipe first reads it, into an object with
 * no prototype, so that a key such as `__proto__` is written as data. A scalar cannot be changed in
 * place, so such copies are a complete draft; a side the recipe never reads is unchanged and costs
 * nothing (most recipes edit one parameter). A recipe may also assign a whole new side.
 */
export class FlatDraft {
  readonly #originalParameters: JsonObject;
  readonly #originalAttributes: JsonObject;
  #parameters: unknown;
  #attributes: unknown;

  constructor(parameters: JsonObject, attributes: JsonObject) {
    this.#originalParameters = parameters;
    this.#originalAttributes = attributes;
  }

  /** The parameters being edited. */
  get parameters(): unknown {
    return (this.#parameters ??= nullPrototypeCopy(this.#originalParameters));
  }

  set parameters(value: unknown) {
    this.#parameters = value;
  }

  /** The attributes being edited. */
  get attributes(): unknown {
    return (this.#attributes ??= nullPrototypeCopy(this.#originalAttributes));
  }

  set attributes(value: unknown) {
    this.#attributes = value;
  }

  /** What the recipe left of the parameters: the original when it did not change them. */
  resultParameters(): unknown {
    return sideResult(this.#parameters, this.#originalParameters);
  }

  /** What the recipe left of the attributes: the original when it did not change them. */
  resultAttributes(): unknown {
    return sideResult(this.#attributes, this.#originalAttributes);
  }
}

/**
 * A copy of `value` with no prototype. Spread defines each own key (a `__proto__` key too, as data)
 * and keeps V8's fast layout, which `Object.create(null)` would turn into a hash table.
 */
function nullPrototypeCopy(value: JsonObject): JsonObject {
  return Object.setPrototypeOf({ ...value }, null) as JsonObject;
}

/** The original when the draft of a side was never made or holds exactly its entries, else the draft. */
function sideResult(draft: unknown, original: JsonObject): unknown {
  return draft === undefined || sameEntries(draft, original) ? original : draft;
}

/**
 * Whether `draft` (what a recipe left of a plain copy) still holds exactly the entries of `original`:
 * the same own keys with the same values.
 */
function sameEntries(draft: unknown, original: JsonObject): boolean {
  if (typeof draft !== 'object' || draft === null || Array.isArray(draft)) return false;
  const record = draft as { readonly [key: string]: unknown };
  let count = 0;
  for (const key in record) {
    if (!Object.hasOwn(record, key) || !Object.hasOwn(original, key) || !Object.is(record[key], original[key])) return false;
    count++;
  }
  return count === Object.keys(original).length;
}
