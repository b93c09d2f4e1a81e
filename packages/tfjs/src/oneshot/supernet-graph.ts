/**
 * Lowers a traced model space into the steps of a supernet: plain operations, operations with
 * ValueChoice parameters (compiled at their largest values, masked per choice), layer choices (each
 * candidate a frozen flat model, or steps of its own when it holds ValueChoices), input choices and
 * Repeats (a chain of blocks cut at the chosen depth), in execution order. Whatever a one-shot
 * strategy cannot search exactly is refused here, naming the primitive and the strategy.
 */
import { type FlatModel, type FlatNode, type FlatRef, type GraphRecord, type Module, type RecordedNode, type Shape, ROOT_GRAPH, isMutable, trace } from '@archspace/mutables';
import { KEEPS_ZEROS, type MixedValueOp, type Refuse, type Width, mixedValueOp, sameWidth } from './mixed-value-op.js';
import { type RepeatStep, lowerRepeat } from './repeat-step.js';
import { unsupportedPrimitive } from './unsupported-primitive.js';

export type { RepeatStep } from './repeat-step.js';
export { unsupportedPrimitive } from './unsupported-primitive.js';

/** A value of the supernet: a graph input (`step: -1`, `slot` = input index) or a step's output. */
export interface SupernetRef {
  readonly step: number;
  readonly slot: number;
}

/** What every step has: its path in the network and where its inputs come from. */
export interface StepBase {
  readonly name: string;
  readonly inputs: readonly SupernetRef[];
  /** The input shapes at the largest widths. */
  readonly inputShapes: readonly Shape[];
}

/** An operation, the same in every architecture up to the ValueChoices of its parameters. */
export interface OpStep extends StepBase {
  readonly kind: 'op';
  /** The operation with its parameters at their largest values (what is compiled). */
  readonly node: FlatNode;
  /** How to mask it, when a ValueChoice decides a width or kernel size of it or of its input. */
  readonly mixed?: MixedValueOp;
}

/** A LayerChoice at one place of the network: its candidates, each a frozen flat model. */
export interface LayerChoiceStep extends StepBase {
  readonly kind: 'layer-choice';
  readonly label: string;
  readonly names: readonly (string | number)[];
  readonly candidates: readonly FlatModel[];
  /** Per candidate: its own steps when it holds ValueChoices (it is then run step by step), else `undefined`. */
  readonly stepwise: readonly (SupernetGraph | undefined)[];
  /** The output's width: a mutable one is re-masked after a candidate that may not keep zeros. */
  readonly outWidth: Width;
  /** Whether the chosen candidate's output is masked again. */
  readonly remask: boolean;
}

/** An InputChoice choosing `nChosen` of its inputs and reducing them. */
export interface InputChoiceStep extends StepBase {
  readonly kind: 'input-choice';
  readonly label: string;
  readonly nCandidates: number;
  readonly nChosen: number;
  readonly reduction: 'sum' | 'mean' | 'concat';
}

/** One step of a supernet. */
export type SupernetStep = OpStep | LayerChoiceStep | InputChoiceStep | RepeatStep;

/** A model space (or a part of one: a candidate, a repeated block) lowered for one-shot search. */
export interface SupernetGraph {
  readonly steps: readonly SupernetStep[];
  readonly inputCount: number;
  readonly outputs: readonly SupernetRef[];
  /** The output shapes of every step (slot by slot), at the largest widths. */
  readonly shapes: readonly (readonly Shape[])[];
  /** The output widths of every step (slot by slot): a number, or the mutable deciding it. */
  readonly widths: readonly (readonly Width[])[];
}

/** Every step of `graph`, its candidates' and its repeated blocks', depth first. */
export function* allSteps(graph: SupernetGraph): Generator<SupernetStep> {
  for (const step of graph.steps) {
    yield step;
    if (step.kind === 'layer-choice') for (const sub of step.stepwise) if (sub) yield* allSteps(sub);
    if (step.kind === 'repeat') for (const block of step.blocks) yield* allSteps(block);
  }
}

/** The first mutable inside `value`, if any. */
function findMutable(value: unknown, depth = 0): unknown {
  if (isMutable(value)) return value;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const v of Object.values(value)) {
    const found = findMutable(v, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function mutationOf(node: RecordedNode): string | undefined {
  const mutation = node.parameters['mutation'];
  return typeof mutation === 'string' ? mutation : undefined;
}

const PRIMITIVE_OF_MUTATION: Readonly<Record<string, string>> = Object.freeze(Object.assign(Object.create(null) as Record<string, string>, { repeat: 'Repeat', layerchoice: 'LayerChoice' }));

/** What a walk does with a node that is not a plain cell: returns where its outputs are. */
type Visit<R> = (node: RecordedNode, inputs: R[], path: string) => (slot: number | null) => R;

/** Walks graph `graphName` in call order, inlining plain (non-mutation) cells; returns its outputs. */
function walkGraph<R>(graphs: ReadonlyMap<string, GraphRecord>, graphName: string, inputs: readonly R[], prefix: string, visit: Visit<R>): R[] {
  const graph = graphs.get(graphName)!;
  const refs = new Map<string, (slot: number | null) => R>([['_inputs', (slot) => inputs[slot ?? 0]!]]);
  const refOf = (source: { node: string; slot: number | null }) => refs.get(source.node)!(source.slot);
  for (const node of graph.nodes) {
    const ins = node.inputs.map(refOf);
    const path = `${prefix}${node.name}`;
    if (node.type === '_cell' && node.cellName !== undefined && mutationOf(node) === undefined) {
      const outs = walkGraph(graphs, node.cellName, ins, `${path}/`, visit);
      refs.set(node.name, (slot) => outs[slot ?? 0]!);
    } else {
      refs.set(node.name, visit(node, ins, path));
    }
  }
  return graph.outputs.map(refOf);
}

/** Flattens a candidate's graph (free of choices and ValueChoices) into a frozen flat model. */
function flattenCandidate(graphs: ReadonlyMap<string, GraphRecord>, graphName: string): FlatModel {
  const nodes: FlatNode[] = [];
  const root = graphs.get(graphName)!;
  const inputs: FlatRef[] = root.inputShapes.map((_, i) => ({ node: -1, slot: i }));
  const outputs = walkGraph<FlatRef>(graphs, graphName, inputs, '', (node, ins, path) => {
    const index = nodes.length;
    nodes.push({ name: path, type: node.type, parameters: node.parameters, inputs: ins });
    return (slot) => ({ node: index, slot });
  });
  return { inputCount: root.inputShapes.length, nodes, outputs };
}

/** Where a lowering is: the traced graphs, the strategy, and the LayerChoice being lowered, if any. */
export interface LoweringContext {
  readonly graphs: ReadonlyMap<string, GraphRecord>;
  readonly strategy: string;
  /** The label of the LayerChoice whose candidate is lowered: choices inside it are refused. */
  readonly insideCandidateOf?: string;
}

/**
 * Lowers graph `graphName` of the trace, whose inputs have `inputShapes` (at the largest widths) and
 * `inputWidths`, with step names prefixed by `prefix`.
 */
export function lowerGraph(context: LoweringContext, graphName: string, inputShapes: readonly Shape[], inputWidths: readonly Width[], prefix: string): SupernetGraph {
  const { graphs, strategy, insideCandidateOf } = context;
  const steps: SupernetStep[] = [];
  const shapes: Shape[][] = [];
  const widths: Width[][] = [];
  const shapeOf = (ref: SupernetRef): Shape => (ref.step === -1 ? inputShapes[ref.slot]! : shapes[ref.step]![ref.slot]!);
  const widthOf = (ref: SupernetRef): Width => (ref.step === -1 ? inputWidths[ref.slot] : widths[ref.step]![ref.slot]);
  const push = (step: SupernetStep, outputShapes: readonly Shape[], outputWidths: readonly Width[]): number => {
    steps.push(step);
    shapes.push([...outputShapes]);
    widths.push([...outputWidths]);
    return steps.length - 1;
  };
  const refuseValueChoice: Refuse = (label, detail) => unsupportedPrimitive('ValueChoice', label, strategy, detail);
  const visit: Visit<SupernetRef> = (node, ins, stepName) => {
    const inShapes = ins.map(shapeOf);
    const inWidths = ins.map(widthOf);
    const mutation = mutationOf(node);
    if (insideCandidateOf !== undefined && (mutation !== undefined || node.type === 'InputChoice')) {
      throw unsupportedPrimitive(PRIMITIVE_OF_MUTATION[mutation ?? ''] ?? node.type, node.label ?? node.name, strategy, ` nested inside a candidate of LayerChoice "${insideCandidateOf}"`);
    }
    let index: number;
    if (mutation === 'layerchoice') {
      const label = node.label ?? String(node.parameters['label']);
      const names = node.parameters['candidates'] as (string | number)[];
      const cells = graphs.get(node.cellName!)!.nodes;
      const lowered = cells.map((candidate, k) => lowerGraph({ ...context, insideCandidateOf: label }, candidate.cellName!, inShapes, inWidths, `${stepName}/${String(names[k])}/`));
      const outShape = lowered[0]!.outputs.map((ref) => (ref.step === -1 ? inShapes[ref.slot]! : lowered[0]!.shapes[ref.step]![ref.slot]!));
      const outWidth = outputWidth(lowered[0]!, inWidths);
      lowered.forEach((sub, k) => {
        if (!sameWidth(outputWidth(sub, inWidths), outWidth)) {
          throw refuseValueChoice(label, ` in LayerChoice "${label}": its candidate "${String(names[k])}" gives a channel count other than the first candidate's for some choice`);
        }
      });
      const stepwise = lowered.map((sub) => ([...allSteps(sub)].some((s) => s.kind === 'op' && s.mixed?.ownChoices === true) ? sub : undefined));
      const candidates = cells.map((candidate) => flattenCandidate(graphs, candidate.cellName!));
      const keepsZeros = candidates.every((flat, k) => stepwise[k] !== undefined || flat.nodes.every((n) => KEEPS_ZEROS.has(n.type)));
      const remask = isMutable(outWidth) && !keepsZeros;
      index = push({ kind: 'layer-choice', name: stepName, label, names, candidates, stepwise, outWidth, remask, inputs: ins, inputShapes: inShapes }, outShape, [outWidth]);
    } else if (mutation === 'repeat') {
      const step = lowerRepeat(context, node, stepName, ins, inShapes[0]!, inWidths[0], lowerGraph);
      index = push(step, [step.outputShape], [step.outWidth]);
    } else if (mutation !== undefined) {
      throw unsupportedPrimitive(PRIMITIVE_OF_MUTATION[mutation] ?? mutation, node.label ?? node.name, strategy);
    } else if (node.type === 'InputChoice') {
      const p = node.parameters as { nCandidates: number; nChosen: number | null; reduction: string; label: string };
      if (p.nChosen === null) throw unsupportedPrimitive('InputChoice', p.label, strategy, ' without nChosen (any subset)');
      if (p.reduction === 'none') throw unsupportedPrimitive('InputChoice', p.label, strategy, ' with reduction "none"');
      const reduction = p.reduction as InputChoiceStep['reduction'];
      const masked = inWidths.find(isMutable);
      if (masked !== undefined && (reduction === 'concat' || !inWidths.every((w) => sameWidth(w, masked)))) {
        throw refuseValueChoice(findLabel(masked), ` reaching InputChoice "${p.label}": its inputs must have equal channel counts for every choice, and not be concatenated`);
      }
      const outShape = reduction === 'concat' ? node.outputShapes[0]! : inShapes[0]!;
      index = push({ kind: 'input-choice', name: stepName, label: p.label, nCandidates: p.nCandidates, nChosen: p.nChosen, reduction, inputs: ins, inputShapes: inShapes }, [outShape], [masked ?? outShape[1]]);
    } else {
      const deep = Object.values(node.parameters).find((v) => !isMutable(v) && findMutable(v) !== undefined);
      if (deep !== undefined) throw unsupportedPrimitive('ValueChoice', findLabel(findMutable(deep)), strategy, ` inside a parameter of ${node.type} "${node.name}"`);
      const mixed = mixedValueOp({ type: node.type, name: stepName, parameters: node.parameters }, inShapes, inWidths, refuseValueChoice);
      const parameters = mixed?.parameters ?? node.parameters;
      const flat: FlatNode = { name: stepName, type: node.type, parameters, inputs: ins.map((_, i) => ({ node: -1, slot: i })) };
      const outShapes = mixed ? [mixed.outputShape] : node.outputShapes;
      index = push({ kind: 'op', name: stepName, node: flat, inputs: ins, inputShapes: inShapes, ...(mixed ? { mixed } : {}) }, outShapes, mixed ? [mixed.outWidth] : outShapes.map((s) => s[1]));
    }
    return (slot) => ({ step: index, slot: slot ?? 0 });
  };
  const outputs = walkGraph<SupernetRef>(graphs, graphName, inputShapes.map((_, i) => ({ step: -1, slot: i })), prefix, visit);
  return { steps, inputCount: inputShapes.length, outputs, shapes, widths };
}

/** The width of `graph`'s first output, given its inputs' widths. */
export function outputWidth(graph: SupernetGraph, inputWidths: readonly Width[]): Width {
  const ref = graph.outputs[0]!;
  return ref.step === -1 ? inputWidths[ref.slot] : graph.widths[ref.step]![ref.slot];
}

function findLabel(mutable: unknown): string {
  const leaves = isMutable(mutable) ? mutable.leaves() : [];
  return leaves[0]?.label ?? String(mutable);
}

/**
 * Traces `space` on inputs of `inputShapes` and lowers it into supernet steps. `strategy` names the
 * strategy in refusals.
 *
 * @throws {OneShotError} `'unsupported-primitive'` for a ValueChoice the supernet cannot slice
 * exactly (naming its label and the operation), an InputChoice without `nChosen` or with reduction
 * `'none'`, or a choice nested in a LayerChoice candidate.
 */
export function lowerSupernet(space: Module, inputShapes: readonly Shape[], strategy: string): SupernetGraph {
  const graphs = trace(space, inputShapes).graphs;
  return lowerGraph({ graphs, strategy }, ROOT_GRAPH, inputShapes, inputShapes.map((s) => s[1]), '');
}
