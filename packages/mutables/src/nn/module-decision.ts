/**
 * The common part of modules that are decisions (LayerChoice, InputChoice, NasBench101Cell): a
 * label, where it was made, and no unconditional children — what they contain is active only for
 * some values. (Repeat is a decision only when its depth is chosen, so it implements Decision itself.)
 */
import { DECISION, type Decision, type Domain, NO_CHILDREN, sameDecisionByValue, type SpaceNode } from '../decision.js';
import { autoLabel, type LabelLike } from '../label.js';
import { Origin } from '../origin.js';
import type { Rng } from '../rng.js';
import { Module } from './module.js';

/** Base class of modules that own one key of every sample. */
export abstract class ModuleDecision<V> extends Module implements Decision<V> {
  /** @internal Brand read by `isDecision`. */
  readonly [DECISION] = true as const;
  /** The sample key. */
  readonly label: string;
  /** Where this decision was created. */
  readonly origin: Origin;

  protected constructor(label: LabelLike | undefined) {
    super();
    this.origin = Origin.capture();
    this.label = autoLabel(label).path;
  }

  abstract readonly domain: Domain;
  abstract readonly valueCount: number;
  abstract problemWith(value: unknown): string | undefined;
  abstract drawValue(rng: Rng): V;
  abstract defaultValue(): V;
  abstract gridValues(granularity: number): readonly V[];
  abstract override describe(): string;

  /** @inheritdoc Nothing is active whatever the value; see `activeChildren`. */
  override children(): readonly SpaceNode[] {
    return NO_CHILDREN;
  }

  /**
   * @inheritdoc Same label, same values and same default. What the values select (candidates of
   * different widths, say) may differ: the reference shares one LayerChoice label across cells of
   * different widths, and the decisions inside the candidates are checked on their own.
   */
  sameDecision(other: Decision): boolean {
    return sameDecisionByValue(this, other);
  }
}
