/**
 * Repeat: a block stacked a chosen number of times. Frozen, it is a Sequential of the first `depth`
 * blocks; traced unfrozen, it records a chain of block cells for the Repeat mutator to cut (or, for
 * a depth expression, for the lowering to rebuild from the sample).
 */
import type { Categorical } from '../categorical.js';
import { DECISION, type Decision, type Domain, type SpaceNode } from '../decision.js';
import type { SymbolicMutable } from '../expression.js';
import type { LabelLike } from '../label.js';
import type { ValueOf } from '../mutable.js';
import { Origin } from '../origin.js';
import { pyRepr, pyReprList } from '../repr.js';
import type { Rng } from '../rng.js';
import type { ActivePrefix, HasActivePrefix } from '../space-size.js';
import { cloneModule } from './clone-module.js';
import { Module } from './module.js';
import { Sequential } from './ops/sequential.js';
import { activeRecorder } from './recorder.js';
import { DepthChain } from './repeat-depth-chain.js';
import { invalidRepeat, MAX_REPEAT_DEPTH, type RepeatDepth, resolveRepeatDepth } from './repeat-depth.js';
import { mergeShapes } from './shapes.js';
import type { Shape, Tensor } from './tensor.js';
import { toTensorList } from './trace.js';

export { MAX_REPEAT_DEPTH, type RepeatDepth } from './repeat-depth.js';

/** A block, a factory `index => block`, or a list of blocks or factories. */
export type RepeatBlocks = Module | ((index: number) => Module) | readonly (Module | ((index: number) => Module))[];

/** Options of {@link Repeat}. */
export interface RepeatOptions {
  /** The label of the depth decision for a `[min, max]` depth (a choice or an expression keeps its own labels). */
  readonly label?: LabelLike;
}

/** The IR parameters of a recorded repeat cell. */
export interface RepeatCellParameters extends Record<string, unknown> {
  readonly mutation: 'repeat';
  readonly label: string;
  readonly depths: readonly number[];
  readonly minDepth: number;
  readonly maxDepth: number;
  /** How the depth is computed from the sample, for a depth expression (the lowering evaluates it). */
  readonly depthExpression?: string;
}

const DEPTH_CHAINS = new WeakMap<Repeat, DepthChain>();

/** The name of block `i`'s node in a repeat chain. */
export function repeatBlockName(index: number): string {
  return `block_${index}`;
}

/**
 * Repeats a block `depth` times. A module is copied once per position (copies share labels, hence
 * decisions); a factory is called with each index (so it can label each block on its own).
 *
 * The depth is a number, a `[min, max]` range, a choice of depths (the Repeat is then that
 * decision), or an expression of choices such as `choice.add(1)`, whose value is the depth: its
 * depths are its values at every combination of its leaves' values, and samples hold the leaves'
 * labels. The largest depth is at most {@link MAX_REPEAT_DEPTH}; a larger one throws a
 * `SearchSpaceError` with code `repeat-too-deep`.
 *
 * @example
 * ```ts
 * new Repeat(() => new nn.Conv2d(16, 16, 3, { padding: 1 }), [1, 3], { label: 'depth' });
 * new Repeat((i) => new LayerChoice([...], { label: `layer${i}` }), new ValueChoice([1, 2, 4], { label: 'd' }));
 * new Repeat(block, new Categorical([0, 2, 4], { label: 'x' }).add(1)); // depth 1, 3 or 5
 * ```
 */
export class Repeat extends Module implements Decision<number>, HasActivePrefix {
  /** The blocks, one per position up to the largest depth. */
  readonly blocks: readonly Module[];
  /** The depth decision, or `undefined` for a fixed depth or a depth expression. */
  declare readonly depthChoice: Categorical<number> | undefined;
  /** The expression whose value is the depth, or `undefined` when the depth is fixed or a choice. */
  declare readonly depthExpression: SymbolicMutable | undefined;
  readonly minDepth: number;
  readonly maxDepth: number;
  /** The possible depths, for a depth expression. */
  declare private readonly expressionDepths: readonly number[] | undefined;
  /** The distinct leaf decisions of the depth expression. */
  declare private readonly depthLeaves: readonly Decision[];

  constructor(blocks: RepeatBlocks, depth: RepeatDepth, options: RepeatOptions = {}) {
    super();
    const resolved = resolveRepeatDepth(depth, options.label);
    this.minDepth = resolved.minDepth;
    this.maxDepth = resolved.maxDepth;
    const hidden = (name: string, value: unknown) => Object.defineProperty(this, name, { value, enumerable: false });
    hidden('depthChoice', resolved.choice);
    hidden('depthExpression', resolved.expression);
    hidden('expressionDepths', resolved.expression ? resolved.depths : undefined);
    hidden('depthLeaves', resolved.leaves);
    hidden('origin', Origin.capture());
    this.blocks = Object.freeze(this.makeBlocks(blocks));
  }

  /**
   * The decisions of a depth expression's leaves, which activate the blocks in use; made per
   * instance, so that a copy of this Repeat (in a repeated block) activates its own blocks.
   */
  private get depthChain(): DepthChain | undefined {
    if (!this.depthExpression) return undefined;
    let chain = DEPTH_CHAINS.get(this);
    if (chain === undefined) {
      chain = new DepthChain(this.depthExpression, this.depthLeaves, this.blocks);
      DEPTH_CHAINS.set(this, chain);
    }
    return chain;
  }

  private makeBlocks(blocks: RepeatBlocks): Module[] {
    const make = (spec: Module | ((index: number) => Module), index: number): Module => {
      const block = spec instanceof Module ? (index === 0 ? spec : cloneModule(spec)) : spec(index);
      if (!(block instanceof Module)) invalidRepeat(`a Module from the block factory at index ${index}`, block);
      return block;
    };
    if (Array.isArray(blocks)) {
      if (blocks.length < this.maxDepth) invalidRepeat(`at least ${this.maxDepth} blocks (the largest depth)`, blocks.length);
      return blocks.slice(0, this.maxDepth).map((spec, i) => (spec instanceof Module ? spec : make(spec, i)));
    }
    return Array.from({ length: this.maxDepth }, (_, i) => make(blocks as Module | ((index: number) => Module), i));
  }

  /** @internal Brand read by `isDecision`: a repeat is a decision only when its depth is chosen. */
  get [DECISION](): true {
    return (this.depthChoice !== undefined) as true;
  }

  /** Where this repeat was created. */
  declare readonly origin: Origin;

  /** The label of the depth decision (`""` for a fixed depth or a depth expression, whose leaves keep their labels). */
  get label(): string {
    return this.depthChoice?.label ?? '';
  }

  /** The possible depths (a depth expression's in ascending order). */
  get depths(): readonly number[] {
    return this.depthChoice?.values ?? this.expressionDepths ?? [this.maxDepth];
  }

  /** @inheritdoc */
  get domain(): Domain {
    return this.depthChoice ? this.depthChoice.domain : { kind: 'categorical', values: [this.maxDepth] };
  }
  /** @inheritdoc */
  get valueCount(): number {
    return this.depths.length;
  }
  /** @inheritdoc */
  problemWith(value: unknown): string | undefined {
    return this.depths.includes(value as number) ? undefined : `a depth among ${pyReprList(this.depths)}`;
  }
  /** @inheritdoc */
  drawValue(rng: Rng): number {
    return this.depthChoice!.drawValue(rng);
  }
  /** @inheritdoc */
  defaultValue(): number {
    return this.depthChoice ? this.depthChoice.defaultValue() : this.maxDepth;
  }
  /** @inheritdoc */
  gridValues(): readonly number[] {
    return this.depthChoice ? this.depthChoice.gridValues() : [this.maxDepth];
  }
  /** @inheritdoc The first `depth` blocks. */
  activeChildren(depth: number): readonly SpaceNode[] {
    return this.blocks.slice(0, depth);
  }
  /** @inheritdoc Depth `d` activates the first `d` blocks. */
  activePrefix(): ActivePrefix {
    return { nodes: this.blocks, lengthFor: (depth) => depth as number };
  }
  /** @inheritdoc */
  conditionalChildren(): readonly SpaceNode[] {
    return this.depthChoice ? this.blocks : [];
  }
  /**
   * @inheritdoc Every block when the depth is fixed; none for a chosen depth (they depend on it);
   * the leaves of a depth expression, whose branches hold the blocks in use.
   */
  override children(): readonly SpaceNode[] {
    if (this.depthChain) return [this.depthChain.head];
    return this.depthChoice ? [] : this.blocks;
  }
  /** @inheritdoc */
  sameDecision(other: Decision): boolean {
    return this.depthChoice !== undefined && this.depthChoice.sameDecision(other);
  }

  /** The depth `valueOf` gives: the chosen one, the expression's value, or the fixed one. */
  private depthOf(valueOf: ValueOf): number {
    if (this.depthChoice) return valueOf(this) as number;
    if (this.depthExpression) return this.depthExpression.materialize(valueOf) as number;
    return this.maxDepth;
  }

  /** @inheritdoc A Sequential of the first `depth` blocks (at most {@link MAX_REPEAT_DEPTH}), frozen. */
  override materialize(valueOf: ValueOf): Module {
    const depth = this.depthOf(valueOf);
    return new Sequential(...this.blocks.slice(0, depth).map((block) => block.materialize(valueOf)));
  }

  /**
   * Chains the blocks. With a chosen depth, records a chain cell for the Repeat mutator to cut; with
   * a depth expression, records it as a node that the lowering rebuilds from the sample.
   */
  forward(x: Tensor): Tensor {
    if (!this.depthChoice && !this.depthChain) {
      let out = x;
      for (const block of this.blocks) out = block.call(out) as Tensor;
      return out;
    }
    const recorder = activeRecorder('Repeat');
    const graphName = recorder.uniqueGraphName(recorder.modulePath || this.label || 'Repeat');
    const shapesAtDepth: Shape[] = [x.shape];
    recorder.graph(graphName, [x.shape], ([input]) => {
      let previous = input!;
      this.blocks.forEach((block, i) => {
        const inner = recorder.graph(`${graphName}/${i}`, [previous.shape], ([blockInput]) => toTensorList(block.call(blockInput)));
        if (inner.outputShapes.length !== 1) invalidRepeat('blocks that return one tensor', inner.outputShapes.length);
        previous = recorder.record('_cell', {}, [previous], inner.outputShapes, { name: repeatBlockName(i), cellName: inner.name })[0]!;
        shapesAtDepth.push(previous.shape);
      });
      return [previous];
    });
    const parameters: RepeatCellParameters = {
      mutation: 'repeat',
      label: this.label,
      depths: [...this.depths],
      minDepth: this.minDepth,
      maxDepth: this.maxDepth,
      ...(this.depthExpression ? { depthExpression: String(this.depthExpression) } : {}),
    };
    const shape = mergeShapes(this.depths.map((d) => shapesAtDepth[d]!));
    const options = this.depthExpression ? { cellName: graphName, module: this } : { cellName: graphName, label: this.label };
    return recorder.record('_cell', parameters, [x], [shape], options)[0]!;
  }

  /** @inheritdoc */
  override equals(other: unknown): boolean {
    return (
      other instanceof Repeat &&
      other.label === this.label &&
      JSON.stringify(other.depths) === JSON.stringify(this.depths) &&
      (other.depthExpression?.equals(this.depthExpression) ?? this.depthExpression === undefined) &&
      other.blocks.length === this.blocks.length &&
      other.blocks.every((block, i) => block.equals(this.blocks[i]))
    );
  }

  /** @inheritdoc */
  override describe(): string {
    if (this.depthExpression) return `Repeat(depth=${String(this.depthExpression)})`;
    return `Repeat(depth=${pyReprList(this.depths)}, label=${pyRepr(this.label)})`;
  }
}
