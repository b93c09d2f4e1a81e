/**
 * The decisions of a Repeat whose depth is an expression, as the Repeat's space sees them. Each link
 * stands for one leaf of the expression — same label, values and default, so samples are unchanged —
 * and its branch carries the values chosen so far: the next leaf's link, and after the last leaf the
 * blocks that the expression's value activates. Random samples, defaults, validation, grid walks and
 * `size` therefore see exactly the blocks in use, as with a chosen depth.
 */
import { DECISION, type Decision, type Domain, type Sample, type SpaceNode } from '../decision.js';
import type { SymbolicMutable } from '../expression.js';
import type { Rng } from '../rng.js';
import type { ActivePrefix, HasActivePrefix } from '../space-size.js';

/** One depth expression and the blocks it selects from: what every link of the chain shares. */
export class DepthChain {
  /** The link of the first leaf, before any value is chosen. */
  readonly head: DepthLink;
  readonly #unbound: readonly DepthLink[];

  constructor(
    readonly expression: SymbolicMutable,
    /** The expression's distinct leaf decisions, in first-appearance order. */
    readonly leaves: readonly Decision[],
    readonly blocks: readonly SpaceNode[],
  ) {
    this.#unbound = leaves.map((_, i) => DepthLink.at(this, i, []));
    this.head = this.#unbound[0]!;
  }

  /** The link of leaf `position` with no values attached, for listing the space's decisions. */
  unboundLink(position: number): DepthLink {
    return this.#unbound[position]!;
  }

  /** The depth when `values[i]` is the value of `leaves[i]`. */
  depthFor(values: readonly unknown[]): number {
    const sample: Sample = Object.create(null) as Sample; // a label such as "__proto__" is a key like any other
    this.leaves.forEach((leaf, i) => {
      sample[leaf.label] = values[i];
    });
    return this.expression.materialize((decision) => sample[decision.label]) as number;
  }
}

/** The decision of one leaf of a depth expression, carrying the values of the leaves before it. */
export class DepthLink implements Decision {
  /** @internal Brand read by `isDecision`. */
  readonly [DECISION] = true as const;

  protected constructor(
    protected readonly chain: DepthChain,
    protected readonly position: number,
    /** The values of the leaves before this one. */
    protected readonly chosen: readonly unknown[],
  ) {}

  /** The link of leaf `position` after the values `chosen` (the last leaf's link activates blocks). */
  static at(chain: DepthChain, position: number, chosen: readonly unknown[]): DepthLink {
    return position === chain.leaves.length - 1 ? new LastDepthLink(chain, position, chosen) : new DepthLink(chain, position, chosen);
  }

  /** The expression's leaf this link stands for. */
  get leaf(): Decision {
    return this.chain.leaves[this.position]!;
  }
  /** @inheritdoc */
  get label(): string {
    return this.leaf.label;
  }
  /** @inheritdoc */
  get domain(): Domain {
    return this.leaf.domain;
  }
  /** @inheritdoc */
  get valueCount(): number {
    return this.leaf.valueCount;
  }
  /** @inheritdoc */
  get origin(): { toString(): string } {
    return this.leaf.origin;
  }
  /** @inheritdoc */
  problemWith(value: unknown): string | undefined {
    return this.leaf.problemWith(value);
  }
  /** @inheritdoc */
  drawValue(rng: Rng): unknown {
    return this.leaf.drawValue(rng);
  }
  /** @inheritdoc */
  defaultValue(): unknown {
    return this.leaf.defaultValue();
  }
  /** @inheritdoc */
  gridValues(granularity: number): readonly unknown[] {
    return this.leaf.gridValues(granularity);
  }
  /** @inheritdoc */
  children(): readonly SpaceNode[] {
    return this.leaf.children();
  }
  /** @inheritdoc The next leaf's link, carrying `value`. */
  activeChildren(value: unknown): readonly SpaceNode[] {
    return [DepthLink.at(this.chain, this.position + 1, [...this.chosen, value])];
  }
  /** @inheritdoc */
  conditionalChildren(): readonly SpaceNode[] {
    return [this.chain.unboundLink(this.position + 1)];
  }
  /** @inheritdoc The leaf's own answer: a link and its leaf are one decision. */
  sameDecision(other: Decision): boolean {
    return this.leaf.sameDecision(other);
  }
  /** @inheritdoc */
  describe(): string {
    return this.leaf.describe();
  }
}

/** The last leaf's link: its value completes the expression, which says how many blocks are active. */
class LastDepthLink extends DepthLink implements HasActivePrefix {
  /** @inheritdoc The first `depth` blocks. */
  override activeChildren(value: unknown): readonly SpaceNode[] {
    return this.chain.blocks.slice(0, this.depthWith(value));
  }
  /** @inheritdoc */
  override conditionalChildren(): readonly SpaceNode[] {
    return this.chain.blocks;
  }
  /** @inheritdoc */
  activePrefix(): ActivePrefix {
    return { nodes: this.chain.blocks, lengthFor: (value) => this.depthWith(value) };
  }

  private depthWith(value: unknown): number {
    return this.chain.depthFor([...this.chosen, value]);
  }
}
