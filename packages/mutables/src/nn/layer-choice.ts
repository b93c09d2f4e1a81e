/**
 * LayerChoice: choose one of several candidate modules. Frozen, it is the chosen candidate itself;
 * traced unfrozen, it records a cell whose graph holds every candidate unconnected, for the
 * LayerChoice mutator to connect the chosen one.
 */
import { SearchSpaceError } from '@archspace/ir';
import type { Domain, SpaceNode } from '../decision.js';
import type { LabelLike } from '../label.js';
import type { ValueOf } from '../mutable.js';
import { pyRepr, pyReprList } from '../repr.js';
import type { Rng } from '../rng.js';
import { checkWeights, isUniform } from '../weights.js';
import { Module } from './module.js';
import { ModuleDecision } from './module-decision.js';
import { activeRecorder } from './recorder.js';
import { mergeOutputShapes } from './shapes.js';
import type { Shape, Tensor } from './tensor.js';
import { toTensorList } from './trace.js';

/** Options of {@link LayerChoice}. */
export interface LayerChoiceOptions {
  /** The sample key; automatic when omitted. */
  readonly label?: LabelLike;
  /** Probability of each candidate, summing to 1; uniform when omitted. */
  readonly weights?: readonly number[];
}

const ACTIVE = new WeakMap<LayerChoice, ReadonlyMap<string | number, readonly SpaceNode[]>>();

/** Dict keys the reference reserves. */
const RESERVED = new Set(['length', 'reduction', 'return_mask', '_key', 'key', 'names']);

/** The IR parameters of a recorded layer-choice cell. */
export interface LayerChoiceCellParameters extends Record<string, unknown> {
  readonly mutation: 'layerchoice';
  readonly label: string;
  readonly candidates: readonly (string | number)[];
}

/** The name of a candidate's node inside the layer-choice graph (the reference's naming). */
export function candidateNodeName(label: string, name: string | number): string {
  return `layerchoice_${label.replace(/\//g, '__')}_${name}`;
}

/**
 * Chooses one of `candidates`. The sample value is the candidate's index (a list) or key (a dict).
 * Candidates may contain further choices; those are validated only when their candidate is chosen.
 *
 * @example
 * ```ts
 * const op = new LayerChoice({ conv3x3: new nn.Conv2d(16, 16, 3, { padding: 1 }), skip: new nn.Identity() }, { label: 'op' });
 * op.freeze({ op: 'skip' }); // the Identity module
 * ```
 */
export class LayerChoice extends ModuleDecision<string | number> {
  /** The candidates: a list, or a dict keyed by name. */
  readonly candidates: readonly Module[] | Readonly<Record<string, Module>>;
  /** The candidate names: `0, 1, …` for a list, the keys for a dict. */
  readonly names: readonly (string | number)[];
  /** The probability of each candidate, or `undefined` for uniform. */
  readonly weights: readonly number[] | undefined;
  readonly domain: Domain;

  constructor(candidates: readonly Module[] | Readonly<Record<string, Module>>, options: LayerChoiceOptions = {}) {
    super(options.label);
    const isList = Array.isArray(candidates);
    const entries: [string | number, unknown][] = isList ? candidates.map((c, i) => [i, c]) : Object.entries(candidates);
    if (entries.length === 0) {
      throw new SearchSpaceError({ code: 'empty-choice', path: [this.label], expected: 'at least one candidate module', received: candidates });
    }
    for (const [name, candidate] of entries) {
      if (!(candidate instanceof Module)) {
        throw new SearchSpaceError({ code: 'not-a-module', path: [this.label, name], expected: 'a Module candidate', received: candidate });
      }
      if (typeof name === 'string' && RESERVED.has(name)) {
        throw new SearchSpaceError({ code: 'reserved-name', path: [this.label, name], expected: `a candidate name other than ${[...RESERVED].join(', ')}`, received: name });
      }
    }
    this.candidates = isList ? Object.freeze([...candidates]) : Object.freeze({ ...candidates });
    this.names = Object.freeze(entries.map(([name]) => name));
    this.weights = checkWeights(options.weights, entries.length, this.label);
    this.domain = this.weights ? { kind: 'categorical', values: this.names, weights: this.weights } : { kind: 'categorical', values: this.names };
  }

  /** The candidate called `name` (an index for a list). */
  candidate(name: string | number): Module {
    const found = Array.isArray(this.candidates) ? this.candidates[name as number] : (this.candidates as Record<string, Module>)[name];
    if (!found) throw new SearchSpaceError({ code: 'unknown-candidate', path: [this.label], expected: `one of ${pyReprList(this.names)}`, received: name });
    return found;
  }

  /** The number of candidates. */
  get length(): number {
    return this.names.length;
  }

  /** @inheritdoc */
  get valueCount(): number {
    return this.names.length;
  }

  /** @inheritdoc */
  problemWith(value: unknown): string | undefined {
    return this.names.includes(value as string | number) ? undefined : `one of the candidates ${pyReprList(this.names)}`;
  }

  /** @inheritdoc */
  drawValue(rng: Rng): string | number {
    return this.names[this.weights ? rng.weightedIndex(this.weights) : rng.int(this.names.length)]!;
  }

  /** @inheritdoc */
  defaultValue(): string | number {
    return this.names[0]!;
  }

  /** @inheritdoc */
  gridValues(): readonly (string | number)[] {
    if (isUniform(this.weights)) return this.names;
    const w = this.weights!;
    return this.names.map((n, i) => ({ n, i })).sort((a, b) => w[b.i]! - w[a.i]! || a.i - b.i).map((e) => e.n);
  }

  /** @inheritdoc The chosen candidate. */
  activeChildren(value: string | number): readonly SpaceNode[] {
    let active = ACTIVE.get(this);
    if (active === undefined) {
      active = new Map(this.names.map((name) => [name, Object.freeze([this.candidate(name)])]));
      ACTIVE.set(this, active);
    }
    return active.get(value) ?? [this.candidate(value)];
  }

  /** @inheritdoc */
  conditionalChildren(): readonly SpaceNode[] {
    return this.names.map((name) => this.candidate(name));
  }

  /** @inheritdoc The chosen candidate, frozen. */
  override materialize(valueOf: ValueOf): Module {
    return this.candidate(valueOf(this) as string | number).materialize(valueOf);
  }

  /**
   * Records a cell whose graph holds one unconnected cell node per candidate (each candidate traced
   * on the same inputs into a graph of its own).
   */
  forward(...inputs: Tensor[]): Tensor | Tensor[] {
    const recorder = activeRecorder('LayerChoice');
    const graphName = recorder.uniqueGraphName(recorder.modulePath || this.label);
    const shapes = inputs.map((t) => t.shape);
    const candidateOutputs: (readonly Shape[])[] = [];
    recorder.graph(graphName, shapes, () => {
      for (const name of this.names) {
        const candidate = this.candidate(name);
        const inner = recorder.graph(`${graphName}/${name}`, shapes, (ins) => toTensorList(candidate.call(...ins)));
        candidateOutputs.push(inner.outputShapes);
        recorder.record('_cell', {}, [], inner.outputShapes, { name: candidateNodeName(this.label, name), cellName: inner.name });
      }
      return { unconnectedOutputs: mergeOutputShapes(candidateOutputs, `LayerChoice "${this.label}"`) };
    });
    const parameters: LayerChoiceCellParameters = { mutation: 'layerchoice', label: this.label, candidates: [...this.names] };
    const outputs = recorder.record('_cell', parameters, inputs, recorder.graphs.get(graphName)!.outputShapes, {
      cellName: graphName,
      label: this.label,
    });
    return outputs.length === 1 ? outputs[0]! : outputs;
  }

  /** @inheritdoc */
  override equals(other: unknown): boolean {
    return (
      other instanceof LayerChoice &&
      other.label === this.label &&
      other.names.length === this.names.length &&
      other.names.every((name, i) => name === this.names[i] && this.candidate(name).equals(other.candidate(name))) &&
      JSON.stringify(other.weights) === JSON.stringify(this.weights)
    );
  }

  /** @inheritdoc */
  describe(): string {
    return `LayerChoice(${pyReprList(this.names)}, label=${pyRepr(this.label)})`;
  }
}
