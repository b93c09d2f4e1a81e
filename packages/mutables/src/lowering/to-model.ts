/**
 * Lowering: a model space becomes an IR `Model` (by tracing `forward` on symbolic inputs) plus one
 * mutator per decision and a final resolve mutator. `applySample` applies them with a sample and
 * gives the same architecture as `space.freeze(sample)`.
 */
import { loadModel, type Model, type ModelIr, type Mutator, SearchSpaceError } from '@archspace/ir';
import { isDecision, type Decision, type Sample } from '../decision.js';
import { isMutable } from '../mutable.js';
import { InputChoice } from '../nn/input-choice.js';
import { LayerChoice } from '../nn/layer-choice.js';
import { ModelParameterCollector } from '../nn/model-parameter-choice.js';
import type { Module } from '../nn/module.js';
import type { GraphRecord } from '../nn/recorder.js';
import { Repeat } from '../nn/repeat.js';
import type { Shape } from '../nn/tensor.js';
import { trace } from '../nn/trace.js';
import { DecisionMutator, type ValueSampler } from './decision-mutator.js';
import { InputChoiceMutator } from './input-choice-mutator.js';
import { LayerChoiceMutator } from './layer-choice-mutator.js';
import { RepeatMutator } from './repeat-mutator.js';
import { type ParameterBinding, type RebuildBinding, ResolveMutator } from './resolve-mutator.js';

/** A space lowered to the IR: the base model and the mutators that turn a sample into a model. */
export interface LoweredSpace {
  /** The traced base model (choices unresolved). */
  readonly model: Model;
  /** One mutator per decision (in `simplify()` order), then the resolve mutator. */
  readonly mutators: readonly Mutator[];
}

function findMutables(value: unknown, path: (string | number)[], out: (readonly [readonly (string | number)[], unknown])[]): void {
  if (isMutable(value)) out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((item, i) => findMutables(item, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) findMutables(v, [...path, k], out);
}

function bindings(graphs: ReadonlyMap<string, GraphRecord>): { parameters: ParameterBinding[]; rebuilds: RebuildBinding[] } {
  const parameters: ParameterBinding[] = [];
  const rebuilds: RebuildBinding[] = [];
  for (const graph of graphs.values()) {
    const shapes = new Map<string, readonly Shape[]>([['_inputs', graph.inputShapes]]);
    for (const node of graph.nodes) {
      shapes.set(node.name, node.outputShapes);
      if (node.module !== undefined) {
        rebuilds.push({ graph: graph.name, node: node.name, module: node.module as Module, inputShapes: node.inputs.map((s) => shapes.get(s.node)![s.slot ?? 0]!) });
        continue;
      }
      const found: (readonly [readonly (string | number)[], unknown])[] = [];
      findMutables(node.parameters, [], found);
      for (const [path, mutable] of found) parameters.push({ graph: graph.name, node: node.name, path, mutable: mutable as ParameterBinding['mutable'] });
    }
  }
  return { parameters, rebuilds };
}

function mutatorFor(decision: Decision): DecisionMutator {
  if (decision instanceof LayerChoice) return new LayerChoiceMutator(decision);
  if (decision instanceof InputChoice) return new InputChoiceMutator(decision);
  if (decision instanceof Repeat) return new RepeatMutator(decision);
  return new DecisionMutator(decision);
}

/**
 * Lowers `space` by tracing it on inputs of `inputShapes`.
 *
 * @example
 * ```ts
 * const { model, mutators } = toModel(space, [[null, 3, 32, 32]]);
 * const frozen = applySample(model, mutators, space.random(createRng(0)));
 * ```
 */
export function toModel(space: Module, inputShapes: readonly Shape[]): LoweredSpace {
  if (ModelParameterCollector.of(space).length > 0) {
    throw new SearchSpaceError({
      code: 'not-lowerable',
      message: 'A space with ModelParameterChoice cannot be lowered to the graph IR (its structure is only known once rebuilt, as in the reference); use space.freeze(sample)',
    });
  }
  const decisions = Object.values(space.simplify()).filter(isDecision);
  const traced = trace(space, inputShapes);
  const model = loadModel(traced.toJSON() as unknown as ModelIr);
  const { parameters, rebuilds } = bindings(traced.graphs);
  return { model, mutators: [...decisions.map(mutatorFor), new ResolveMutator(space, parameters, rebuilds)] };
}

/** Answers every mutator of a lowered space from one sample. */
export class SampleSampler implements ValueSampler {
  constructor(readonly sample: Sample) {}

  choice(candidates: readonly unknown[], mutator: { label: string }): unknown {
    return this.valueFor(mutator.label);
  }

  valueFor(label: string): unknown {
    // Own keys only: a missing "toString" label must not read Object.prototype.toString.
    return Object.hasOwn(this.sample, label) ? this.sample[label] : undefined;
  }
}

/**
 * Applies `sample` to a lowered model: validates it against the space, runs the mutator of every
 * active decision and then the resolve mutator. The result is frozen and its history records the
 * sample.
 */
export function applySample(model: Model, mutators: readonly Mutator[], sample: Sample): Model {
  const resolver = mutators.find((m): m is ResolveMutator => m instanceof ResolveMutator);
  resolver?.space.validate(sample);
  const sampler = new SampleSampler(sample);
  let current = model;
  for (const mutator of mutators) {
    if (mutator instanceof DecisionMutator && !Object.hasOwn(sample, mutator.label)) continue;
    current = mutator.bindSampler(sampler).apply(current);
  }
  return current;
}
