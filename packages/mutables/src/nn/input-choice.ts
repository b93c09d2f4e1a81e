/**
 * InputChoice: choose which of several tensors flow on. Frozen, it becomes ChosenInputs; traced
 * unfrozen, it records an `InputChoice` node reading every candidate, which the InputChoice mutator
 * turns into a ChosenInputs node.
 */
import { SearchSpaceError } from '@archspace/ir';
import { CategoricalMultiple } from '../categorical-multiple.js';
import type { Domain } from '../decision.js';
import { Label, type LabelLike } from '../label.js';
import type { ValueOf } from '../mutable.js';
import { pyRepr } from '../repr.js';
import type { Rng } from '../rng.js';
import { ChosenInputs, REDUCTIONS, type Reduction, reducedShapes } from './chosen-inputs.js';
import { ModuleDecision } from './module-decision.js';
import { activeRecorder } from './recorder.js';
import { mergeShapes } from './shapes.js';
import type { Tensor } from './tensor.js';

/** Options of {@link InputChoice}. */
export interface InputChoiceOptions {
  /** The sample key; automatic when omitted. */
  readonly label?: LabelLike;
  /** With `nChosen`: a distribution over candidates; without: inclusion probabilities. */
  readonly weights?: readonly number[];
}

/** The IR parameters of a recorded `InputChoice` node. */
export interface InputChoiceParameters extends Record<string, unknown> {
  readonly nCandidates: number;
  readonly nChosen: number | null;
  readonly reduction: Reduction;
  readonly label: string;
}

/**
 * Chooses `nChosen` of `nCandidates` input tensors (any subset when `nChosen` is `null`) and reduces
 * them. The sample value is the sorted list of chosen indices, e.g. `[1]` (the reference's v3 form).
 *
 * @example
 * ```ts
 * const skip = new InputChoice(3, 1, 'sum', { label: 'skip' });
 * // in forward: const x = skip.call([a, b, c]);
 * ```
 */
export class InputChoice extends ModuleDecision<number[]> {
  readonly nCandidates: number;
  readonly nChosen: number | null;
  readonly reduction: Reduction;
  /** The index decision this choice delegates to (non-enumerable: not a member of its own). */
  declare private readonly indices: CategoricalMultiple<number>;

  constructor(nCandidates: number, nChosen: number | null = 1, reduction: Reduction = 'sum', options: InputChoiceOptions = {}) {
    super(options.label);
    if (!Number.isInteger(nCandidates) || nCandidates < 1) {
      throw new SearchSpaceError({ code: 'invalid-input-choice', path: [this.label, 'nCandidates'], expected: 'an integer ≥ 1', received: nCandidates });
    }
    if (!REDUCTIONS.includes(reduction)) {
      throw new SearchSpaceError({ code: 'invalid-reduction', path: [this.label, 'reduction'], expected: `one of ${REDUCTIONS.join(', ')}`, received: reduction });
    }
    this.nCandidates = nCandidates;
    this.nChosen = nChosen;
    this.reduction = reduction;
    const indices = new CategoricalMultiple(
      Array.from({ length: nCandidates }, (_, i) => i),
      { label: Label.absolute(this.label), ...(nChosen !== null ? { n: nChosen } : {}), ...(options.weights ? { weights: options.weights } : {}) },
    );
    Object.defineProperty(this, 'indices', { value: indices, enumerable: false });
  }

  /** @inheritdoc */
  get domain(): Domain {
    return this.indices.domain;
  }
  /** @inheritdoc */
  get valueCount(): number {
    return this.indices.valueCount;
  }
  /** @inheritdoc */
  problemWith(value: unknown): string | undefined {
    return this.indices.problemWith(value);
  }
  /** @inheritdoc */
  drawValue(rng: Rng): number[] {
    return this.indices.drawValue(rng);
  }
  /** @inheritdoc */
  defaultValue(): number[] {
    return this.indices.defaultValue();
  }
  /** @inheritdoc */
  gridValues(): readonly number[][] {
    return this.indices.gridValues();
  }
  /** @inheritdoc One subset of inputs at a time, however many inputs there are. */
  lazyGridValues(): Iterable<number[]> {
    return this.indices.lazyGridValues();
  }

  /** @inheritdoc The frozen form: a {@link ChosenInputs}. */
  override materialize(valueOf: ValueOf): ChosenInputs {
    return new ChosenInputs(valueOf(this) as number[], this.reduction);
  }

  /** Records an `InputChoice` node reading every candidate. Accepts a list or several tensors. */
  forward(...inputs: (Tensor | Tensor[])[]): any {
    const candidates = inputs.length === 1 && Array.isArray(inputs[0]) ? inputs[0] : (inputs as Tensor[]);
    if (candidates.length !== this.nCandidates) {
      throw new SearchSpaceError({
        code: 'wrong-input-count',
        path: [this.label],
        expected: `${this.nCandidates} candidate tensors`,
        received: candidates.length,
      });
    }
    if (this.reduction === 'none' && this.nChosen === null) {
      throw new SearchSpaceError({ code: 'unknown-output-count', path: [this.label], message: `InputChoice "${this.label}" with reduction "none" needs nChosen to be traced` });
    }
    const merged = mergeShapes(candidates.map((t) => t.shape));
    const count = this.nChosen ?? 1;
    const shapes = this.reduction === 'none' ? Array.from({ length: count }, () => merged) : reducedShapes(Array.from({ length: count }, () => merged), this.reduction, 'InputChoice');
    if (this.reduction === 'concat' && this.nChosen === null) shapes[0] = shapes[0]!.map((d, i) => (i === 1 ? null : d));
    const parameters: InputChoiceParameters = { nCandidates: this.nCandidates, nChosen: this.nChosen, reduction: this.reduction, label: this.label };
    const outputs = activeRecorder('InputChoice').record('InputChoice', parameters, candidates, shapes, { label: this.label });
    return this.reduction === 'none' ? outputs : outputs[0];
  }

  /** @inheritdoc */
  override equals(other: unknown): boolean {
    return (
      other instanceof InputChoice &&
      other.label === this.label &&
      other.nCandidates === this.nCandidates &&
      other.nChosen === this.nChosen &&
      other.reduction === this.reduction &&
      JSON.stringify(other.domain) === JSON.stringify(this.domain)
    );
  }

  /** @inheritdoc */
  describe(): string {
    return `InputChoice(${this.nCandidates}, n_chosen=${this.nChosen ?? 'None'}, reduction=${pyRepr(this.reduction)}, label=${pyRepr(this.label)})`;
  }
}
