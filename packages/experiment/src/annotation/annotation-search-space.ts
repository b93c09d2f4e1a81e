/**
 * Gathers the keyed annotations of a tree into one search-space document. A name may be annotated
 * in several places of one module only with the same distribution: the same key then names one
 * decision, as labels do everywhere in archspace.
 */
import type { ParameterSpec, SearchSpaceJson } from '@archspace/mutables';
import { AnnotationError, formatPosition, type SourcePosition } from './annotation-error.js';

/** Collects `{key: spec}` in the order annotations are added. */
export class AnnotationSearchSpace {
  readonly #specs = new Map<string, { readonly spec: ParameterSpec; readonly at: SourcePosition; readonly text: string }>();
  readonly #names = new Map<string, { readonly key: string; readonly at: SourcePosition }>();

  /**
   * Adds the annotation at `at` with `key` (`<module>/<name>/<function>`). Throws
   * {@link AnnotationError} when the module's `name` was annotated before with another spec.
   */
  add(key: string, spec: ParameterSpec, at: SourcePosition): void {
    const text = JSON.stringify(spec);
    const name = key.slice(0, key.lastIndexOf('/'));
    const earlier = this.#names.get(name);
    const existing = this.#specs.get(earlier?.key ?? key);
    if (earlier !== undefined && existing !== undefined && (earlier.key !== key || existing.text !== text)) {
      throw new AnnotationError({
        code: 'annotation-conflicting-specs',
        at,
        problem: `"${name.slice(name.lastIndexOf('/') + 1)}" is annotated as ${describe(key, spec)} here but as ${describe(earlier.key, existing.spec)} at ${formatPosition(existing.at)}`,
        expected: 'the same distribution everywhere a name is annotated in one module, or different names',
      });
    }
    if (earlier === undefined) {
      this.#names.set(name, { key, at });
      this.#specs.set(key, { spec, at, text });
    }
  }

  /** The document: a record without a prototype, so that any key is an own key. */
  toJson(): SearchSpaceJson {
    const out = Object.create(null) as Record<string, ParameterSpec>;
    for (const [key, { spec }] of this.#specs) out[key] = spec;
    return out;
  }
}

function describe(key: string, spec: ParameterSpec): string {
  const fn = key.slice(key.lastIndexOf('/') + 1);
  return `${fn}(${spec._value.map((v) => JSON.stringify(v)).join(', ')})`;
}
