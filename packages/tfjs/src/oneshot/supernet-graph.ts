/**
 * Lowers a traced model space into the steps of a supernet: plain operations, layer choices (each
 * candidate a frozen flat model of its own) and input choices, in execution order. Whatever a
 * one-shot strategy cannot handle yet is refused here, naming the primitive and the strategy.
 */
import { type FlatModel, type FlatNode, type FlatRef, type GraphRecord, type Module, type RecordedNode, type Shape, ROOT_GRAPH, isMutable, trace } from '@archspace/mutables';
import { OneShotError } from './one-shot-error.js';

/** A value of the supernet: a graph input (`step: -1`, `slot` = input index) or a step's output. */
export interface SupernetRef {
  readonly step: number;
  readonly slot: number;
}

/** What every step has: its path in the network and where its inputs come from. */
interface StepBase {
  readonly name: string;
  readonly inputs: readonly SupernetRef[];
  readonly inputShapes: readonly Shape[];
}

/** A plain operation, the same in every architecture. */
export interface OpStep extends StepBase {
  readonly kind: 'op';
  readonly node: FlatNode;
}

/** A LayerChoice at one place of the network: its candidates, each a frozen flat model. */
export interface LayerChoiceStep extends StepBase {
  readonly kind: 'layer-choice';
  readonly label: string;
  readonly names: readonly (string | number)[];
  readonly candidates: readonly FlatModel[];
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
export type SupernetStep = OpStep | LayerChoiceStep | InputChoiceStep;

/** A model space lowered for one-shot search. */
export interface SupernetGraph {
  readonly steps: readonly SupernetStep[];
  readonly inputCount: number;
  readonly outputs: readonly SupernetRef[];
  /** The output shapes of every step (slot by slot). */
  readonly shapes: readonly (readonly Shape[])[];
}

/** The refusal of `primitive` (labelled `label`) for `strategy`. */
export function unsupportedPrimitive(primitive: string, label: string, strategy: string, detail = ''): OneShotError {
  return new OneShotError({
    code: 'unsupported-primitive',
    path: [label],
    expected: 'a space whose decisions are LayerChoice and InputChoice (nChosen set, reduction sum, mean or concat)',
    received: primitive,
    message:
      `${strategy} cannot search the ${primitive} "${label}"${detail}: one-shot supernets handle LayerChoice and InputChoice so far; ` +
      'ValueChoice widths and kernel sizes, Repeat depths and nested choices are not supported yet',
  });
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

function refuseMutableParameters(node: RecordedNode, strategy: string): void {
  const found = findMutable(node.parameters) as { label?: string } | undefined;
  if (found !== undefined) throw unsupportedPrimitive('ValueChoice', found.label ?? node.name, strategy, ` (a parameter of ${node.type} "${node.name}")`);
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

/** Flattens a candidate's graph into a frozen flat model, refusing choices nested inside it. */
function flattenCandidate(graphs: ReadonlyMap<string, GraphRecord>, graphName: string, label: string, strategy: string): FlatModel {
  const nodes: FlatNode[] = [];
  const root = graphs.get(graphName)!;
  const inputs: FlatRef[] = root.inputShapes.map((_, i) => ({ node: -1, slot: i }));
  const outputs = walkGraph<FlatRef>(graphs, graphName, inputs, '', (node, ins, path) => {
    const mutation = mutationOf(node);
    if (mutation !== undefined || node.type === 'InputChoice') {
      throw unsupportedPrimitive(PRIMITIVE_OF_MUTATION[mutation ?? ''] ?? node.type, node.label ?? node.name, strategy, ` nested inside a candidate of LayerChoice "${label}"`);
    }
    refuseMutableParameters(node, strategy);
    const index = nodes.length;
    nodes.push({ name: path, type: node.type, parameters: node.parameters, inputs: ins });
    return (slot) => ({ node: index, slot });
  });
  return { inputCount: root.inputShapes.length, nodes, outputs };
}

/**
 * Traces `space` on inputs of `inputShapes` and lowers it into supernet steps. `strategy` names the
 * strategy in refusals.
 *
 * @throws {OneShotError} `'unsupported-primitive'` for a ValueChoice parameter, a Repeat, an
 * InputChoice without `nChosen` or with reduction `'none'`, or a choice nested in a candidate.
 */
export function lowerSupernet(space: Module, inputShapes: readonly Shape[], strategy: string): SupernetGraph {
  const graphs = trace(space, inputShapes).graphs;
  const steps: SupernetStep[] = [];
  const shapes: Shape[][] = [];
  const inputShapeOf = (ref: SupernetRef): Shape => (ref.step === -1 ? inputShapes[ref.slot]! : shapes[ref.step]![ref.slot]!);
  const push = (step: SupernetStep, outputShapes: readonly Shape[]): number => {
    steps.push(step);
    shapes.push([...outputShapes]);
    return steps.length - 1;
  };
  const visit: Visit<SupernetRef> = (node, ins, stepName) => {
    const inShapes = ins.map(inputShapeOf);
    const mutation = mutationOf(node);
    let index: number;
    if (mutation === 'layerchoice') {
      const label = node.label ?? String(node.parameters['label']);
      const names = node.parameters['candidates'] as (string | number)[];
      const candidates = graphs.get(node.cellName!)!.nodes.map((candidate) => flattenCandidate(graphs, candidate.cellName!, label, strategy));
      index = push({ kind: 'layer-choice', name: stepName, label, names, candidates, inputs: ins, inputShapes: inShapes }, node.outputShapes);
    } else if (mutation !== undefined) {
      throw unsupportedPrimitive(PRIMITIVE_OF_MUTATION[mutation] ?? mutation, node.label ?? node.name, strategy);
    } else if (node.type === 'InputChoice') {
      const p = node.parameters as { nCandidates: number; nChosen: number | null; reduction: string; label: string };
      if (p.nChosen === null) throw unsupportedPrimitive('InputChoice', p.label, strategy, ' without nChosen (any subset)');
      if (p.reduction === 'none') throw unsupportedPrimitive('InputChoice', p.label, strategy, ' with reduction "none"');
      const reduction = p.reduction as InputChoiceStep['reduction'];
      index = push({ kind: 'input-choice', name: stepName, label: p.label, nCandidates: p.nCandidates, nChosen: p.nChosen, reduction, inputs: ins, inputShapes: inShapes }, node.outputShapes);
    } else {
      refuseMutableParameters(node, strategy);
      const flat: FlatNode = { name: stepName, type: node.type, parameters: node.parameters, inputs: ins.map((_, i) => ({ node: -1, slot: i })) };
      index = push({ kind: 'op', name: stepName, node: flat, inputs: ins, inputShapes: inShapes }, node.outputShapes);
    }
    return (slot) => ({ step: index, slot: slot ?? 0 });
  };
  const outputs = walkGraph<SupernetRef>(graphs, ROOT_GRAPH, inputShapes.map((_, i) => ({ step: -1, slot: i })), '', visit);
  return { steps, inputCount: inputShapes.length, outputs, shapes };
}
