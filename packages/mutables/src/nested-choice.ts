/**
 * A choice between sub-spaces: only the chosen option's decisions are active. This is the
 * search-space JSON's nested `choice` (options with `_name`) and the value-level twin of LayerChoice.
 */
import { SearchSpaceError } from '@archspace/ir';
import type { Decision, Domain, SpaceNode } from './decision.js';
import type { LabelLike } from './label.js';
import { isMutable, sameMember, type ValueOf } from './mutable.js';
import { describeItem } from './mutable-dict.js';
import { pyRepr, pyReprList } from './repr.js';
import type { Rng } from './rng.js';
import { SymbolicDecision } from './symbolic-decision.js';
import { checkWeights, isUniform } from './weights.js';

/** Options of {@link NestedChoice}. */
export interface NestedChoiceOptions {
  /** The sample key; automatic when omitted. */
  readonly label?: LabelLike;
  /** Probability of each option, summing to 1; uniform when omitted. */
  readonly weights?: readonly number[];
}

/**
 * Chooses one named option; an option may itself be a space, whose decisions are then active only
 * when it is chosen. The sample value is the option's name; the frozen value is the frozen option.
 *
 * @example
 * ```ts
 * const optimizer = new NestedChoice({
 *   sgd: new MutableDict({ name: 'sgd', momentum: new Numerical({ low: 0, high: 0.99, label: 'momentum' }) }),
 *   adam: new MutableDict({ name: 'adam' }),
 * }, { label: 'optimizer' });
 * optimizer.freeze({ optimizer: 'adam' }); // { name: 'adam' }
 * ```
 */
export class NestedChoice extends SymbolicDecision<unknown> {
  /** The option names, in order. */
  readonly names: readonly string[];
  /** The options, in the order of `names`. */
  readonly options: readonly unknown[];
  /** The probability of each option, or `undefined` for uniform. */
  readonly weights: readonly number[] | undefined;
  readonly domain: Domain;
  readonly #active: ReadonlyMap<string, readonly SpaceNode[]>;
  readonly #all: readonly SpaceNode[];

  constructor(options: Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>, settings: NestedChoiceOptions = {}) {
    super(settings.label);
    const entries = options instanceof Map ? [...options.entries()] : Object.entries(options);
    if (entries.length === 0) {
      throw new SearchSpaceError({ code: 'empty-choice', path: [this.label], expected: 'at least one option', received: options });
    }
    this.names = Object.freeze(entries.map(([name]) => name));
    this.options = Object.freeze(entries.map(([, option]) => option));
    this.weights = checkWeights(settings.weights, entries.length, this.label);
    this.domain = this.weights
      ? { kind: 'categorical', values: this.names, weights: this.weights }
      : { kind: 'categorical', values: this.names };
    this.#active = new Map(entries.map(([name, option]) => [name, Object.freeze(isMutable(option) ? [option] : [])]));
    this.#all = Object.freeze(this.options.filter(isMutable));
  }

  /** The option called `name`. */
  option(name: string): unknown {
    const i = this.names.indexOf(name);
    return i === -1 ? undefined : this.options[i];
  }

  /** @inheritdoc */
  get valueCount(): number {
    return this.names.length;
  }

  /** @inheritdoc */
  problemWith(value: unknown): string | undefined {
    return typeof value === 'string' && this.#active.has(value) ? undefined : `one of the options ${pyReprList(this.names)}`;
  }

  /** @inheritdoc */
  drawValue(rng: Rng): string {
    const i = this.weights ? rng.weightedIndex(this.weights) : rng.int(this.names.length);
    return this.names[i]!;
  }

  /** @inheritdoc */
  defaultValue(): string {
    return this.names[0]!;
  }

  /** @inheritdoc Every option name (by decreasing weight when weights differ). */
  gridValues(): readonly string[] {
    if (isUniform(this.weights)) return this.names;
    const w = this.weights!;
    return this.names
      .map((name, i) => ({ name, i }))
      .sort((a, b) => w[b.i]! - w[a.i]! || a.i - b.i)
      .map((e) => e.name);
  }

  /** @inheritdoc The chosen option's decisions. */
  activeChildren(value: unknown): readonly SpaceNode[] {
    return this.#active.get(value as string) ?? [];
  }

  /** @inheritdoc */
  conditionalChildren(): readonly SpaceNode[] {
    return this.#all;
  }

  /** @inheritdoc The frozen chosen option. */
  override materialize(valueOf: ValueOf): unknown {
    const option = this.option(valueOf(this) as string);
    return isMutable(option) ? option.materialize(valueOf) : option;
  }

  /** @inheritdoc The same options too, not only the same names. */
  override sameDecision(other: Decision): boolean {
    return this.equals(other);
  }

  /** @inheritdoc */
  equals(other: unknown): boolean {
    return (
      other instanceof NestedChoice &&
      other.label === this.label &&
      other.names.length === this.names.length &&
      other.names.every((name, i) => name === this.names[i] && sameMember(this.options[i], other.options[i])) &&
      JSON.stringify(other.weights) === JSON.stringify(this.weights)
    );
  }

  /** @inheritdoc */
  describe(): string {
    const options = this.names.map((name, i) => `${pyRepr(name)}: ${describeItem(this.options[i])}`).join(', ');
    return `NestedChoice({${options}}, label=${pyRepr(this.label)})`;
  }
}
