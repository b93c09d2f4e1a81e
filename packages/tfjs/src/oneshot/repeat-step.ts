/**
 * A Repeat in a supernet: its chain of blocks lowered once up to the largest depth. A path of depth
 * d runs the first d blocks; a mixture sums, weighted, the chain's output after each allowed depth.
 */
import { type RecordedNode, Repeat, type Sample, type Shape, isMutable } from '@archspace/mutables';
import type { Width } from './mixed-value-op.js';
import { sameWidth } from './mixed-value-op.js';
import { OneShotError } from './one-shot-error.js';
import { leafValues, leavesOf, valueUnder } from './parameter-values.js';
import type { LoweringContext, StepBase, SupernetGraph, SupernetRef } from './supernet-graph.js';
import { unsupportedPrimitive } from './unsupported-primitive.js';

/** A Repeat: blocks chained up to the largest depth, cut at the depth a path chooses. */
export interface RepeatStep extends StepBase {
  readonly kind: 'repeat';
  /** The label of the depth choice; `''` when the depth is an expression of other choices. */
  readonly label: string;
  /** The expression whose value is the depth, when the depth is not a choice of its own. */
  readonly expression?: unknown;
  /** The allowed depths, in the depth choice's order. */
  readonly depths: readonly number[];
  /** The blocks, each a graph of one input and one output. */
  readonly blocks: readonly SupernetGraph[];
  /** The output shape (the same at every allowed depth). */
  readonly outputShape: Shape;
  /** The output width (the same at every allowed depth). */
  readonly outWidth: Width;
}

/** Lowers one graph of the trace; passed in so that blocks are lowered like any graph. */
export type LowerGraph = (context: LoweringContext, graphName: string, inputShapes: readonly Shape[], inputWidths: readonly Width[], prefix: string) => SupernetGraph;

function widthAfterBlock(block: SupernetGraph, inWidth: Width): Width {
  const ref: SupernetRef = block.outputs[0]!;
  return ref.step === -1 ? inWidth : block.widths[ref.step]![ref.slot];
}

function shapeAfterBlock(block: SupernetGraph, inShape: Shape): Shape {
  const ref: SupernetRef = block.outputs[0]!;
  return ref.step === -1 ? inShape : block.shapes[ref.step]![ref.slot]!;
}

/** Lowers the Repeat recorded as `node` (a `'repeat'` cell) whose input is `inputs[0]`. */
export function lowerRepeat(context: LoweringContext, node: RecordedNode, name: string, inputs: readonly SupernetRef[], inShape: Shape, inWidth: Width, lowerGraph: LowerGraph): RepeatStep {
  const { graphs, strategy } = context;
  const parameters = node.parameters as { label: string; depths: readonly number[]; depthExpression?: string };
  const expression = node.module instanceof Repeat ? node.module.depthExpression : undefined;
  const label = parameters.label || (expression ? leavesOf(expression)[0]?.label ?? node.name : node.name);
  const chain = graphs.get(node.cellName!)!.nodes;
  const blocks: SupernetGraph[] = [];
  const shapes: Shape[] = [inShape];
  const widths: Width[] = [inWidth];
  chain.forEach((blockNode, i) => {
    const block = lowerGraph(context, blockNode.cellName!, [shapes[i]!], [widths[i]], `${name}/${i}/`);
    blocks.push(block);
    shapes.push(shapeAfterBlock(block, shapes[i]!));
    widths.push(widthAfterBlock(block, widths[i]));
  });
  const last = Math.max(...parameters.depths);
  for (const d of parameters.depths) {
    if (JSON.stringify(shapes[d]) !== JSON.stringify(shapes[last]) || !sameWidth(widths[d], widths[last])) {
      throw unsupportedPrimitive('Repeat', label, strategy, `: its output after ${d} blocks is shaped ${JSON.stringify(shapes[d])}, after ${last} blocks ${JSON.stringify(shapes[last])} (every allowed depth must give the same shape)`);
    }
  }
  return {
    kind: 'repeat',
    name,
    label: parameters.label,
    ...(expression !== undefined ? { expression } : {}),
    depths: parameters.depths,
    blocks,
    inputs,
    inputShapes: [inShape],
    outputShape: shapes[last]!,
    outWidth: isMutable(widths[last]) ? widths[last] : shapes[last]![1],
  };
}

/** The depth `sample` gives `step`, checked to be one of its allowed depths. */
export function repeatDepth(step: RepeatStep, sample: Sample): number {
  const depth = step.expression !== undefined ? valueUnder(step.expression, sample) : sample[step.label];
  if (!step.depths.includes(depth as number)) {
    throw new OneShotError({ code: 'invalid-sample', path: [step.label || step.name], expected: `a depth of Repeat "${step.name}" among ${step.depths.join(', ')}`, received: depth });
  }
  return depth as number;
}

/**
 * How a mixture weighs the depths of `step`: the label whose weights apply, and the depth each of
 * its weights stands for. An expression depth is mixed only when it depends on one choice.
 */
export function repeatMixture(step: RepeatStep, strategy: string): { readonly label: string; readonly depths: readonly number[] } {
  if (step.expression === undefined) return { label: step.label, depths: step.depths };
  const leaves = leavesOf(step.expression);
  const values = leaves.length === 1 ? leafValues(leaves[0]!) : undefined;
  if (values === undefined) {
    throw unsupportedPrimitive('Repeat', leaves[0]?.label ?? step.name, strategy, ` (depth ${String(step.expression)}): a mixture needs a depth decided by one choice`);
  }
  const leaf = leaves[0]!.label;
  return { label: leaf, depths: values.map((v) => valueUnder(step.expression, { [leaf]: v }) as number) };
}
