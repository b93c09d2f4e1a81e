/**
 * Repeat: a block stacked a chosen number of times. Frozen, it is a Sequential of the first `depth`
 * blocks; traced unfrozen, it records a chain of block cells for the Repeat mutator to cut.
 */
import { SearchSpaceError } from '@archspace/ir';
import { Categorical } from '../categorical.js';
import { DECISION, type Decision, type Domain, type SpaceNode } from '../decision.js';
import { autoLabel, type LabelLike } from '../label.js';
import type { ValueOf } from '../mutable.js';
import { Origin } from '../origin.js';
import { pyRepr, pyReprList } from '../repr.js';
import type { Rng } from '../rng.js';
import { cloneModule } from './clone-module.js';
import { Module } from './module.js';
import { Sequential } from './ops/sequential.js';
import { activeRecorder } from './recorder.js';
import { mergeShapes } from './shapes.js';
import type { Shape, Tensor } from './tensor.js';
import { toTensorList } from './trace.js';

/** A block, a factory `index => block`, or a list of blocks or factories. */
export type RepeatBlocks = Module | ((index: number) => Module) | readonly (Module | ((index: number) => Module))[];

/** A fixed depth, an inclusive `[min, max]` range, or a choice of depths. */
export type RepeatDepth = number | readonly [number, number] | Categorical<number>;

/** Options of {@link Repeat}. */
export interface RepeatOptions {
  /** The label of the depth decision for a `[min, max]` depth (a choice keeps its own label). */
  readonly label?: LabelLike;
}

/** The IR parameters of a recorded repeat cell. */
export interface RepeatCellParameters extends Record<string, unknown> {
  readonly mutation: 'repeat';
  readonly label: string;
  readonly depths: readonly number[];
  readonly minDepth: number;
  readonly maxDepth: number;
}

/** The name of block `i`'s node in a repeat chain. */
export function repeatBlockName(index: number): string {
  return `block_${index}`;
}

function invalid(message: string, received: unknown): never {
  throw new SearchSpaceError({ code: 'invalid-repeat', expected: message, received });
}

/**
 * Repeats a block `depth` times. A module is copied once per position (copies share labels, hence
 * decisions); a factory is called with each index (so it can label each block on its own).
 *
 * @example
 * ```ts
 * new Repeat(() => new nn.Conv2d(16, 16, 3, { padding: 1 }), [1, 3], { label: 'depth' });
 * new Repeat((i) => new LayerChoice([...], { label: `layer${i}` }), new ValueChoice([1, 2, 4], { label: 'd' }));
 * ```
 */
export class Repeat extends Module implements Decision<number> {
  /** The blocks, one per position up to the largest depth. */
  readonly blocks: readonly Module[];
  /** The depth decision, or `undefined` for a fixed depth. */
  declare readonly depthChoice: Categorical<number> | undefined;
  readonly minDepth: number;
  readonly maxDepth: number;

  constructor(blocks: RepeatBlocks, depth: RepeatDepth, options: RepeatOptions = {}) {
    super();
    let choice: Categorical<number> | undefined;
    if (typeof depth === 'number') {
      if (!Number.isInteger(depth) || depth < 0) invalid('a depth that is an integer ≥ 0', depth);
    } else if (depth instanceof Categorical) {
      if (!depth.values.every((d) => Number.isInteger(d) && d >= 0)) invalid('a depth choice over integers ≥ 0', depth.values);
      choice = depth;
    } else if (Array.isArray(depth) && depth.length === 2) {
      const [low, high] = depth as readonly [number, number];
      if (!Number.isInteger(low) || !Number.isInteger(high) || low < 0 || high < low) invalid('a [min, max] range of integers with 0 ≤ min ≤ max', depth);
      choice = new Categorical(
        Array.from({ length: high - low + 1 }, (_, i) => low + i),
        { label: autoLabel(options.label) },
      );
    } else {
      invalid('a number, a [min, max] range or a Categorical/ValueChoice of depths', depth);
    }
    const depths = choice ? choice.values : [depth as number];
    this.minDepth = Math.min(...depths);
    this.maxDepth = Math.max(...depths);
    if (this.maxDepth < 1) invalid('a largest depth of at least 1', depth);
    Object.defineProperty(this, 'depthChoice', { value: choice, enumerable: false });
    Object.defineProperty(this, 'origin', { value: Origin.capture(), enumerable: false });
    this.blocks = Object.freeze(this.makeBlocks(blocks));
  }

  private makeBlocks(blocks: RepeatBlocks): Module[] {
    const make = (spec: Module | ((index: number) => Module), index: number): Module => {
      const block = spec instanceof Module ? (index === 0 ? spec : cloneModule(spec)) : spec(index);
      if (!(block instanceof Module)) invalid(`a Module from the block factory at index ${index}`, block);
      return block;
    };
    if (Array.isArray(blocks)) {
      if (blocks.length < this.maxDepth) invalid(`at least ${this.maxDepth} blocks (the largest depth)`, blocks.length);
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

  /** The label of the depth decision (`""` for a fixed depth). */
  get label(): string {
    return this.depthChoice?.label ?? '';
  }

  /** The possible depths. */
  get depths(): readonly number[] {
    return this.depthChoice ? this.depthChoice.values : [this.maxDepth];
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
  /** @inheritdoc */
  conditionalChildren(): readonly SpaceNode[] {
    return this.depthChoice ? this.blocks : [];
  }
  /** @inheritdoc Every block when the depth is fixed; none otherwise (they depend on the depth). */
  override children(): readonly SpaceNode[] {
    return this.depthChoice ? [] : this.blocks;
  }
  /** @inheritdoc */
  sameDecision(other: Decision): boolean {
    return this.depthChoice !== undefined && this.depthChoice.sameDecision(other);
  }

  /** @inheritdoc A Sequential of the first `depth` blocks, frozen. */
  override materialize(valueOf: ValueOf): Module {
    const depth = this.depthChoice ? (valueOf(this) as number) : this.maxDepth;
    return new Sequential(...this.blocks.slice(0, depth).map((block) => block.materialize(valueOf)));
  }

  /** Chains the blocks; with a chosen depth, records a chain cell for the Repeat mutator to cut. */
  forward(x: Tensor): Tensor {
    if (!this.depthChoice) {
      let out = x;
      for (const block of this.blocks) out = block.call(out) as Tensor;
      return out;
    }
    const recorder = activeRecorder('Repeat');
    const graphName = recorder.uniqueGraphName(recorder.modulePath || this.label);
    const shapesAtDepth: Shape[] = [x.shape];
    recorder.graph(graphName, [x.shape], ([input]) => {
      let previous = input!;
      this.blocks.forEach((block, i) => {
        const inner = recorder.graph(`${graphName}/${i}`, [previous.shape], ([blockInput]) => toTensorList(block.call(blockInput)));
        if (inner.outputShapes.length !== 1) invalid('blocks that return one tensor', inner.outputShapes.length);
        previous = recorder.record('_cell', {}, [previous], inner.outputShapes, { name: repeatBlockName(i), cellName: inner.name })[0]!;
        shapesAtDepth.push(previous.shape);
      });
      return [previous];
    });
    const parameters: RepeatCellParameters = { mutation: 'repeat', label: this.label, depths: [...this.depths], minDepth: this.minDepth, maxDepth: this.maxDepth };
    const shape = mergeShapes(this.depths.map((d) => shapesAtDepth[d]!));
    return recorder.record('_cell', parameters, [x], [shape], { cellName: graphName, label: this.label })[0]!;
  }

  /** @inheritdoc */
  override equals(other: unknown): boolean {
    return (
      other instanceof Repeat &&
      other.label === this.label &&
      JSON.stringify(other.depths) === JSON.stringify(this.depths) &&
      other.blocks.length === this.blocks.length &&
      other.blocks.every((block, i) => block.equals(this.blocks[i]))
    );
  }

  /** @inheritdoc */
  override describe(): string {
    return `Repeat(depth=${pyReprList(this.depths)}, label=${pyRepr(this.label)})`;
  }
}
